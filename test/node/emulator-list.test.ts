/**
 * Stripe's list semantics: newest first, limit bounds, cursors both ways, has_more, created
 * ranges, filters, and stripe-node's auto-pagination over a list resource. The emulator's clock
 * option gives each session its own `created` second.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import type { RunningEmulator } from '../../src/emulator/index.js';
import type { CryptoOnrampSession, StripeList } from '../../src/shared/session.js';
import { createSession, EVM_ADDRESS, raw, startTestEmulator } from './emulator-helpers.js';

const T0 = 1_700_000_000;
let clockSeconds = T0;
let emulator: RunningEmulator;
let stripe: Stripe;
/** Every session this file created, oldest first, with `created` = T0 + index * 10. */
const created: CryptoOnrampSession[] = [];

/** A list resource the way stripe-node's generated ones are written (`methodType: 'list'` enables auto-pagination). */
class OnrampSessions extends Stripe.StripeResource {
  list(params: Record<string, unknown> = {}) {
    return this._makeRequest('GET', '/v1/crypto/onramp_sessions', params, undefined, { methodType: 'list' });
  }
}

async function list(query: string): Promise<StripeList<CryptoOnrampSession>> {
  return JSON.parse(JSON.stringify(await stripe.rawRequest('GET', `/v1/crypto/onramp_sessions${query ? `?${query}` : ''}`)));
}

const ids = (sessions: CryptoOnrampSession[]): string[] => sessions.map((s) => s.id);
const newestFirst = (sessions: CryptoOnrampSession[]): CryptoOnrampSession[] => [...sessions].reverse();

before(async () => {
  ({ emulator, stripe } = await startTestEmulator({ now: () => clockSeconds * 1000 }));
  const choices = [
    { destination_currency: 'eth', destination_network: 'ethereum' },
    { destination_currency: 'usdc', destination_network: 'base' },
    { destination_currency: 'sol', destination_network: 'solana' },
  ];
  for (let i = 0; i < 25; i++) {
    clockSeconds = T0 + i * 10;
    created.push(await createSession(stripe, { ...choices[i % 3], ...(i % 3 === 0 ? { wallet_addresses: { ethereum: EVM_ADDRESS } } : {}) }));
  }
  // Two sessions in the same second: creation order still decides.
  clockSeconds = T0 + 240;
  created.push(await createSession(stripe));
  created[created.length - 1] = await emulator.setStatus(created[created.length - 1]!.id, 'rejected');
  await emulator.setStatus(created[3]!.id, 'rejected');
  created[3] = emulator.getSession(created[3]!.id)!;
});
after(() => emulator.close());

describe('pages', () => {
  test('default: 10 newest first, has_more, url', async () => {
    const page = await list('');
    assert.equal(page.object, 'list');
    assert.equal(page.url, '/v1/crypto/onramp_sessions');
    assert.equal(page.has_more, true);
    assert.deepEqual(ids(page.data), ids(newestFirst(created).slice(0, 10)));
  });

  test('limit 1 and limit 100 are the bounds', async () => {
    const one = await list('limit=1');
    assert.deepEqual(ids(one.data), [created[created.length - 1]!.id]);
    assert.equal(one.has_more, true);
    const all = await list('limit=100');
    assert.equal(all.data.length, created.length);
    assert.equal(all.has_more, false);
  });

  test('starting_after walks every session exactly once', async () => {
    const seen: string[] = [];
    let query = 'limit=7';
    for (;;) {
      const page = await list(query);
      seen.push(...ids(page.data));
      if (!page.has_more) break;
      query = `limit=7&starting_after=${page.data[page.data.length - 1]!.id}`;
    }
    assert.deepEqual(seen, ids(newestFirst(created)));
  });

  test('ending_before returns the newer neighbours, still newest first', async () => {
    const cursor = created[10]!;
    const page = await list(`limit=3&ending_before=${cursor.id}`);
    assert.deepEqual(ids(page.data), ids([created[13]!, created[12]!, created[11]!]));
    assert.equal(page.has_more, true);
    const top = await list(`limit=5&ending_before=${created[created.length - 3]!.id}`);
    assert.deepEqual(ids(top.data), ids(newestFirst(created.slice(-2))));
    assert.equal(top.has_more, false);
  });

  test('an empty page past the oldest session', async () => {
    const page = await list(`starting_after=${created[0]!.id}`);
    assert.deepEqual(page.data, []);
    assert.equal(page.has_more, false);
  });
});

