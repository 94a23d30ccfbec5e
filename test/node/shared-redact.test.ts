/** The one redaction rule (src/shared/redact-secrets.ts), used by the server kit's logs and the element's error texts. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactSecrets } from '../../src/shared/redact-secrets.js';
import { redactSecrets as serverRedactSecrets } from '../../src/server/index.js';

test('redacts keys and client secrets, also glued to what precedes them', () => {
  const cases: Array<[string, string]> = [
    ['key sk_live_51Habc', 'key [redacted]'],
    ['sk_test_****1234 is masked', '[redacted] is masked'],
    ['url?key%3Dsk_test_abc&x=1', 'url?key%3D[redacted]&x=1'],
    ['token=rk_live_Zz9', 'token=[redacted]'],
    ['x9rk_test_abc', 'x9[redacted]'],
    ['whsec_abc+/=', '[redacted]'],
    ['Invalid client secret: cos_1Abc_secret_xyz.', 'Invalid client secret: [redacted]'],
    ['"cos_1Abc_secret_xyz"', '"[redacted]"'],
    ['clientSecret%3Dcos_1Abc_secret_xyz&publishableKey', 'clientSecret%3D[redacted]&publishableKey'],
    ['pi_123_secret_456', '[redacted]'],
  ];
  for (const [input, expected] of cases) assert.equal(redactSecrets(input), expected, input);
});

test('leaves ordinary text, publishable keys and session ids alone', () => {
  for (const text of ['pk_test_abc is public', 'session cos_1Abc updated', 'risk_level ok', 'The session endpoint answered HTTP 500.']) {
    assert.equal(redactSecrets(text), text);
  }
});

test('the server kit exports the same function', () => {
  assert.equal(serverRedactSecrets, redactSecrets);
});

import fc from 'fast-check';
const SEED = Number(process.env['FC_SEED'] ?? Date.now() % 2 ** 31);
const RUNS = Number(process.env['FC_RUNS'] ?? 1000);

const SECRETS = ['sk_test_51Abc0DEF', 'sk_live_Zz9', 'rk_live_A1b2', 'rk_test_x', 'whsec_a+b/c=', 'cos_1Q2w3E_secret_R4t5Y6', 'sk_test_****1234'];

test('(abuse list) keys glued to what precedes them are redacted', () => {
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
  assert.equal(serverRedactSecrets('%3Dsk_test_1'), '%3D[redacted]', 'the server kit exports the shared rule');
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
