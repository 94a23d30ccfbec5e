/**
 * The one rule for what counts as a secret in text, for every side that passes text on: the
 * server kit's logs and error answers, and the element's error events and views (Stripe's errors
 * repeat what they were given, a client secret included).
 *
 * Stripe credentials and client secrets: `sk_live_…`, `sk_test_…`, `rk_…`, `whsec_…`, and
 * `cos_…_secret_…` (any `<prefix>_…_secret_…`). Stripe's own messages mask keys
 * (`sk_test_****1234`), which this also covers. Matched wherever they stand, with no word
 * boundary: a key glued to what precedes it (`%3Dsk_test_…` in a URL-encoded query,
 * `xsk_live_…`, `token:rk_test_…`) is still a key.
 */
const SECRET_PATTERNS: readonly RegExp[] = [
  /(?:sk|rk)_(?:live|test)_[A-Za-z0-9*]+/g,
  /whsec_[A-Za-z0-9+/=*]+/g,
  /[a-z]+_[A-Za-z0-9]+_secret_[A-Za-z0-9*]+/g,
];

export const REDACTED = '[redacted]';

export function redactSecrets(text: string): string {
  let redacted = text;
  for (const pattern of SECRET_PATTERNS) redacted = redacted.replace(pattern, REDACTED);
  return redacted;
}
