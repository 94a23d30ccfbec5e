/**
 * Fuzzing the minting endpoint: a few hundred random bodies from a seeded PRNG (wrong types,
 * prototype keys, huge strings, broken JSON, deep nesting, near-valid presets), each through the
 * handler against the real emulator. No answer may be a 5xx, nothing may throw, and no answer may
 * carry the secret key or anything else but `client_secret` on success.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createOnrampSessionHandler } from '../../src/server/index.js';
import { BROWSER_PARAMS } from '../../src/server/browser-params.js';
import {
  captureLogger,
  mintRequest,
  seededRandom,
  startTestEmulator,
  stripeAt,
  TEST_SECRET_KEY,
  VALID_BODY,
  type TestEmulator,
} from './server-helpers.js';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20_240_601);
const CASES = 400;

let emulator: TestEmulator;
before(async () => {
  emulator = await startTestEmulator();
});
after(async () => {
  await emulator.close();
});

function generator(random: () => number) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const keys = [
    ...BROWSER_PARAMS, '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'customer_ip_address',
    'metadata', 'kyc_details', 'expand', '', 'wallet_addresses[ethereum]', 'ethereum', 'base_network', 'destination_tags',
  ];
  const strings = [
    '', 'eth', 'usdc', 'btc', 'ethereum', 'base', 'solana', 'bitcoin', 'usd', 'eur', 'ETH', '100', '100.00', '0', '-1', '1e5',
    '0.1234567890123456789', 'NaN', 'null', 'true', '0x71C7656EC7ab88b098defB751B7401B5f6d8976F', '\u0000', '\ud800', '🦄',
    '<script>', '../../etc/passwd', 'a'.repeat(6000),
  ];
  const value = (depth: number): unknown => {
    const roll = random();
    if (depth > 4 || roll < 0.35) return pick(strings);
    if (roll < 0.45) return pick([0, 1, -1, 1.5, 1e308, Number.MAX_SAFE_INTEGER + 2, true, false, null]);
    if (roll < 0.7) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
    const object: Record<string, unknown> = {};
    for (let i = Math.floor(random() * 4); i > 0; i--) object[pick(keys)] = value(depth + 1);
    return object;
  };
  const deep = (levels: number, array: boolean): string => (array ? '['.repeat(levels) + ']'.repeat(levels) : '{"a":'.repeat(levels) + '1' + '}'.repeat(levels));

  /** One raw body: JSON text, valid or not. */
  return (): string => {
    const kind = random();
    if (kind < 0.1) {
      // Broken JSON: a valid body cut short or with a byte flipped.
      const text = JSON.stringify(VALID_BODY);
      const cut = Math.floor(random() * text.length);
      return random() < 0.5 ? text.slice(0, cut) : text.slice(0, cut) + pick(['"', '}', ',', '\\', '\u0001']) + text.slice(cut + 1);
    }
    if (kind < 0.15) return deep(1 + Math.floor(random() * 5000), random() < 0.5);
    if (kind < 0.2) return JSON.stringify(value(0));
    if (kind < 0.3) {
      // Prototype keys where JSON.parse makes them own properties.
      return `{"__proto__":{"polluted":true},"${pick(BROWSER_PARAMS)}":${JSON.stringify(value(2))}}`;
    }
    if (kind < 0.65) {
      // A valid body with a few members replaced by random values: reaches deeper rules.
      const body: Record<string, unknown> = structuredClone(VALID_BODY);
      for (let i = 1 + Math.floor(random() * 3); i > 0; i--) {
        const key = pick(keys);
        if (random() < 0.3) delete body[key];
        else body[key] = value(1);
      }
      return JSON.stringify(body);
    }
    // Random subsets of real presets with random valid-looking values.
    const body: Record<string, unknown> = {};
    for (const key of BROWSER_PARAMS) if (random() < 0.4) body[key] = random() < 0.7 ? (VALID_BODY as Record<string, unknown>)[key] ?? pick(strings) : value(1);
    return JSON.stringify(body);
  };
}

describe('fuzz: the minting endpoint', () => {
  it(`${CASES} random bodies (seed ${SEED}): no 5xx, no throw, no secret, nothing but client_secret on success`, async () => {
    const stripe = stripeAt(emulator.port);
    const { logger, lines } = captureLogger();
    const handler = createOnrampSessionHandler({ stripe, logger, publishableKey: 'pk_test_fuzz', policy: { hostedFallback: false } });
    const next = generator(seededRandom(SEED));
    const statuses = new Map<number, number>();
    for (let i = 0; i < CASES; i++) {
      const raw = next();
      const idempotency: Record<string, string> = seededRandom(SEED + i)() < 0.2 ? { 'Idempotency-Key': `fuzz-${i}` } : {};
      let response: Response;
      try {
        response = await handler(mintRequest(undefined, { rawBody: raw, headers: idempotency }), { peerAddress: '10.9.8.7' });
      } catch (error) {
        assert.fail(`case ${i} threw: ${String(error)}\nbody: ${raw.slice(0, 300)}`);
      }
      const text = await response.text();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      assert.ok(response.status < 500, `case ${i}: ${response.status} ${text}\nbody: ${raw.slice(0, 300)}`);
      assert.ok(!text.includes(TEST_SECRET_KEY) && !/sk_(test|live)_/.test(text), `case ${i} leaked a key`);
      const parsed = JSON.parse(text) as Record<string, unknown>;
      if (response.status === 200) {
        assert.deepEqual(Object.keys(parsed).sort(), ['client_secret', 'publishable_key'], `case ${i}`);
      } else {
        const error = parsed['error'] as Record<string, unknown>;
        assert.equal(typeof error['message'], 'string', `case ${i}`);
        assert.equal(typeof error['type'], 'string', `case ${i}`);
      }
    }
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined, 'Object.prototype untouched');
    assert.deepEqual(lines, [], 'nothing worth a server log line');
    // The corpus must reach both sides of the validator to mean anything.
    assert.ok((statuses.get(200) ?? 0) > 10, `successes: ${JSON.stringify([...statuses])}`);
    assert.ok((statuses.get(400) ?? 0) > 100, `refusals: ${JSON.stringify([...statuses])}`);
  });
});
