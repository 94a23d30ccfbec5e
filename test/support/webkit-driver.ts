/**
 * WebKitGTK's WebDriver for the node tests: `WebKitWebDriver`, and an X display for MiniBrowser
 * (it has no headless mode) — `Xvfb` started here when `DISPLAY` is unset. Both are child
 * processes of the test, stopped by `close()`.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { requireBinary, start, startWebDriverServer, stop, waitFor } from './driver-process.js';

export const MINIBROWSER = process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

export interface WebKitDriver {
  port: number;
  minibrowser: string;
  close(): Promise<void>;
}

/** Starts Xvfb (if no `DISPLAY`) and `WebKitWebDriver` on a free port. */
export async function startWebKitDriver(options: { lang?: string } = {}): Promise<WebKitDriver> {
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
      const xvfb = start(xvfbBinary, [`:${number}`, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp']);
      started.push(xvfb.child);
      await waitFor('Xvfb', 10_000, () => existsSync(`/tmp/.X11-unix/X${number}`), xvfb);
      display = `:${number}`;
    }
    // WebKit formats numbers by the process locale where a page names none: en_US by default
    // (C.UTF-8 gives "$ 50.76"); the browser suite asks for C.UTF-8 on purpose.
    const lang = options.lang ?? 'en_US.UTF-8';
    const driver = await startWebDriverServer('WebKitWebDriver', driverBinary, { ...process.env, DISPLAY: display, LANG: lang, LC_ALL: lang });
    started.push(driver.process.child);
    // The driver (and the MiniBrowser it may still hold) before the display it draws on.
    const close = async () => {
      for (const child of started.reverse()) await stop(child);
    };
    return { port: driver.port, minibrowser, close };
  } catch (error) {
    await Promise.all(started.map(stop));
    throw error;
  }
}
