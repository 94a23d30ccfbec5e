/**
 * Keeps the store (and the idempotency cache) in a data file across restarts, at a cost per change
 * that does not grow with the file: an append-only log, compacted once when the emulator starts.
 *
 * The file is JSON lines: a header `{"format":"crypto-onramp-emulator/v2"}`, then one line per
 * batch of changes, `{"sessions":[…],"idempotency":[[key, response],…]}` (whole session records,
 * and stored responses; compaction writes `{"session":…}` and `{"idempotency":[key, response]}`
 * lines, which are read too); on load, the last record for a session id or a key wins. A
 * request's changes (a create's session and its idempotency key) are one line, appended with one
 * `write` before the request is answered, so a process killed at any moment (SIGKILL) loses no
 * acknowledged change (the kernel has the bytes) and never keeps a session without its key (a
 * retry would create it twice). A crash can tear only the last line, never acknowledged, which
 * the next load ignores. The log is not fsynced per change (that would cost a disk flush per create);
 * the compaction is, and renamed into place atomically.
 *
 * Reads never write, and an exclusive lock (`data-file-lock.ts`) keeps a second process off the file.
 */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type { SessionRecord } from './session-record.js';
import type { IdempotencyCache, StoredResponse } from './idempotency.js';
import type { SessionStore } from './store.js';
import { lockDataFile, type DataFileLock } from './data-file-lock.js';

const FORMAT = 'crypto-onramp-emulator/v2';
/** The whole-file format of earlier versions, still read (and rewritten as a log) on start. */
const LEGACY_FORMAT = 'crypto-onramp-emulator/v1';

type LogLine =
  | { format: string }
  | { session: SessionRecord }
  | { idempotency: [string, StoredResponse] }
  | { sessions: SessionRecord[]; idempotency: Array<[string, StoredResponse]> };

export class Persistence {
  readonly path: string;
  #store: SessionStore;
  #idempotency: IdempotencyCache;
  #lock: DataFileLock | null = null;
  #fd: number | null = null;
  /** Changes not yet appended, by session id and by idempotency key (the latest state wins). */
  #dirtySessions = new Map<string, SessionRecord>();
  #dirtyKeys = new Set<string>();

  constructor(path: string, store: SessionStore, idempotency: IdempotencyCache) {
    this.path = path;
    this.#store = store;
    this.#idempotency = idempotency;
    store.onChange(({ record }) => this.#dirtySessions.set(record.session.id, record));
    idempotency.onRemember((key) => this.#dirtyKeys.add(key));
  }

  /** Takes the lock, reads the file, removes leftovers of crashed runs and compacts the log. */
  async load(): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    this.#lock = lockDataFile(this.path);
    try {
      await this.#removeTemporaryFiles();
      const contents = await this.#read();
      if (contents) {
        this.#store.restore(contents.sessions);
        this.#idempotency.restore(contents.idempotency);
      }
      await this.#compact();
      this.#fd = openSync(this.path, 'a', 0o600);
    } catch (error) {
      this.#lock.release();
      throw error;
    }
  }

  /** Appends every change made so far. Resolves once they are in the file (a no-op when there are none). */
  save(): Promise<void> {
    try {
      this.#append();
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** Appends what is pending, then closes the file and releases the lock. */
  async flush(): Promise<void> {
    try {
      this.#append();
    } finally {
      if (this.#fd !== null) closeSync(this.#fd);
      this.#fd = null;
      this.#lock?.release();
      this.#lock = null;
    }
  }

  #append(): void {
    if (this.#fd === null || (this.#dirtySessions.size === 0 && this.#dirtyKeys.size === 0)) return;
    const idempotency: Array<[string, StoredResponse]> = [];
    for (const key of this.#dirtyKeys) {
      const response = this.#idempotency.get(key);
      if (response) idempotency.push([key, response]);
    }
    const line = JSON.stringify({ sessions: [...this.#dirtySessions.values()], idempotency });
    this.#dirtySessions.clear();
    this.#dirtyKeys.clear();
    // One line, one write call: the batch is in the file whole, or (torn by a crash) not at all.
    writeSync(this.#fd, `${line}\n`);
  }

  async #read(): Promise<{ sessions: SessionRecord[]; idempotency: Array<[string, StoredResponse]> } | undefined> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    if (text.trim() === '') return undefined;
    const legacy = readLegacy(text);
    if (legacy) return legacy;
    const lines = text.split('\n');
    const sessions = new Map<string, SessionRecord>();
    const idempotency = new Map<string, StoredResponse>();
    for (const [index, line] of lines.entries()) {
      if (line.trim() === '') continue;
      let entry: LogLine;
      try {
        entry = JSON.parse(line) as LogLine;
      } catch (error) {
        // Only the last line can be torn (a crash mid-append): it was never acknowledged.
        if (index === lines.length - 1) break;
        throw new Error(`${this.path} is damaged at line ${index + 1}: ${(error as Error).message}`);
      }
      if (index === 0) {
        if (!('format' in entry) || entry.format !== FORMAT) throw notADataFile(this.path);
      } else if ('sessions' in entry) {
        for (const record of entry.sessions) sessions.set(record.session.id, record);
        for (const [key, response] of entry.idempotency) idempotency.set(key, response);
      } else if ('session' in entry) sessions.set(entry.session.session.id, entry.session);
      else if ('idempotency' in entry) idempotency.set(entry.idempotency[0], entry.idempotency[1]);
    }
    return { sessions: [...sessions.values()], idempotency: [...idempotency] };
  }

  /** Rewrites the log as one line per live session and key: in a temporary file, fsynced, renamed over. */
  async #compact(): Promise<void> {
    const lines = [
      JSON.stringify({ format: FORMAT }),
      ...this.#store.all().map((record) => JSON.stringify({ session: record })),
      ...this.#idempotency.entries().map((entry) => JSON.stringify({ idempotency: entry })),
    ];
    const temp = join(dirname(this.path), `.${basename(this.path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const handle = await open(temp, 'w', 0o600);
      try {
        await handle.writeFile(`${lines.join('\n')}\n`, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, this.path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    syncDirectory(dirname(this.path));
    this.#dirtySessions.clear();
    this.#dirtyKeys.clear();
  }

  /** Temporary files of compactions a crash interrupted; safe to remove, as the lock is ours. */
  async #removeTemporaryFiles(): Promise<void> {
    const prefix = `.${basename(this.path)}.`;
    for (const name of await readdir(dirname(this.path))) {
      if (name.startsWith(prefix) && name.endsWith('.tmp')) await rm(join(dirname(this.path), name), { force: true });
    }
  }
}

function notADataFile(path: string): Error {
  return new Error(`${path} is not a crypto-onramp-emulator data file (expected format "${FORMAT}").`);
}

/** A whole-file JSON document of the v1 format, or `undefined` when the text is something else. */
function readLegacy(text: string): { sessions: SessionRecord[]; idempotency: Array<[string, StoredResponse]> } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const candidate = value as { format?: unknown; sessions?: unknown; idempotency?: unknown };
  if (candidate?.format !== LEGACY_FORMAT || !Array.isArray(candidate.sessions) || !Array.isArray(candidate.idempotency)) return undefined;
  return { sessions: candidate.sessions as SessionRecord[], idempotency: candidate.idempotency as Array<[string, StoredResponse]> };
}

/** Makes the rename itself durable. Not possible on every platform (Windows), hence best effort. */
function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Directory fsync is unsupported here; the rename is still atomic.
  }
}
