/**
 * Turns whatever was thrown into the element's one error type: a `CryptoOnrampError` passes
 * through; anything else becomes `code` with the sentence `sentence` names, which gets what was
 * thrown and decides, in the messages chunk, whether any of its words are shown (Stripe's,
 * redacted) or none (a bug's, a browser's TypeError: their text is for developers, not customers).
 */
import { CryptoOnrampError, type CryptoOnrampErrorCode } from '../errors.js';
import { elementError } from './element-error.js';
import type { ThrownSentence } from './messages.js';

export const toOnrampError = (
  thrown: unknown,
  code: CryptoOnrampErrorCode = 'mount_failed',
  sentence: ThrownSentence = 'unexpected',
): CryptoOnrampError => (thrown instanceof CryptoOnrampError ? thrown : elementError(code, sentence, {}, thrown));
