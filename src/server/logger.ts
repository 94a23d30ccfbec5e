import { redactSecrets } from '../shared/redact-secrets.js';

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

// The rule lives in src/shared so the element redacts Stripe's error text the same way.
export { redactSecrets } from '../shared/redact-secrets.js';

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
