/**
 * The one place sessions live. The HTTP API, the browser flow, the test controls, webhooks and
 * persistence all go through it, so retrieve and list always see what the browser did.
 */
import type { ApiStatus, SessionRecord } from './session-record.js';

export interface SessionChange {
  record: SessionRecord;
  /** `null` for a newly created session. */
  previousStatus: ApiStatus | null;
  previousBrowserStatus: 'error' | null;
  /** The request that caused it, for webhook events' `request.id`. */
  requestId: string | null;
}

export type ChangeListener = (change: SessionChange) => void;

export class SessionStore {
  /** Ascending by `seq`. */
  #records: SessionRecord[] = [];
  #byId = new Map<string, SessionRecord>();
  #byHash = new Map<string, SessionRecord>();
  #bySecret = new Map<string, SessionRecord>();
  #nextSeq = 1;
  #listeners = new Set<ChangeListener>();

  onChange(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #index(record: SessionRecord): void {
    this.#records.push(record);
    this.#byId.set(record.session.id, record);
    this.#byHash.set(record.sessionHash, record);
    this.#bySecret.set(record.session.client_secret, record);
    this.#nextSeq = Math.max(this.#nextSeq, record.seq + 1);
  }

  add(record: Omit<SessionRecord, 'seq'>, requestId: string | null = null): SessionRecord {
    const stored: SessionRecord = { ...record, seq: this.#nextSeq++ };
    this.#index(stored);
    this.#emit({ record: stored, previousStatus: null, previousBrowserStatus: null, requestId });
    return stored;
  }

  get(id: string): SessionRecord | undefined {
    return this.#byId.get(id);
  }

  findByHash(hash: string): SessionRecord | undefined {
    return this.#byHash.get(hash);
  }

  findBySecret(secret: string): SessionRecord | undefined {
    return this.#bySecret.get(secret);
  }

  /** Every record, oldest first. */
  all(): readonly SessionRecord[] {
    return this.#records;
  }

  /** Applies `mutate`, bumps the revision and tells every listener. */
  update(record: SessionRecord, mutate: (record: SessionRecord) => void, requestId: string | null = null): SessionRecord {
    const previousStatus = record.session.status;
    const previousBrowserStatus = record.browserStatus;
    mutate(record);
    record.revision += 1;
    this.#emit({ record, previousStatus, previousBrowserStatus, requestId });
    return record;
  }

  /** Replaces the contents with persisted records (no change events: nothing changed). */
  restore(records: readonly SessionRecord[]): void {
    this.#records = [];
    this.#byId.clear();
    this.#byHash.clear();
    this.#bySecret.clear();
    for (const record of [...records].sort((a, b) => a.seq - b.seq)) this.#index(record);
  }

  #emit(change: SessionChange): void {
    for (const listener of this.#listeners) {
      try {
        listener(change);
      } catch (error) {
        // One broken listener (a webhook queue, a closed stream) must not break the API call.
        console.error('[crypto-onramp-emulator] change listener failed:', error);
      }
    }
  }
}
