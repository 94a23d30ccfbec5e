/**
 * Every failure of `<crypto-onramp-quotes>` becomes one `QuotesError`, whose plain `detail` is the
 * `crypto-onramp-quotes-error` event's. Messages are written here, never copied from a JS error.
 */
import type { CryptoOnrampQuotesErrorCode, CryptoOnrampQuotesErrorDetail } from '../events.js';

/** Codes where asking again with the same configuration can succeed. */
const RETRYABLE: ReadonlySet<CryptoOnrampQuotesErrorCode> = new Set<CryptoOnrampQuotesErrorCode>([
  'quotes_request_failed',
  'invalid_quotes_response',
]);

export class QuotesError extends Error {
  readonly detail: CryptoOnrampQuotesErrorDetail;

  constructor(
    code: CryptoOnrampQuotesErrorCode,
    message: string,
    extra: Partial<Omit<CryptoOnrampQuotesErrorDetail, 'code' | 'message'>> & { cause?: unknown } = {},
  ) {
    const { cause, ...fields } = extra;
    super(message, { cause });
    this.name = 'QuotesError';
    this.detail = { code, message, retryable: RETRYABLE.has(code), ...fields };
  }
}
