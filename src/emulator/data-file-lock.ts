/**
 * One process per data file. Two emulators appending to one log would interleave their
 * records and each would compact the other's away, silently losing acknowledged sessions; so the
 * second refuses to start and names the file.
 *
 * The lock is `FILE.lock`, created exclusively (`O_EXCL`) and holding the owner's pid. Node has
 * no `flock` without a native module, and a plain lock file would outlive a SIGKILLed owner; so a
 * lock whose pid is no longer running is stale and taken over. Limits, acceptable for a
 * development emulator: a lock file on a network share written from another machine looks stale
 * here (its pid is not ours to check), a reused pid keeps a dead owner's lock alive until the
 * file is removed by hand, and two processes taking over the same stale lock at the same instant
 * could both succeed.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

/** Locks this process holds, so a second emulator in the same process is refused as well. */
const heldHere = new Set<string>();

export interface DataFileLock {
  readonly path: string;
  release(): void;
}

/**
 * Takes the lock of `dataFile`. `log` hears of a stale lock taken over (default `console.warn`):
 * silently taking one would hide a second emulator whose pid check went wrong.
 */
export function lockDataFile(dataFile: string, log: (message: string) => void = console.warn): DataFileLock {
  const path = `${dataFile}.lock`;
  if (heldHere.has(path)) throw inUse(dataFile, process.pid, path);
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      try {
        writeSync(fd, `${process.pid}\n`);
      } finally {
        closeSync(fd);
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      const owner = readOwner(path);
      if (owner !== undefined && owner !== process.pid && isRunning(owner)) throw inUse(dataFile, owner, path);
      rmSync(path, { force: true }); // stale: its owner died without releasing it
      log(
        `[crypto-onramp-emulator] took over the stale lock ${path}: ` +
          (owner === undefined ? 'it named no process' : owner === process.pid ? 'it named this process, which does not hold it' : `its process (pid ${owner}) no longer runs`) +
          '.',
      );
    }
  }
  heldHere.add(path);
  let released = false;
  return {
    path,
    release() {
      if (released) return;
      released = true;
      heldHere.delete(path);
      if (readOwner(path) === process.pid) rmSync(path, { force: true });
    },
  };
}

function inUse(dataFile: string, pid: number, lockPath: string): Error {
  return new Error(
    `${dataFile} is in use by another crypto-onramp-emulator (pid ${pid}). Stop it, or use another --data file. ` +
      `(If no such process runs, remove ${lockPath}.)`,
  );
}

function readOwner(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Signal 0 tests for a process without touching it; EPERM means it runs under another user. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
