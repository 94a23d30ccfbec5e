import { PUBLISHABLE_KEY_PATTERN, SECRET_KEY_PREFIX } from '../../shared/key-formats.js';
import { elementError } from './element-error.js';

/**
 * Checks a publishable key before it goes anywhere. A secret (`sk_`) or restricted (`rk_`) key in
 * a page is a leak already; the element refuses it loudly and never passes it to Stripe. The key
 * itself never appears in the message (messages.ts holds the sentences).
 */
export function checkPublishableKey(key: unknown): string {
  const trimmed = typeof key === 'string' ? key.trim() : '';
  if (!trimmed) throw elementError('missing_configuration', 'noKey');
  if (SECRET_KEY_PREFIX.test(trimmed)) throw elementError('invalid_publishable_key', 'secretKey');
  if (!PUBLISHABLE_KEY_PATTERN.test(trimmed)) throw elementError('invalid_publishable_key', 'badKey');
  return trimmed;
}
