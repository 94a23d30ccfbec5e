/**
 * One publishable-key format everywhere: the server kit, the element, the demo's configuration and the
 * emulator's stand-in for Stripe's script (which gets the shared pattern through its config) accept
 * and refuse the same keys, the ones `src/shared/key-formats.ts` describes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import Stripe from 'stripe';
import { DemoConfigError, readBackendConfig } from '../../demo/backend.js';
import { CryptoOnrampError } from '../../src/element/errors.js';
import { checkPublishableKey } from '../../src/element/internal/publishable-key.js';
import { standInScripts } from '../../src/emulator/stand-in/scripts.js';
import { createOnrampSessionHandler } from '../../src/server/index.js';
import { CLIENT_SECRET_PATTERN, PUBLISHABLE_KEY_PATTERN, SECRET_KEY_PATTERN } from '../../src/shared/key-formats.js';

const RUNS = Number(process.env['FC_RUNS'] ?? 300);
const SEED = Number(process.env['FC_SEED'] ?? Date.now() % 2 ** 31);

/** Keys near the format: the right prefix, a body from letters, digits and the characters other copies allowed. */
const candidateKey = fc
  .tuple(
    fc.constantFrom('pk_test_', 'pk_live_', 'pk_', 'sk_test_', 'pk_tset_'),
    fc.string({ unit: fc.constantFrom(...'aZ09_-.~ x'.split('')), minLength: 0, maxLength: 12 }),
  )
  .map(([prefix, body]) => prefix + body);

const stripe = new Stripe('sk_test_keyFormats', { telemetry: false });

/** Whether `check` accepts a key; a refusal must be the side's own error type, nothing else. */
function accepts(check: () => unknown, refusal: new (...args: never[]) => Error): boolean {
  try {
    check();
    return true;
  } catch (error) {
    assert.ok(error instanceof refusal, String(error));
    return false;
  }
}

const serverAccepts = (key: string) => accepts(() => createOnrampSessionHandler({ stripe, publishableKey: key, logger: false }), TypeError);
const elementAccepts = (key: string) => accepts(() => checkPublishableKey(key), CryptoOnrampError);
const demoAccepts = (key: string) =>
  accepts(
    () => readBackendConfig({ STRIPE_SECRET_KEY: key.startsWith('pk_live_') ? 'sk_live_demo0' : 'sk_test_demo0', STRIPE_PUBLISHABLE_KEY: key }),
    DemoConfigError,
  );

describe('key formats: one definition', () => {
  it(`the server kit, the element and the demo accept exactly the shared publishable-key format (seed ${SEED}, ${RUNS} runs)`, () => {
    console.log(`fast-check: seed ${SEED}, ${RUNS} runs (replay with FC_SEED=${SEED} FC_RUNS=${RUNS})`);
    fc.assert(
      fc.property(candidateKey, (key) => {
        const expected = PUBLISHABLE_KEY_PATTERN.test(key);
        assert.equal(serverAccepts(key), expected, `server kit on ${JSON.stringify(key)}`);
        // The element trims what the page or the endpoint gave it.
        assert.equal(elementAccepts(key), PUBLISHABLE_KEY_PATTERN.test(key.trim()), `element on ${JSON.stringify(key)}`);
        // The demo reads keys from the environment, where it trims them first.
        assert.equal(demoAccepts(key), PUBLISHABLE_KEY_PATTERN.test(key.trim()), `demo on ${JSON.stringify(key)}`);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('refuses `_` and other characters after the mode, as Stripe issues no such key', () => {
    for (const key of ['pk_test_abc_def', 'pk_test_abc-def', 'pk_test_', 'pk_test_abc def']) {
      assert.equal(PUBLISHABLE_KEY_PATTERN.test(key), false, key);
      assert.equal(serverAccepts(key), false, key);
    }
    assert.equal(serverAccepts('pk_test_51AbC0'), true);
    assert.equal(SECRET_KEY_PATTERN.exec('rk_live_51AbC0')?.[1], 'live');
  });

  it('the stand-in for Stripe\'s script checks with the shared patterns, passed in its config', () => {
    const { onrampOuterJs, onrampOuterLegacyJs } = standInScripts('http://127.0.0.1:4242');
    for (const script of [onrampOuterJs, onrampOuterLegacyJs]) {
      assert.ok(script.includes(JSON.stringify(PUBLISHABLE_KEY_PATTERN.source)), 'publishable-key pattern');
      assert.ok(script.includes(JSON.stringify(CLIENT_SECRET_PATTERN.source)), 'client-secret pattern');
      // …and holds no copy of its own.
      assert.ok(!script.includes('/^cos_') && !script.includes('/^pk_'), 'no pattern literal of its own');
    }
  });
});
