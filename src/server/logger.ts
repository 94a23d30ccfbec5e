/**
 * Server-side logging. Every line goes through `redactSecrets` first, so neither the Stripe secret
 * key, a restricted key, a webhook secret nor a session's client secret can reach a log, whatever
 * an error message happens to contain.
 */

/** The subset of `console` the kit writes to. Any structured logger (pino, winston) fits. */
export interface OnrampLogger {
  error(message: string): void;
  warn(message: string): void;
}

/**
 * Stripe credentials and client secrets: `sk_live_…`, `sk_test_…`, `rk_…`, `whsec_…`, and
 * `cos_…_secret_…`. Stripe's own messages mask keys (`sk_test_****1234`), which this also covers.
 */
const SECRET_PATTERNS: readonly RegExp[] = [
  /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9*]+/g,
  /\bwhsec_[A-Za-z0-9+/=*]+/g,
  /\b[a-z]+_[A-Za-z0-9]+_secret_[A-Za-z0-9*]+/g,
];

export function redactSecrets(text: string): string {
  let redacted = text;
  for (const pattern of SECRET_PATTERNS) redacted = redacted.replace(pattern, '[redacted]');
  return redacted;
}

/** Prefixes lines so a site's logs say where they came from, and redacts them. */
export function createSafeLogger(logger: OnrampLogger | false | undefined): OnrampLogger {
  if (logger === false) return { error() {}, warn() {} };
  const target = logger ?? console;
  return {
    error: (message) => target.error(`[crypto-onramp] ${redactSecrets(message)}`),
    warn: (message) => target.warn(`[crypto-onramp] ${redactSecrets(message)}`),
  };
}

/** A short, secret-free description of anything thrown. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return redactSecrets(`${error.name}: ${error.message}`);
  return redactSecrets(String(error));
}
