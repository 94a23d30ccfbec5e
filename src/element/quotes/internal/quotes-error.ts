/**
 * Every failure of `<crypto-onramp-quotes>` becomes one `QuotesError`, whose plain `detail` is the
 * `crypto-onramp-quotes-error` event's. Messages are written here, never copied from a JS error.
 */
import { fill } from '../../internal/locale/fill.js';
import { QUOTES_WORDS } from '../../internal/locale/en-quotes.js';
import type { CryptoOnrampQuotesErrorCode, CryptoOnrampQuotesErrorDetail, CryptoOnrampQuotesEventMap } from '../events.js';

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

type DetailOf<K extends keyof CryptoOnrampQuotesEventMap> =
  CryptoOnrampQuotesEventMap[K] extends CustomEvent<infer D> ? D : never;

/** The events a page may cancel: an error (hides the built-in view) and a choice (keeps the onramp as it is). */
const CANCELABLE: ReadonlySet<keyof CryptoOnrampQuotesEventMap> = new Set(['crypto-onramp-quote-select', 'crypto-onramp-quotes-error'] as const);

/**
 * Dispatches one of the element's events, bubbling and composed (a listener on `document` or on a
 * host component hears it). Returns `false` when a listener called `preventDefault()`.
 */
export function emitQuotesEvent<K extends keyof CryptoOnrampQuotesEventMap>(target: EventTarget, type: K, detail: DetailOf<K>): boolean {
  return target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable: CANCELABLE.has(type) }));
}
