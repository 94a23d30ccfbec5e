/**
 * The emulator's idempotency cache on its own, with a hand-driven clock: Stripe keeps a key's
 * first response for 24 hours, then the key is free again.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { IdempotencyCache, type StoredResponse } from '../../src/emulator/idempotency.js';

const HOUR = 60 * 60 * 1000;

function cacheWithClock(start = Date.UTC(2026, 0, 1)) {
  let now = start;
  const cache = new IdempotencyCache(() => now);
  const response = (body: string): Omit<StoredResponse, 'createdAt'> => ({
    method: 'POST',
    path: '/v1/crypto/onramp_sessions',
    fingerprint: '{}',
    status: 200,
    body,
    requestId: 'req_test',
  });
  const lookup = (key: string) => cache.lookup(key, 'POST', '/v1/crypto/onramp_sessions', '{}');
  return { cache, response, lookup, advance: (ms: number) => (now += ms), setNow: (ms: number) => (now = ms), start };
}

describe('IdempotencyCache', () => {
  test('replays for 24 hours, then forgets the key', () => {
    const { cache, response, lookup, advance } = cacheWithClock();
    cache.remember('a', response('first'));
    advance(24 * HOUR - 1);
    const replay = lookup('a');
    assert.equal(replay.kind, 'replay');
    assert.equal(replay.kind === 'replay' && replay.response.body, 'first');
    advance(2);
    assert.equal(lookup('a').kind, 'new');
    assert.deepEqual(cache.entries(), []);
  });

  test('a key used again after it expired keeps its own 24 hours, behind younger keys', () => {
    const { cache, response, lookup, advance } = cacheWithClock();
    cache.remember('a', response('a1'));
    advance(12 * HOUR);
    cache.remember('b', response('b'));
    advance(13 * HOUR); // a expired, b 13 h old
    assert.equal(lookup('a').kind, 'new');
    cache.remember('a', response('a2'));
    advance(12 * HOUR); // b expired (25 h), a2 12 h old
    assert.equal(lookup('b').kind, 'new');
    const replay = lookup('a');
    assert.equal(replay.kind === 'replay' && replay.response.body, 'a2');
    assert.deepEqual(cache.entries().map(([key]) => key), ['a']);
  });

  test('a clock set back never revives an expired entry', () => {
    const { cache, response, lookup, advance, setNow, start } = cacheWithClock();
    setNow(start + 10 * HOUR);
    cache.remember('late', response('late'));
    setNow(start); // test time moved back: 'early' is now the newer-looking one behind 'late'
    cache.remember('early', response('early'));
    advance(24 * HOUR + 1); // 'early' expired; 'late' still live and first in line
    assert.equal(lookup('early').kind, 'new');
    assert.equal(lookup('late').kind, 'replay');
    assert.deepEqual(cache.entries().map(([key]) => key), ['late']);
  });

  test('restore keeps live entries in age order and drops expired ones', () => {
    const { cache, response, lookup, advance, start } = cacheWithClock();
    const at = (key: string, createdAt: number): [string, StoredResponse] => [key, { ...response(key), createdAt }];
    cache.restore([at('young', start - HOUR), at('old', start - 25 * HOUR), at('middle', start - 10 * HOUR)]);
    assert.deepEqual(cache.entries().map(([key]) => key), ['middle', 'young']);
    advance(15 * HOUR); // middle is 25 h old
    assert.equal(lookup('middle').kind, 'new');
    assert.equal(lookup('young').kind, 'replay');
  });
});
