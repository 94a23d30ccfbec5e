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
  /** The event `detail`: plain data, no stack, no cause. */
  readonly detail: CryptoOnrampErrorDetail;

  constructor(
    code: CryptoOnrampErrorCode,
    message: string,
    extra: Partial<Omit<CryptoOnrampErrorDetail, 'code' | 'message'>> & { cause?: unknown } = {},
  ) {
    const { cause, ...fields } = extra;
    super(message, { cause });
    this.name = 'CryptoOnrampError';
    this.detail = { code, message, retryable: RETRYABLE.has(code), ...fields };
  }

  get code(): CryptoOnrampErrorCode {
    return this.detail.code;
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
