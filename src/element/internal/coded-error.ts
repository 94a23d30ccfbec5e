/**
 * The one shape of both elements' errors (`CryptoOnrampError`, the quotes element's `QuotesError`):
 * an `Error` whose `detail`, plain data, is the element's error event's, with `retryable` saying
 * whether a retry with the same configuration may succeed. Each element's error class names
 * itself and brings its own codes, its own detail fields and its own retryable codes.
 */

/** What every error detail carries; each element's detail type adds its own fields. */
export interface CodedErrorDetail {
  code: string;
  message: string;
  retryable: boolean;
}

/** The fields a caller adds to a detail beside its code and message (`retryable` overrides the code's). */
export type ErrorExtra<D extends CodedErrorDetail> = Partial<Omit<D, 'code' | 'message'>>;

export class CodedError<D extends CodedErrorDetail> extends Error {
  /** The event `detail`: plain data, no stack, no cause. */
  readonly detail: D;

  /** `retryable`: the element's codes whose retry may succeed; `options.cause` stays off the detail. */
  constructor(code: D['code'], message: string, extra: ErrorExtra<D> | undefined, retryable: ReadonlySet<D['code']>, options?: ErrorOptions) {
    super(message, options);
    this.detail = { code, message, retryable: retryable.has(code), ...extra } as D;
  }
}
