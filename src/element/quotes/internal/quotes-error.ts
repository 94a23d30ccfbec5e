/**
 * Every failure of `<crypto-onramp-quotes>` becomes one `QuotesError`, whose plain `detail` is the
 * `crypto-onramp-quotes-error` event's. Messages are written here, never copied from a JS error.
 */
import { CodedError, type ErrorExtra } from '../../internal/coded-error.js';
import { fill } from '../../internal/locale/fill.js';
import { QUOTES_WORDS } from '../../internal/locale/en-quotes.js';
import type { CryptoOnrampQuotesErrorCode, CryptoOnrampQuotesErrorDetail } from '../events.js';

/** Codes where asking again with the same configuration can succeed. */
const RETRYABLE: ReadonlySet<CryptoOnrampQuotesErrorCode> = new Set<CryptoOnrampQuotesErrorCode>([
  'quotes_request_failed',
  'invalid_quotes_response',
]);

export class QuotesError extends CodedError<CryptoOnrampQuotesErrorDetail> {
  /** `extra.cause`, the failure behind this one, is the error's `cause`, never in its `detail`. */
  constructor(code: CryptoOnrampQuotesErrorCode, message: string, { cause, ...extra }: ErrorExtra<CryptoOnrampQuotesErrorDetail> & { cause?: unknown } = {}) {
    super(code, message, extra, RETRYABLE, { cause });
    this.name = 'QuotesError';
  }
}

type QuotesWord = keyof typeof QUOTES_WORDS;

/**
 * A `QuotesError` whose message is the element's own sentence `key` (English here, with `params`);
 * the element puts it in its own language before the error is shown (`words`).
 */
export const wordedError = (
  code: CryptoOnrampQuotesErrorCode,
  key: QuotesWord,
  extra: ConstructorParameters<typeof QuotesError>[2] = {},
  ...params: unknown[]
): QuotesError & { words: [QuotesWord, ...unknown[]] } =>
  Object.assign(new QuotesError(code, fill(QUOTES_WORDS[key], params, 'en'), extra), { words: [key, ...params] as [QuotesWord, ...unknown[]] });
