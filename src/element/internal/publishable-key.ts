import { PUBLISHABLE_KEY_PATTERN, SECRET_KEY_PREFIX } from '../../shared/key-formats.js';
import { CryptoOnrampError } from '../errors.js';

/**
 * Checks a publishable key before it goes anywhere. A secret (`sk_`) or restricted (`rk_`) key in
 * a page is a leak already; the element refuses it loudly and never passes it to Stripe. The key
 * itself never appears in the message.
 */
export function checkPublishableKey(key: unknown): string {
  const trimmed = typeof key === 'string' ? key.trim() : '';
  if (!trimmed) {
    throw new CryptoOnrampError(
      'missing_configuration',
      'No publishable key: set publishable-key, or answer publishable_key from the session endpoint.',
    );
  }
  if (SECRET_KEY_PREFIX.test(trimmed)) {
    throw new CryptoOnrampError(
      'invalid_publishable_key',
      'A secret or restricted key is not a publishable key. It was not used: remove it from the page and roll it in the Stripe Dashboard.',
    );
  }
  if (!PUBLISHABLE_KEY_PATTERN.test(trimmed)) {
    throw new CryptoOnrampError(
      'invalid_publishable_key',
      'The publishable key is not pk_test_… or pk_live_….',
    );
  }
  return trimmed;
}
