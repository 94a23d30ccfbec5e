/** Keeps the store (and the idempotency cache) in a data file across restarts. */
import { AtomicJsonFile } from './atomic-json-file.js';
import type { SessionRecord } from './session-record.js';
import type { IdempotencyCache, StoredResponse } from './idempotency.js';
import type { SessionStore } from './store.js';

const FORMAT = 'crypto-onramp-emulator/v1';

interface DataFileContents {
  format: typeof FORMAT;
  sessions: SessionRecord[];
  idempotency: Array<[string, StoredResponse]>;
}

function isContents(value: unknown): value is DataFileContents {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<DataFileContents>;
  return candidate.format === FORMAT && Array.isArray(candidate.sessions) && Array.isArray(candidate.idempotency);
}

export class Persistence {
  #file: AtomicJsonFile;
  #store: SessionStore;
  #idempotency: IdempotencyCache;

  constructor(path: string, store: SessionStore, idempotency: IdempotencyCache) {
    this.#store = store;
    this.#idempotency = idempotency;
    this.#file = new AtomicJsonFile(path, (): DataFileContents => ({
      format: FORMAT,
      sessions: [...this.#store.all()],
      idempotency: this.#idempotency.entries(),
    }));
  }

  async load(): Promise<void> {
    const contents = await this.#file.load();
    if (contents === undefined) return;
    if (!isContents(contents)) {
      throw new Error(`${this.#file.path} is not a crypto-onramp-emulator data file (expected format "${FORMAT}").`);
    }
    this.#store.restore(contents.sessions);
    this.#idempotency.restore(contents.idempotency);
  }

  save(): Promise<void> {
    return this.#file.save();
  }

  flush(): Promise<void> {
    return this.#file.flush();
  }
}
