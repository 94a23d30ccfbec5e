/** Stripe-shaped identifiers: a prefix and random base62 characters (never `_` or `-`). */
import { randomBytes } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 4 × 62: rejecting higher bytes keeps every character equally likely.
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

export const newSessionId = (): string => `cos_1${randomBase62(23)}`;
/** `cos_…_secret_…`, the shape `crypto-onramp-outer.js` checks: `^cos_[^_]+_secret_[^-]+$`. */
export const newClientSecret = (sessionId: string): string => `${sessionId}_secret_${randomBase62(40)}`;
/** The hosted page's credential; deliberately unrelated to the client secret. */
export const newSessionHash = (): string => randomBase62(32);
export const newRequestId = (): string => `req_${randomBase62(14)}`;
export const newEventId = (): string => `evt_1${randomBase62(23)}`;
export const newQuoteId = (): string => `cqt_${randomBase62(24)}`;
