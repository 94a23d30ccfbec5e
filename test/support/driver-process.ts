/**
 * Child processes the browser tests start themselves (a WebDriver server, an X display), waited
 * for until ready and stopped by the test, so a run leaves nothing behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

export interface Started {
  child: ChildProcess;
  output(): string;
}

/** A free TCP port on loopback (closed again at once: the driver takes it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export function start(binary: string, args: string[], env: NodeJS.ProcessEnv = process.env): Started {
  const child = spawn(binary, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

/** Polls `ready` until it holds; fails with the process' output if it exits or takes too long. */
export async function waitFor(what: string, ms: number, ready: () => Promise<boolean> | boolean, { child, output }: Started): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${what} exited (${child.exitCode ?? child.signalCode}):\n${output()}`);
    if (await ready()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what} was not ready after ${ms} ms:\n${output()}`);
}

export function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** A WebDriver server (`--port=N`) on a free port, ready once its `/status` answers. */
export async function startWebDriverServer(what: string, binary: string, env?: NodeJS.ProcessEnv): Promise<{ port: number; process: Started }> {
  const port = await freePort();
  const started = start(binary, [`--port=${port}`], env);
  try {
    await waitFor(what, 10_000, () => fetch(`http://127.0.0.1:${port}/status`).then((r) => r.ok, () => false), started);
  } catch (error) {
    await stop(started.child);
    throw error;
  }
  return { port, process: started };
}

/** The binary's path, or an error naming the Debian package that provides it. */
export function requireBinary(path: string | undefined, what: string, debianPackage: string): string {
  if (path && existsSync(path)) return path;
  throw new Error(`${what} not found${path ? ` at ${path}` : ''}: install it (Debian/Ubuntu: apt-get install -y ${debianPackage}).`);
}
