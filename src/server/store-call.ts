/**
 * Calling a shared store (rate-limit counts, webhook event leases) so that an outage costs each
 * request a bounded wait and a clear log line, never a silent stall: every call races a timer, and
 * whatever goes wrong comes back as one error type naming the store and the cause.
 */

/** Long enough for a healthy Redis across a data centre (well under 10 ms), short enough to be no outage of its own. */
export const DEFAULT_STORE_TIMEOUT_MS = 250;

/**
 * What a request gets when the store cannot answer. `'closed'`: refused, 503 with `Retry-After`
 * (a limit that cannot count admits nobody, so an outage cannot be used to get past it). `'open'`:
 * admitted as if the store had counted it, with a logged warning (availability over the limit).
 */
export type StoreFailureMode = 'closed' | 'open';

/** The store did not answer in time, refused, or answered something unreadable. */
export class StoreUnavailableError extends Error {
  /** Which store, as its `name` says (e.g. `Redis (createRedisRateLimitStore)`). */
  readonly store: string;
  constructor(store: string, cause: string) {
    super(`${store} is unavailable: ${cause}`);
    this.name = 'StoreUnavailableError';
    this.store = store;
  }
}

/** A store's name for log lines: its own `name`, else what kind of store it is. */
export function storeName(store: object, fallback: string): string {
  const name = (store as { name?: unknown }).name;
  return typeof name === 'string' && name !== '' ? name : fallback;
}

export function checkStoreTimeout(timeoutMs: number, what: string): number {
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new TypeError(`${what} must be a positive number of milliseconds, got ${timeoutMs}`);
  return timeoutMs;
}

/**
 * `call()`'s result, or a `StoreUnavailableError` once `timeoutMs` has passed or the call failed.
 * The timer never keeps a process alive (unref where the runtime has it).
 */
export function callStore<T>(store: string, timeoutMs: number, call: () => Promise<T> | T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new StoreUnavailableError(store, `no answer within ${timeoutMs} ms`)), timeoutMs);
    (timer as { unref?: () => void }).unref?.();
    const settle = (outcome: () => void): void => {
      clearTimeout(timer);
      outcome();
    };
    let pending: Promise<T> | T;
    try {
      pending = call();
    } catch (error) {
      settle(() => reject(asUnavailable(store, error)));
      return;
    }
    Promise.resolve(pending).then(
      (value) => settle(() => resolve(value)),
      (error: unknown) => settle(() => reject(asUnavailable(store, error))),
    );
  });
}

function asUnavailable(store: string, error: unknown): StoreUnavailableError {
  if (error instanceof StoreUnavailableError) return error;
  const cause = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new StoreUnavailableError(store, cause || 'an error without a message');
}

/**
 * Calls to one store, with its timeout, that stop piling onto a store that is down: after a failure,
 * one call at a time goes through as a probe (waiting up to the timeout) while the others fail at
 * once; the first probe that succeeds ends the outage. So an outage costs one request in flight the
 * timeout, the rest nothing, and nothing more queues in the store's client; recovery needs no
 * restart and no timer.
 */
export function createStoreCaller(store: string, timeoutMs: number): <T>(call: () => Promise<T> | T) => Promise<T> {
  let failing: StoreUnavailableError | undefined;
  let probing = false;
  return async <T>(call: () => Promise<T> | T): Promise<T> => {
    if (failing === undefined) {
      try {
        return await callStore(store, timeoutMs, call);
      } catch (error) {
        failing = error as StoreUnavailableError;
        throw error;
      }
    }
    if (probing) throw failing;
    probing = true;
    try {
      const value = await callStore(store, timeoutMs, call);
      failing = undefined;
      return value;
    } catch (error) {
      failing = error as StoreUnavailableError;
      throw error;
    } finally {
      probing = false;
    }
  };
}

/** Logs at most once per `intervalMs`, so an outage is one line a minute, not one per request. */
export function createThrottledLog(log: (message: string) => void, now: () => number = Date.now, intervalMs = 60_000): (message: string) => void {
  let last = -Infinity;
  return (message) => {
    const at = now();
    if (at - last < intervalMs) return;
    last = at;
    log(message);
  };
}
