/**
 * For the tests of the drop-in as shipped (dist/cdn, written by `npm run build`): the drop-in is
 * imported before the helpers, so that its class is the one `<crypto-onramp>` names (the helpers
 * import the element's sources, which then find the tag taken and register nothing).
 */
import { expect } from '@open-wc/testing';
import type * as Helpers from './helpers.js';

export const DROP_IN = '/dist/cdn/crypto-onramp.js';

/** Checks that the drop-in (and any `files` beside it) were built, imports it, then the helpers. */
export async function loadDropIn(...files: string[]): Promise<typeof Helpers> {
  for (const file of [DROP_IN, ...files]) {
    expect((await fetch(file, { method: 'HEAD', cache: 'no-store' })).ok, `${file} is missing: run npm run build`).to.equal(true);
  }
  await import(DROP_IN as string);
  return (await import('./helpers.js')) as typeof Helpers;
}