describe('filters', () => {
  test('created as an exact time and as ranges', async () => {
    assert.deepEqual(ids((await list(`created=${T0 + 50}`)).data), [created[5]!.id]);
    assert.deepEqual(ids((await list(`created[gte]=${T0 + 200}&limit=100`)).data), ids(newestFirst(created.filter((s) => s.created >= T0 + 200))));
    assert.deepEqual(ids((await list(`created[gt]=${T0 + 200}&limit=100`)).data), ids(newestFirst(created.filter((s) => s.created > T0 + 200))));
    assert.deepEqual(ids((await list(`created[lt]=${T0 + 30}`)).data), ids([created[2]!, created[1]!, created[0]!]));
    assert.deepEqual(ids((await list(`created[lte]=${T0 + 30}&created[gte]=${T0 + 10}`)).data), ids([created[3]!, created[2]!, created[1]!]));
    assert.deepEqual((await list(`created[gt]=${T0 + 10_000}`)).data, []);
  });

  test('status, destination_currency, destination_network', async () => {
    const rejected = await list('status=rejected');
    assert.deepEqual(ids(rejected.data), [created[created.length - 1]!.id, created[3]!.id]);
    const usdc = await list('destination_currency=usdc&limit=100');
    assert.deepEqual(ids(usdc.data), ids(newestFirst(created.filter((s) => s.transaction_details.destination_currency === 'usdc'))));
    const solana = await list('destination_network=solana&limit=100');
    assert.ok(solana.data.length > 0 && solana.data.every((s) => s.transaction_details.destination_network === 'solana'));
    assert.deepEqual((await list('destination_network=bitcoin')).data, []);
  });

  test('filters combine with cursors and limits', async () => {
    const eth = newestFirst(created.filter((s) => s.transaction_details.destination_currency === 'eth'));
    const first = await list('destination_currency=eth&limit=2');
    assert.deepEqual(ids(first.data), ids(eth.slice(0, 2)));
    assert.equal(first.has_more, true);
    const second = await list(`destination_currency=eth&limit=2&starting_after=${first.data[1]!.id}`);
    assert.deepEqual(ids(second.data), ids(eth.slice(2, 4)));
    // A cursor that does not match the filter still marks a position.
    const afterUsdc = await list(`destination_currency=eth&limit=100&starting_after=${created[10]!.id}`);
    assert.deepEqual(ids(afterUsdc.data), ids(eth.filter((s) => s.created < created[10]!.created)));
  });

  test('the same filters through the raw query syntax of curl', async () => {
    const response = await raw(emulator, 'GET', `/v1/crypto/onramp_sessions?created%5Bgte%5D=${T0 + 230}&limit=5`);
    assert.equal(response.status, 200);
    assert.deepEqual(response.body.data.map((s: CryptoOnrampSession) => s.id), ids(newestFirst(created.filter((s) => s.created >= T0 + 230))));
  });
});

describe('stripe-node auto-pagination', () => {
  test('for await walks every page', async () => {
    const resource = new OnrampSessions(stripe);
    const seen: string[] = [];
    for await (const session of resource.list({ limit: 4 }) as unknown as AsyncIterable<CryptoOnrampSession>) seen.push(session.id);
    assert.deepEqual(seen, ids(newestFirst(created)));
  });

  test('autoPagingToArray with filters', async () => {
    const resource = new OnrampSessions(stripe);
    const all = (await (resource.list({ limit: 3, created: { gte: T0 + 100 } }) as unknown as {
      autoPagingToArray(options: { limit: number }): Promise<CryptoOnrampSession[]>;
    }).autoPagingToArray({ limit: 100 }));
    assert.deepEqual(ids(all), ids(newestFirst(created.filter((s) => s.created >= T0 + 100))));
  });

  test('backwards with ending_before', async () => {
    const resource = new OnrampSessions(stripe);
    const seen: string[] = [];
    for await (const session of resource.list({ limit: 4, ending_before: created[15]!.id }) as unknown as AsyncIterable<CryptoOnrampSession>) seen.push(session.id);
    assert.deepEqual(seen, ids(created.slice(16)), 'oldest to newest after the cursor');
  });
});
