/**
 * WebKitGTK's WebDriver for the node tests: `WebKitWebDriver`, and an X display for MiniBrowser
 * (it has no headless mode) — `Xvfb` started here when `DISPLAY` is unset. Both are child
 * processes of the test, stopped by `close()`, so a test run leaves nothing behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { requireBinary } from './onramp-page-fixture.js';

export const MINIBROWSER = process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

export interface WebKitDriver {
  port: number;
  minibrowser: string;
  close(): Promise<void>;
}

/** A free TCP port on loopback (closed again at once: the driver takes it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitFor(what: string, ms: number, ready: () => Promise<boolean> | boolean, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${what} exited (${child.exitCode ?? child.signalCode}):\n${output()}`);
    if (await ready()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what} was not ready after ${ms} ms:\n${output()}`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function start(binary: string, args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  const child = spawn(binary, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

/** Starts Xvfb (if no `DISPLAY`) and `WebKitWebDriver` on a free port. */
export async function startWebKitDriver(): Promise<WebKitDriver> {
  const minibrowser = requireBinary(MINIBROWSER, 'WebKitGTK\'s MiniBrowser', 'webkit2gtk-driver');
  const driverBinary = requireBinary('/usr/bin/WebKitWebDriver', 'WebKitWebDriver', 'webkit2gtk-driver');
  const started: ChildProcess[] = [];
  try {
    let display = process.env.DISPLAY;
    if (!display) {
      const xvfbBinary = requireBinary('/usr/bin/Xvfb', 'Xvfb (MiniBrowser has no headless mode)', 'xvfb');
      // The first display number no X server holds.
      let number = 99;
      while (existsSync(`/tmp/.X11-unix/X${number}`) || existsSync(`/tmp/.X${number}-lock`)) number += 1;
      const xvfb = start(xvfbBinary, [`:${number}`, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], process.env);
      started.push(xvfb.child);
      await waitFor('Xvfb', 10_000, () => existsSync(`/tmp/.X11-unix/X${number}`), xvfb.child, xvfb.output);
      display = `:${number}`;
    }
    const port = await freePort();
    // en_US: WebKit formats numbers by the locale, and C.UTF-8 gives "$ 50.76".
    const driver = start(driverBinary, [`--port=${port}`], { ...process.env, DISPLAY: display, LANG: 'en_US.UTF-8' });
    started.push(driver.child);
    const ready = () => fetch(`http://127.0.0.1:${port}/status`).then((r) => r.ok, () => false);
    await waitFor('WebKitWebDriver', 10_000, ready, driver.child, driver.output);
    return { port, minibrowser, close: async () => void (await Promise.all(started.reverse().map(stop))) };
  } catch (error) {
    await Promise.all(started.map(stop));
    throw error;
  }
}
