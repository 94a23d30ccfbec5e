/**
 * The element's failure vocabulary. Every failure becomes one `CryptoOnrampError`, which becomes
 * exactly one `crypto-onramp-error` event and, unless prevented, the built-in error view.
 */

export type CryptoOnrampErrorCode =
  | 'missing_configuration'
  | 'invalid_publishable_key'
  | 'session_request_failed'
  | 'session_http_error'
  | 'invalid_session_response'
  | 'stripe_load_failed'
  | 'mount_failed'
  | 'session_error'
  | 'unsupported_context';

export interface CryptoOnrampErrorDetail {
  code: CryptoOnrampErrorCode;
  message: string;
  /** Whether calling `refresh()` (the retry button) may succeed without changing anything else. */
  retryable: boolean;
  httpStatus?: number;
  /** `error.code` from the endpoint's `{ error: { code, message, param } }` body. */
  stripeCode?: string;
  param?: string;
}

/** Codes where a retry with the same configuration can succeed. */
const RETRYABLE: ReadonlySet<CryptoOnrampErrorCode> = new Set<CryptoOnrampErrorCode>([
  'session_request_failed',
  'invalid_session_response',
  'stripe_load_failed',
  'mount_failed',
  'session_error',
]);

export class CryptoOnrampError extends Error {
  readonly code: CryptoOnrampErrorCode;
  readonly retryable: boolean;
  readonly httpStatus?: number;
  readonly stripeCode?: string;
  readonly param?: string;

  constructor(
    code: CryptoOnrampErrorCode,
    message: string,
    extra: { httpStatus?: number; stripeCode?: string; param?: string; retryable?: boolean; cause?: unknown } = {},
  ) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'CryptoOnrampError';
    this.code = code;
    this.retryable = extra.retryable ?? RETRYABLE.has(code);
    if (extra.httpStatus !== undefined) this.httpStatus = extra.httpStatus;
    if (extra.stripeCode !== undefined) this.stripeCode = extra.stripeCode;
    if (extra.param !== undefined) this.param = extra.param;
  }

  /** The event `detail`: plain data, no stack, no cause. */
  toDetail(): CryptoOnrampErrorDetail {
    const detail: CryptoOnrampErrorDetail = {
      code: this.code,
      message: this.message,
      retryable: this.retryable,
    };
    if (this.httpStatus !== undefined) detail.httpStatus = this.httpStatus;
    if (this.stripeCode !== undefined) detail.stripeCode = this.stripeCode;
    if (this.param !== undefined) detail.param = this.param;
    return detail;
  }
}

/** Wraps anything thrown into a `CryptoOnrampError`, keeping one that already is. */
export function toOnrampError(
  error: unknown,
  code: CryptoOnrampErrorCode,
  fallbackMessage: string,
): CryptoOnrampError {
  if (error instanceof CryptoOnrampError) return error;
  const reason = error instanceof Error && error.message ? `: ${error.message}` : '';
  return new CryptoOnrampError(code, `${fallbackMessage}${reason}`, { cause: error });
}
