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
