/**
 * Stripe's API-key check, emulator edition: any test-mode secret (`sk_test_…`) or restricted
 * (`rk_test_…`) key is accepted, as `Authorization: Bearer <key>` or HTTP Basic with the key as
 * the user name (`curl -u sk_test_…:`). Live keys are refused so that one is never sent here.
 */
import { SECRET_KEY_PREFIX } from '../shared/key-formats.js';
import type { StripeError } from './responses.js';

export type AuthResult = { ok: true; apiKey: string } | { ok: false; error: StripeError };

function keyFromHeader(header: string | undefined): string | null {
  if (!header) return null;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (bearer) return bearer[1] ?? null;
  const basic = /^Basic\s+(\S+)\s*$/i.exec(header);
  if (basic) {
    const decoded = Buffer.from(basic[1] ?? '', 'base64').toString('utf8');
    return decoded.split(':')[0] || null;
  }
  return null;
}

const refuse = (message: string): AuthResult => ({ ok: false, error: { type: 'invalid_request_error', message } });

export function authenticate(authorization: string | undefined): AuthResult {
  const key = keyFromHeader(authorization);
  if (!key) {
    return refuse(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    );
  }
  const secret = SECRET_KEY_PREFIX.exec(key);
  if (secret?.[1] === 'test' && key.length > secret[0].length) return { ok: true, apiKey: key };
  if (key.startsWith('pk_')) return refuse('This API call cannot be made with a publishable API key. Please use a secret API key.');
  if (secret?.[1] === 'live') {
    return refuse('The crypto onramp emulator accepts only test mode keys (sk_test_…). Never send a live key to it.');
  }
  return refuse(`Invalid API Key provided: ${key.slice(0, 8)}${'*'.repeat(Math.max(0, Math.min(key.length - 8, 20)))}`);
}
