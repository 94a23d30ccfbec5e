/**
 * For the tests of the drop-in as shipped (dist/cdn/crypto-onramp.js, written by `npm run build`)
 * and its lazy chunks: loading it before the helpers, and failing a chunk's requests.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type * as Helpers from './helpers.js';

export const DROP_IN = '/dist/cdn/crypto-onramp.js';

/**
 * Loads the drop-in, then the helpers: imported after the drop-in defined the element, so the
 * drop-in's class is the one in use.
 */
export async function loadDropIn(): Promise<typeof Helpers> {
  expect((await fetch(DROP_IN, { method: 'HEAD' })).ok, `${DROP_IN} is missing: run npm run build`).to.equal(true);
  await import(DROP_IN as string);
  return (await import('./helpers.js')) as typeof Helpers;
}

/** Fails this page's requests for paths ending in `suffix` (`null`: none); resolves with how many failed under the previous call. */
export const blockRequests = (suffix: string | null) =>
  executeServerCommand('fail-requests', { urlPattern: suffix && `*${suffix}` }) as Promise<number>;
