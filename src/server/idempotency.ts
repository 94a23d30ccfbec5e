/**
 * The browser's `Idempotency-Key`, checked and forwarded to Stripe so an automatic retry of one
 * mint returns the same session instead of creating a second one.
 *
 * The key is namespaced before it reaches Stripe. Stripe keeps one idempotency namespace per
 * account, and this key comes from the browser, that is, from anyone: unprefixed, a visitor could
 * send `order-1234` and poison a key the site's own code later uses for a PaymentIntent (Stripe
 * would then refuse the site's request as a key reuse with different parameters).
 */

/** Stripe's limit on an idempotency key. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

export const DEFAULT_IDEMPOTENCY_KEY_PREFIX = 'crypto-onramp-mint:';

/** Visible ASCII only: no spaces, no control characters, nothing a header could mangle. */
const KEY_PATTERN = /^[\x21-\x7e]+$/;

export type IdempotencyKeyCheck =
  | { ok: true; key: string | undefined }
  | { ok: false; message: string };

/** Checks the header's form; an absent header is fine (Stripe's SDK then makes its own key). */
export function checkIdempotencyKey(header: string | null): IdempotencyKeyCheck {
  if (header === null) return { ok: true, key: undefined };
  if (header.length === 0) return { ok: false, message: 'The Idempotency-Key header is empty.' };
  if (header.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    return { ok: false, message: `The Idempotency-Key header is longer than ${MAX_IDEMPOTENCY_KEY_LENGTH} characters.` };
  }
  if (!KEY_PATTERN.test(header)) {
    return { ok: false, message: 'The Idempotency-Key header may hold only visible ASCII characters (no spaces).' };
  }
  return { ok: true, key: header };
}

/**
 * `prefix + key`, or, when that would pass Stripe's 255-character limit, `prefix + sha256(key)`:
 * deterministic either way, so the same browser key always maps to the same Stripe key.
 */
export async function namespaceIdempotencyKey(key: string, prefix: string): Promise<string> {
  const combined = prefix + key;
  if (combined.length <= MAX_IDEMPOTENCY_KEY_LENGTH) return combined;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key));
  const hex = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
  return (prefix + hex).slice(0, MAX_IDEMPOTENCY_KEY_LENGTH);
}
