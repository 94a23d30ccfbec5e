/**
 * `redactSecrets` (src/shared, used by the server kit's logs and answers) removes every Stripe
 * secret wherever it stands in a string, glued to a letter, a digit or a URL-encoded `=`.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { redactSecrets } from '../../src/shared/redact-secrets.js';
import { redactSecrets as fromServer } from '../../src/server/index.js';

const SEED = Number(process.env['FC_SEED'] ?? Date.now() % 2 ** 31);
const RUNS = Number(process.env['FC_RUNS'] ?? 1000);

const SECRETS = ['sk_test_51Abc0DEF', 'sk_live_Zz9', 'rk_live_A1b2', 'rk_test_x', 'whsec_a+b/c=', 'cos_1Q2w3E_secret_R4t5Y6', 'sk_test_****1234'];

test('keys glued to what precedes them are redacted', () => {
  for (const text of [
    'GET /x?key%3Dsk_test_51Abc0DEF&y=1',
    'xsk_live_Zz9 and 0rk_test_abc',
    'token:rk_live_A1b2.',
    'a=cos_1Q2w3E_secret_R4t5Y6',
    'abcwhsec_deadbeef',
    '%22sk_test_51Abc0DEF%22',
  ]) {
    const out = redactSecrets(text);
    assert.doesNotMatch(out, /sk_(?:test|live)_|rk_(?:test|live)_|whsec_|_secret_/, `${text} → ${out}`);
  }
  assert.equal(fromServer('%3Dsk_test_1'), '%3D[redacted]', 'the server kit exports the shared rule');
  assert.equal(redactSecrets('no secret here: sk_prod_1, secret_x'), 'no secret here: sk_prod_1, secret_x');
});

test('property: a secret anywhere in any text is gone after redaction', () => {
  console.log(`fast-check "redaction": seed=${SEED} numRuns=${RUNS} (replay with FC_SEED=${SEED})`);
  fc.assert(
    fc.property(fc.string({ maxLength: 30 }), fc.constantFrom(...SECRETS), fc.constantFrom('', ' ', '.', ',', '&x=1', '"'), fc.string({ maxLength: 30 }), (before, secret, after, tail) => {
      const out = redactSecrets(`${before}${secret}${after}${tail}`);
      assert.ok(!out.includes(secret), `${JSON.stringify(before + secret)} → ${JSON.stringify(out)}`);
    }),
    { seed: SEED, numRuns: RUNS },
  );
});
