/**
 * Which HTTP error answers are worth asking again, for every client of an endpoint: the element's
 * minting request (one automatic retry) and both elements' retry buttons.
 */

/** Statuses that say "not now" rather than "no": a timeout, a rate limit, an upstream restarting. */
export const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([408, 429, 502, 503, 504]);

/** Whether an error answer of `status` may succeed when asked again unchanged: any 5xx, or a transient status. */
export const isRetryableStatus = (status: number): boolean => status >= 500 || TRANSIENT_STATUSES.has(status);
