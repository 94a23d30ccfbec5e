/**
 * A small in-memory cache whose entries live `ttlMs` and whose size is capped (the oldest entry
 * goes first), so a stream of distinct keys cannot grow it without end. No timer: expired entries
 * are dropped when read or when a new entry needs room, so it never keeps a process alive.
 */
export class ExpiringCache<V> {
  readonly #entries = new Map<string, { value: V; expiresAt: number }>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(ttlMs: number, maxEntries: number, now: () => number = Date.now) {
    if (!Number.isFinite(ttlMs) || ttlMs < 0) throw new TypeError(`cache TTL must be a non-negative number of ms, got ${ttlMs}`);
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new TypeError(`cache size must be a positive integer, got ${maxEntries}`);
    this.#ttlMs = ttlMs;
    this.#maxEntries = maxEntries;
    this.#now = now;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt > this.#now()) return entry.value;
    this.#entries.delete(key);
    return undefined;
  }

  set(key: string, value: V): void {
    if (this.#ttlMs === 0) return;
    // Re-inserting moves the key to the end: Map order stays oldest-first.
    this.#entries.delete(key);
    while (this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, { value, expiresAt: this.#now() + this.#ttlMs });
  }
}
