/**
 * The error shape every validation rule produces, and the result type validators return.
 * It is the `error` member of Stripe's error body, so the emulator sends it as-is and the
 * server kit can pass it to the browser without translating it.
 */

/** How scalar values arrive: `form` (Stripe's wire format, every scalar a string) or `json`. */
export type ParamEncoding = 'form' | 'json';

export interface ParamError {
  type: 'invalid_request_error';
  code: string;
  message: string;
  /** The parameter at fault in Stripe's bracket notation, e.g. `wallet_addresses[ethereum]`. */
  param: string;
}

export type Validation<T> = { ok: true; value: T } | { ok: false; error: ParamError };

/** How a validator that knows Stripe's lists of values (create, quotes) treats a value not on them. */
export interface ValidateOptions {
  /**
   * Treat currencies, networks and fiat currencies as open enums (Stripe adds them over
   * time): a well-formed value these rules do not know passes through, and the rules keyed on known
   * values (which currency is on which network, decimals, address formats) are skipped for it, so
   * Stripe decides. The server kit validates this way; the emulator, like Stripe, knows its list.
   */
  openEnums?: boolean;
}

/**
 * Stripe's generic codes, plus the type-mismatch codes we add where Stripe sends none
 * (`parameter_invalid_array`, `parameter_invalid_object`), so clients can always branch on `code`.
 */
export const GENERIC_CODES = {
  unknown: 'parameter_unknown',
  missing: 'parameter_missing',
  empty: 'parameter_invalid_empty',
  integer: 'parameter_invalid_integer',
  string: 'parameter_invalid_string',
  boolean: 'parameter_invalid_boolean',
  array: 'parameter_invalid_array',
  object: 'parameter_invalid_object',
  exclusive: 'parameters_exclusive',
} as const;

export function paramError(code: string, param: string, message: string): ParamError {
  return { type: 'invalid_request_error', code, message, param };
}

/**
 * Thrown inside a validator to stop at the first violation (Stripe reports one error at a time);
 * never escapes the module: the public validators catch it and return `{ ok: false }`.
 */
export class ParamFailure extends Error {
  readonly error: ParamError;
  constructor(error: ParamError) {
    super(error.message);
    this.error = error;
  }
}

export function fail(code: string, param: string, message: string): never {
  throw new ParamFailure(paramError(code, param, message));
}

/** Runs a validator written with `fail()` and turns it into a `Validation`. */
export function runValidation<T>(validate: () => T): Validation<T> {
  try {
    return { ok: true, value: validate() };
  } catch (thrown) {
    if (thrown instanceof ParamFailure) return { ok: false, error: thrown.error };
    throw thrown;
  }
}

/** "a, b or c": Stripe's way of listing allowed values in a message. */
export function humanList(values: readonly string[]): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}
