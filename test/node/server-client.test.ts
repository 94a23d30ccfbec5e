/**
 * The typed client (create / retrieve / list) over the official SDK's `rawRequest`, against the
 * emulator: auto-pagination across pages in both directions, `created` ranges and filters.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type Stripe from 'stripe';
import {
  createOnrampSession,
  listOnrampSessions,
  listOnrampSessionsPage,
  retrieveOnrampSession,
  type CryptoOnrampSession,
} from '../../src/server/index.js';
import { encodeQuery } from '../../src/server/client.js';
import { CLIENT_SECRET_PATTERN } from '../../src/shared/session.js';
import { recordStripeRequests, setSessionStatus, startTestEmulator, stripeAt, type TestEmulator } from './server-helpers.js';

let emulator: TestEmulator;
let stripe: Stripe;
let created: CryptoOnrampSession[] = [];

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** The emulator's clock: each session is created 10 s after the previous one, for real ranges. */
let clockMs = Date.UTC(2030, 0, 1);

before(async () => {
  emulator = await startTestEmulator({ now: () => clockMs });
  stripe = stripeAt(emulator.port);
  // Seven sessions (enough for three pages of three), two kinds, created 10 s apart.
  created = [];
  for (let i = 0; i < 7; i++) {
    clockMs += 10_000;
    const solana = i % 3 === 0;
    created.push(
      await createOnrampSession(stripe, {
        destination_currency: solana ? 'sol' : 'eth',
        destination_network: solana ? 'solana' : 'ethereum',
        source_currency: 'usd',
        source_amount: `${10 + i}.00`,
      }),
    );
  }
});
after(async () => {
  await emulator.close();
});

describe('typed client: create and retrieve', () => {
  it('creates a typed session and retrieves the same one', async () => {
    const session = await createOnrampSession(stripe, {
      destination_currency: 'usdc',
      destination_network: 'base',
      destination_currencies: ['usdc', 'eth'],
      metadata: { order: 'A-1' },
    }, { idempotencyKey: `client-${crypto.randomUUID()}` });
    assert.match(session.id, /^cos_/);
    assert.equal(session.object, 'crypto.onramp_session');
    assert.match(session.client_secret, CLIENT_SECRET_PATTERN);
    assert.equal(session.status, 'initialized');
    assert.equal(session.transaction_details.destination_currency, 'usdc');
    assert.deepEqual(session.metadata, { order: 'A-1' });
    const again = await retrieveOnrampSession(stripe, session.id);
    assert.equal(again.id, session.id);
    assert.equal(again.client_secret, session.client_secret);
  });

  it('refuses an id that would change the path, before any request', async () => {
    const sent = recordStripeRequests(stripe);
    for (const id of ['../customers', 'cos_1/../../v1/charges', '', 'cos_1?expand=x']) {
      await assert.rejects(retrieveOnrampSession(stripe, id), TypeError);
    }
    assert.equal(sent.length, 0);
  });

  it('surfaces Stripe’s errors as the SDK’s error classes', async () => {
    await assert.rejects(retrieveOnrampSession(stripe, 'cos_doesnotexist'), (error: Error & { type?: string; statusCode?: number }) => {
      assert.equal(error.type, 'StripeInvalidRequestError');
      assert.equal(error.statusCode, 404);
      return true;
    });
  });
});

describe('typed client: list', () => {
  it('pages through everything, newest first, across several pages', async () => {
    const sent = recordStripeRequests(stripe);
    const ids = created.map((session) => session.id);
    const all = await collect(listOnrampSessions(stripe, { limit: 3, created: { gte: created[0]!.created } }));
    const seen = all.map((session) => session.id).filter((id) => ids.includes(id));
    assert.deepEqual(seen, [...ids].reverse());
    const listCalls = sent.filter((event) => event.method === 'GET');
    assert.ok(listCalls.length >= 3, `${listCalls.length} pages`);
    assert.match(listCalls[0]!.path!, /^\/v1\/crypto\/onramp_sessions\?limit=3&created\[gte\]=\d+$/);
    assert.match(listCalls[1]!.path!, /starting_after=cos_/);
  });

  it('walks backwards from ending_before, oldest first, like the SDK', async () => {
    const oldest = created[0]!;
    const towardsNewer = await collect(listOnrampSessions(stripe, { limit: 2, ending_before: oldest.id }));
    const ours = towardsNewer.map((session) => session.id).filter((id) => created.some((session) => session.id === id));
    assert.deepEqual(ours, created.slice(1).map((session) => session.id));
  });

  it('filters by a created range (bounds inclusive or exclusive as asked)', async () => {
    const at = created.map((session) => session.created);
    assert.equal(new Set(at).size, at.length, 'distinct creation times');
    const ids = (sessions: CryptoOnrampSession[]) => sessions.map((session) => session.id);
    const expected = (from: number, to: number) => created.slice(from, to + 1).map((session) => session.id).reverse();

    assert.deepEqual(ids(await collect(listOnrampSessions(stripe, { created: { gte: at[2]!, lte: at[4]! }, limit: 2 }))), expected(2, 4));
    assert.deepEqual(ids(await collect(listOnrampSessions(stripe, { created: { gt: at[2]!, lt: at[4]! } }))), expected(3, 3));
    assert.deepEqual(ids(await collect(listOnrampSessions(stripe, { created: at[5]! }))), expected(5, 5));
    assert.deepEqual(await collect(listOnrampSessions(stripe, { created: { lt: at[0]! } })), []);
  });

  it('filters by destination currency, network and status', async () => {
    const solana = await collect(listOnrampSessions(stripe, { destination_network: 'solana' }));
    assert.ok(solana.length >= 3);
    assert.ok(solana.every((s) => s.transaction_details.destination_network === 'solana'));
    const eth = await collect(listOnrampSessions(stripe, { destination_currency: 'eth', limit: 2 }));
    assert.ok(eth.length >= 4);
    assert.ok(eth.every((s) => s.transaction_details.destination_currency === 'eth'));

    await setSessionStatus(emulator, created[2]!.id, 'requires_payment');
    const waiting = await collect(listOnrampSessions(stripe, { status: 'requires_payment' }));
    assert.deepEqual(waiting.map((s) => s.id), [created[2]!.id]);
  });

  it('fetches one page on request', async () => {
    const page = await listOnrampSessionsPage(stripe, { limit: 2 });
    assert.equal(page.object, 'list');
    assert.equal(page.data.length, 2);
    assert.equal(page.has_more, true);
    assert.equal(page.url, '/v1/crypto/onramp_sessions');
  });

  it('encodes queries the way Stripe reads them', () => {
    assert.equal(
      encodeQuery({ created: { gte: 1, lt: 2 }, status: 'fulfillment_complete', limit: 5, starting_after: 'cos_a b' }),
      'created[gte]=1&created[lt]=2&status=fulfillment_complete&limit=5&starting_after=cos_a%20b',
    );
    assert.equal(encodeQuery({}), '');
  });
});
