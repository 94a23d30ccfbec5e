/**
 * A JSON file written atomically: the new content goes to a temporary file in the same
 * directory, is fsynced, then renamed over the old one (and the directory fsynced), so a crash at
 * any moment leaves either the old file or the new one, never a torn one.
 * Saves coalesce: while one write runs, further saves share the next write.
 */
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export class AtomicJsonFile {
  readonly path: string;
  #snapshot: () => unknown;
  /** The write in progress, if any. */
  #current: Promise<void> | null = null;
  /** A write queued behind the current one, which will include every change made until it starts. */
  #queued: Promise<void> | null = null;

  constructor(path: string, snapshot: () => unknown) {
    this.path = path;
    this.#snapshot = snapshot;
  }

  /** The parsed file, or `undefined` when it does not exist yet. */
  async load(): Promise<unknown> {
    try {
      return JSON.parse(await readFile(this.path, 'utf8')) as unknown;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  /** Resolves once a write that started after this call is on disk. */
  save(): Promise<void> {
    if (this.#queued) return this.#queued;
    const previous = this.#current ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(() => {
        // From here on the snapshot is taken: later changes need a later write.
        this.#queued = null;
        return this.#write(JSON.stringify(this.#snapshot(), null, 2));
      });
    this.#queued = next;
    this.#current = next;
    next
      .finally(() => {
        if (this.#current === next) this.#current = null;
      })
      .catch(() => undefined);
    return next;
  }

  /** Waits for any write in flight. */
  async flush(): Promise<void> {
    while (this.#current) await this.#current.catch(() => undefined);
  }

  async #write(text: string): Promise<void> {
    const dir = dirname(this.path);
    await mkdir(dir, { recursive: true });
    const temp = join(dir, `.${basename(this.path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const handle = await open(temp, 'w', 0o600);
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, this.path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    await syncDirectory(dir);
  }
}

/** Makes the rename itself durable. Not possible on every platform (Windows), hence best effort. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Directory fsync is unsupported here; the rename is still atomic.
  }
}
