/**
 * Turns whatever was thrown into the element's one error type: a `CryptoOnrampError` passes
 * through, Stripe's own words are kept (secrets redacted), anything else loses its text.
 */
import { redactSecrets } from '../../shared/redact-secrets.js';
import { CryptoOnrampError, type CryptoOnrampErrorCode } from '../errors.js';

/**
 * Anything thrown that is not already a `CryptoOnrampError` (a bug, a browser's TypeError on odd
 * input) becomes a plain retryable `mount_failed`: its own text is for developers, not customers.
 */
export function toOnrampError(error: unknown): CryptoOnrampError {
  return error instanceof CryptoOnrampError
    ? error
    : new CryptoOnrampError('mount_failed', 'Something went wrong while showing the onramp. Try again.');
}

/**
 * An error thrown by Stripe's script: the element's sentence, then Stripe's words with secrets
 * redacted. Stripe's words are its `IntegrationError`s and plain `Error`s; a `TypeError` and the
 * like are a JavaScript fault, whose text stays out.
 */
export function stripeError(error: unknown, code: CryptoOnrampErrorCode, message: string): CryptoOnrampError {
  if (error instanceof CryptoOnrampError) return error;
  const words = error instanceof Error && (error.name === 'IntegrationError' || error.constructor === Error) && error.message;
  return new CryptoOnrampError(code, words ? `${message}: ${redactSecrets(words)}` : `${message}.`);
}
