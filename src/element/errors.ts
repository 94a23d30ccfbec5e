/**
 * The element's failure vocabulary. Every failure becomes one `CryptoOnrampError`, which becomes
 * exactly one `crypto-onramp-error` event and, unless prevented, the built-in error view.
 * Messages are the element's own plain sentences; only Stripe's words are passed on, and those
 * with every secret redacted, in the lazy chunk of sentences (internal/messages.ts). A JavaScript
 * error's own text never reaches the page.
 */
import { CodedError, type ErrorExtra } from './internal/coded-error.js';

export type CryptoOnrampErrorCode =
  | 'missing_configuration'
  | 'invalid_publishable_key'
  | 'invalid_client_secret'
  | 'session_request_failed'
  | 'session_http_error'
  | 'invalid_session_response'
  | 'stripe_load_failed'
  | 'mount_failed'
  | 'ready_timeout'
  | 'session_error'
  | 'unsupported_context'
  | 'invalid_presets'
  | 'redirect_unavailable'
  | 'popup_blocked';

export interface CryptoOnrampErrorDetail {
  code: CryptoOnrampErrorCode;
  message: string;
  /** Whether calling `refresh()` (the retry button) may succeed without changing anything else. */
  retryable: boolean;
  httpStatus?: number;
  /** `error.code` from the endpoint's `{ error: { code, message, param } }` body. */
  stripeCode?: string;
  /** The input at fault (`session-url`, `clientSecret`, …) or the endpoint's `error.param`. */
  param?: string;
  /** Seconds the endpoint asked to wait (its `Retry-After`) before trying again. */
  retryAfter?: number;
}

/** Codes where a retry with the same configuration can succeed. */
const RETRYABLE: ReadonlySet<CryptoOnrampErrorCode> = new Set<CryptoOnrampErrorCode>([
  'session_request_failed',
  'invalid_session_response',
  'stripe_load_failed',
  'mount_failed',
  'ready_timeout',
  'session_error',
]);

/**
 * The one error type of `<crypto-onramp>`. Its `detail` is what the `crypto-onramp-error` event
 * carries and what the element's `error` property holds while `state` is `error`.
 *
 * @example
 * el.addEventListener('crypto-onramp-error', (event) => {
 *   if (event.detail.code === 'session_http_error' && event.detail.httpStatus === 401) signIn();
 * });
 */
export class CryptoOnrampError extends CodedError<CryptoOnrampErrorDetail> {
  /** The event `detail`: plain data, no stack, no cause. */
  declare readonly detail: CryptoOnrampErrorDetail;

  constructor(code: CryptoOnrampErrorCode, message: string, extra?: ErrorExtra<CryptoOnrampErrorDetail>) {
    super(code, message, extra, RETRYABLE);
    this.name = 'CryptoOnrampError';
  }

  get code(): CryptoOnrampErrorCode {
    return this.detail.code;
  }
}
