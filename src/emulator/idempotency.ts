/**
 * Stripe's idempotent requests: the first response to a key is kept for 24 hours; the same key
 * with the same parameters replays it (`Idempotent-Replayed: true`), the same key with other
 * parameters or on another endpoint is an `idempotency_error`.
 */
import { createHash } from 'node:crypto';
import { SECRET_KEY_PREFIX } from '../shared/key-formats.js';

/** Enough of a SHA-256 to tell keys apart; the key cannot be read back from it. */
function apiKeyHash(apiKey: string): string {
  return `sha256:${createHash('sha256').update(apiKey, 'utf8').digest('hex').slice(0, 32)}`;
}

export interface StoredResponse {
  method: string;
  path: string;
  /** Canonical JSON of the decoded parameters. */
  fingerprint: string;
  status: number;
  body: string;
  requestId: string;
  createdAt: number;
}

export type IdempotencyLookup =
  | { kind: 'new' }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'mismatch'; message: string };

const RETENTION_MS = 24 * 60 * 60 * 1000;

/** JSON with object keys sorted, so that parameter order does not change the fingerprint. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export class IdempotencyCache {
  #entries = new Map<string, StoredResponse>();
  #now: () => number;
  #rememberListeners: Array<(scopedKey: string) => void> = [];

  constructor(now: () => number) {
    this.#now = now;
  }

  /**
   * Keys are scoped to the API key that used them, as Stripe scopes them to an account: by a hash
   * of it, so the data file (where scoped keys are stored) never holds an API key.
   */
  static scope(apiKey: string, key: string): string {
    return `${apiKeyHash(apiKey)}\u0000${key}`;
  }

  lookup(scopedKey: string, method: string, path: string, fingerprint: string): IdempotencyLookup {
    this.#prune();
    const stored = this.#entries.get(scopedKey);
    if (!stored || this.#expired(stored)) return { kind: 'new' };
    const key = scopedKey.slice(scopedKey.indexOf('\u0000') + 1);
    if (stored.method !== method || stored.path !== path) {
      return {
        kind: 'mismatch',
        message: `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${stored.method} ${stored.path}'). Try using a key other than '${key}' if you meant to execute a different request.`,
      };
    }
    if (stored.fingerprint !== fingerprint) {
      return {
        kind: 'mismatch',
        message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
      };
    }
    return { kind: 'replay', response: stored };
  }

  remember(scopedKey: string, response: Omit<StoredResponse, 'createdAt'>): void {
    // Deleted first so that the Map's insertion order stays the order of `createdAt`.
    this.#entries.delete(scopedKey);
    this.#entries.set(scopedKey, { ...response, createdAt: this.#now() });
    for (const listener of this.#rememberListeners) listener(scopedKey);
  }

  /** Tells `listener` each key remembered from now on (persistence appends it). */
  onRemember(listener: (scopedKey: string) => void): void {
    this.#rememberListeners.push(listener);
  }

  /** The stored response of a key, expired or not. */
  get(scopedKey: string): StoredResponse | undefined {
    return this.#entries.get(scopedKey);
  }

  entries(): Array<[string, StoredResponse]> {
    this.#prune();
    return [...this.#entries].filter(([, entry]) => !this.#expired(entry));
  }

  restore(entries: ReadonlyArray<[string, StoredResponse]>): void {
    // Files written before keys were hashed hold the API key itself: hashed here, so the
    // compaction that follows the load removes it from the file.
    const rescoped = entries.map(([scoped, response]): [string, StoredResponse] => {
      const cut = scoped.indexOf('\u0000');
      const scope = scoped.slice(0, cut);
      return [SECRET_KEY_PREFIX.test(scope) ? IdempotencyCache.scope(scope, scoped.slice(cut + 1)) : scoped, response];
    });
    this.#entries = new Map(rescoped.sort(([, a], [, b]) => a.createdAt - b.createdAt));
    this.#prune();
  }

  #expired(entry: StoredResponse): boolean {
    return entry.createdAt < this.#now() - RETENTION_MS;
  }

  /**
   * Drops expired entries from the oldest end and stops at the first live one: entries are kept
   * in `createdAt` order, so each request costs O(expired), not O(all). (Scanning every entry on
   * every request made the emulator slower with each session created: 15,000 sessions in, a
   * create took milliseconds.) A clock set back (test time) can leave an expired entry behind
   * a live one; `lookup` checks expiry itself, so such an entry is never replayed.
   */
  #prune(): void {
    for (const [key, entry] of this.#entries) {
      if (!this.#expired(entry)) break;
      this.#entries.delete(key);
    }
  }
}
