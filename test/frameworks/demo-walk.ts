// Kept apart from browser-helpers.ts: the test helpers it needs register the element from the
// sources, which the drop-in bundle's test must not import.
import { expect } from '@open-wc/testing';
import { iframes, mountNodes, requestLog, type EventRecorder } from '../browser/support/helpers.js';
import { choose, statusText, until } from './browser-helpers.js';

/**
 * The walk every framework demo must pass, the same for each: the first session's status shows, a
 * preset change bound to state mints once more, removing the element leaves no mount node and no
 * iframe, and adding it back (a new element, not a move) mints its own session.
 */
export async function exerciseDemo(parent: HTMLElement, events: EventRecorder, log: string): Promise<void> {
  await events.nth('crypto-onramp-status-change', 1);
  await until(parent, () => statusText(parent) === 'Status: initialized', 'the status line');

  choose(parent.querySelector('select')!, 'usdc');
  await events.nth('crypto-onramp-ready', 2);
  const toggle = parent.querySelector('button')!;
  toggle.click();
  await until(parent, () => parent.querySelector('crypto-onramp') === null, 'the element to be removed');
  expect(mountNodes()).to.have.length(0);
  expect(iframes()).to.have.length(0);
  toggle.click();
  await events.nth('crypto-onramp-ready', 3);

  expect((await requestLog(log)).map((r) => r.body)).to.deep.equal([
    { destination_currency: 'eth', destination_network: 'ethereum' },
    { destination_currency: 'usdc', destination_network: 'solana' },
    { destination_currency: 'usdc', destination_network: 'solana' },
  ]);
  expect(iframes()).to.have.length(1);
}
