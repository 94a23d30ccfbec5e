/**
 * The server-rendered framework apps (test/framework-apps/<name>), as a stranger builds them: each
 * is copied to a temporary folder, installs this package from its packed tarball (`npm pack`) with
 * its own exactly pinned dependencies, builds for production with no Stripe key in its
 * environment, and starts against the emulator. Chromium then loads each of its pages and checks
 * what the issue asks of a server-rendered onramp: one mint carrying the page's presets, one
 * `ready`, no error event in between, and the page's error handler called for an error after
 * hydration.
 *
 *   node --import tsx scripts/test-framework-apps.ts [next] [nuxt] [sveltekit] [--tarball FILE] [--keep]
 *
 * Apps run one after the other (two cores: one heavy build at a time). Timings are printed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright';
import { CHROMIUM_ARGS, findChromium } from './find-chromium.js';
import { routeStripeToEmulator, startEmulator } from '../src/emulator/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** What each app's pages must mint with, by path. */
interface AppCase {
  /** Page path → the minting request's body the page's presets make. */
  pages: Record<string, Record<string, unknown>>;
  /** Pages with a `#last-error` the page's own error handler fills. */
  errorHandlerPages: string[];
  /** Whether it has a production build (`npm run build`). */
  build: boolean;
  /**
   * The commands that start it, given its port and, for an app that runs its own emulator (the
   * README's first run), a free port for that; the first listed is waited for last.
   */
  start: (port: number, ownEmulatorPort: number) => Array<{ command: string; args: string[]; env: Record<string, string>; ready: string }>;
  /** Edits the copy before it installs (the first run's fixed ports become free ones). */
  prepare?: (dir: string, port: number, ownEmulatorPort: number) => void;
  /** Whether the app runs its own emulator (then `CRYPTO_ONRAMP_EMULATOR_URL` is that one's). */
  ownEmulator?: boolean;
  /**
   * Its dev server, run after the production checks as docs/emulator.md says: the emulator's CLI
   * beside it and `CRYPTO_ONRAMP_EMULATOR_URL` set; its pages are checked with no route for
   * Stripe's scripts (their stand-in tags must load them).
   */
  dev?: (port: number) => { command: string; args: string[] };
}

const PRESETS = { destination_currency: 'eth', destination_network: 'ethereum', destination_currencies: ['eth', 'usdc'] };

const APPS: Record<string, AppCase> = {
  next: {
    pages: { '/': PRESETS, '/plain': PRESETS },
    errorHandlerPages: ['/'],
    build: true,
    start: (port) => [{ command: 'node', args: ['node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', '127.0.0.1'], env: {}, ready: '/' }],
    dev: (port) => ({ command: 'node', args: ['node_modules/next/dist/bin/next', 'dev', '-p', String(port), '-H', '127.0.0.1'] }),
  },
  nuxt: {
    pages: { '/': PRESETS },
    errorHandlerPages: ['/'],
    build: true,
    start: (port) => [{ command: 'node', args: ['.output/server/index.mjs'], env: { PORT: String(port), HOST: '127.0.0.1' }, ready: '/' }],
    dev: (port) => ({ command: 'node', args: ['node_modules/.bin/nuxt', 'dev', '--port', String(port), '--host', '127.0.0.1'] }),
  },
  sveltekit: {
    pages: { '/': PRESETS },
    errorHandlerPages: ['/'],
    build: true,
    start: (port) => [{ command: 'node', args: ['build'], env: { PORT: String(port), HOST: '127.0.0.1' }, ready: '/' }],
    dev: (port) => ({ command: 'node', args: ['node_modules/vite/bin/vite.js', 'dev', '--port', String(port), '--host', '127.0.0.1', '--strictPort'] }),
  },
  // The README's "First run", as written there (a node test keeps the two the same): Express, the
  // kit, the emulator's CLI and the drop-in served from node_modules; no build.
  'first-run': {
    pages: { '/': { destination_currency: 'eth', destination_network: 'ethereum' } },
    errorHandlerPages: [],
    build: false,
    ownEmulator: true,
    prepare: (dir, port, emulatorPort) => {
      for (const file of ['server.js', 'public/index.html']) {
        const path = join(dir, file);
        writeFileSync(path, readFileSync(path, 'utf8').replaceAll('4242', String(emulatorPort)).replaceAll('3000', String(port)));
      }
    },
    start: (_port, emulatorPort) => [
      { command: 'node', args: ['server.js'], env: {}, ready: '/' },
      { command: 'node', args: ['node_modules/.bin/crypto-onramp-emulator', '--port', String(emulatorPort)], env: {}, ready: `http://127.0.0.1:${emulatorPort}/js/stripe.js` },
    ],
  },
};

const args = process.argv.slice(2);
const keep = args.includes('--keep');
const tarballArg = args.includes('--tarball') ? args[args.indexOf('--tarball') + 1] : undefined;
const chosen = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--tarball');
const names = chosen.length > 0 ? chosen : Object.keys(APPS);
for (const name of names) if (!APPS[name]) throw new Error(`no such app: ${name} (${Object.keys(APPS).join(', ')})`);

const work = mkdtempSync(join(tmpdir(), 'crypto-onramp-apps-'));
const timings: string[] = [];
let failed = false;

/** Runs a command to its end; its output goes to this process's, prefixed. Rejects on a non-zero exit. */
function run(command: string, argv: string[], cwd: string, env: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { cwd, env: cleanEnv(env), stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${argv.join(' ')} exited with ${code}`))));
  });
}

/** This process's environment without any Stripe key: the build must pass with none. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('STRIPE_') || key === 'CRYPTO_ONRAMP_EMULATOR_URL') delete env[key];
  delete env['NODE_OPTIONS']; // tsx's loader is this script's, not the app's
  return { ...env, NEXT_TELEMETRY_DISABLED: '1', NUXT_TELEMETRY_DISABLED: '1', ...extra };
}

async function timed<T>(label: string, task: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await task();
  } finally {
    const line = `${label}: ${((performance.now() - start) / 1000).toFixed(1)} s`;
    timings.push(line);
    console.log(`[framework-apps] ${line}`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once the started app answers its home page, or rejects when it exits first. */
async function listening(child: ChildProcess, url: string): Promise<void> {
  let exited = false;
  child.once('exit', () => (exited = true));
  for (;;) {
    if (exited) throw new Error(`the app exited before answering ${url}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200)); // polling another process's start-up
  }
}

/** Records every `crypto-onramp-*` event on the page from before its first script runs. */
const RECORD_EVENTS = `
  window.__onrampEvents = [];
  for (const type of ['ready', 'session-updated', 'status-change', 'error', 'redirect']) {
    document.addEventListener('crypto-onramp-' + type, (event) => {
      window.__onrampEvents.push({ type, detail: type === 'error' ? event.detail : undefined });
    }, true);
  }`;

interface PageOutcome {
  mints: unknown[];
  events: Array<{ type: string; detail?: { code: string } }>;
  /** What the page's own error handler showed for the error made after hydration. */
  lastError?: string;
  /** That error event's code. */
  lateErrorCode?: string;
}

async function checkPage(
  browser: Browser,
  emulatorUrl: string,
  origin: string,
  path: string,
  errorHandler: boolean,
  route = true,
): Promise<PageOutcome> {
  const context = await browser.newContext();
  // Without the route (the dev-server check), the page's own stand-in tags must do it: a request
  // to Stripe's hosts is then a failure, counted below.
  if (route) await routeStripeToEmulator(context, emulatorUrl);
  const page: Page = await context.newPage();
  await page.addInitScript(RECORD_EVENTS);
  const mints: unknown[] = [];
  const toStripe: string[] = [];
  page.on('request', (request) => {
    if (/^https:\/\/([\w-]+\.)*stripe\.com\//.test(request.url())) toStripe.push(request.url());
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/onramp-session') mints.push(request.postDataJSON());
  });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  try {
    await page.goto(origin + path);
    // Ready, or an error: whichever comes first ends the wait.
    await page.waitForFunction(() => (window as any).__onrampEvents.some((e: { type: string }) => e.type === 'ready' || e.type === 'error'));
    const events = (await page.evaluate(() => (window as any).__onrampEvents)) as PageOutcome['events'];
    let lastError: string | undefined;
    let lateErrorCode: string | undefined;
    if (errorHandler && events.every((e) => e.type !== 'error')) {
      // An error after hydration reaches the page's own handler.
      await page.evaluate(() => document.querySelector('crypto-onramp')!.setAttribute('session-url', '/api/no-such-endpoint'));
      await page.waitForFunction(() => document.querySelector('#last-error')?.textContent !== '');
      lastError = (await page.textContent('#last-error'))?.trim();
      const fired = (await page.evaluate(() => (window as any).__onrampEvents)) as PageOutcome['events'];
      lateErrorCode = fired.find((e) => e.type === 'error')?.detail?.code;
    }
    if (pageErrors.length > 0) throw new Error(`uncaught errors on ${path}: ${pageErrors.join('; ')}`);
    if (!route && toStripe.length > 0) throw new Error(`${path} asked Stripe's hosts for ${toStripe.join(', ')}`);
    return { mints, events, lastError, lateErrorCode };
  } finally {
    await context.close();
  }
}

function expectOutcome(app: string, path: string, outcome: PageOutcome, presets: Record<string, unknown>, errorHandler: boolean): string[] {
  const problems: string[] = [];
  const beforeError = outcome.events;
  const ready = beforeError.filter((e) => e.type === 'ready').length;
  const errors = beforeError.filter((e) => e.type === 'error');
  if (errors.length > 0) problems.push(`error event(s) before ready: ${JSON.stringify(errors.map((e) => e.detail))}`);
  if (ready !== 1) problems.push(`${ready} ready events, expected 1`);
  // The mints before the deliberate error (which adds one to the failing endpoint, not counted here).
  if (outcome.mints.length !== 1) problems.push(`${outcome.mints.length} mints, expected 1: ${JSON.stringify(outcome.mints)}`);
  else if (JSON.stringify(outcome.mints[0]) !== JSON.stringify(presets)) {
    problems.push(`minted with ${JSON.stringify(outcome.mints[0])}, expected ${JSON.stringify(presets)}`);
  }
  // The endpoint that does not exist answers differently per framework (a 404, or a page): any
  // error will do, as long as the page's handler saw the one that fired.
  if (errorHandler && (!outcome.lateErrorCode || outcome.lastError !== outcome.lateErrorCode)) {
    problems.push(`the page's error handler saw ${JSON.stringify(outcome.lastError)}, the error event was ${JSON.stringify(outcome.lateErrorCode)}`);
  }
  const ok = `ok (1 mint with the presets, 1 ready, no error${errorHandler ? "; the page's error handler sees a later error" : ''})`;
  console.log(`[framework-apps] ${app} ${path}: ${problems.length === 0 ? ok : 'FAILED'}`);
  return problems.map((p) => `${app} ${path}: ${p}`);
}

async function testApp(name: string, tarball: string, browser: Browser, emulatorUrl: string): Promise<string[]> {
  const app = APPS[name]!;
  const dir = join(work, name);
  cpSync(join(ROOT, 'test/framework-apps', name), dir, { recursive: true });
  const port = await freePort();
  const emulatorPort = await freePort();
  app.prepare?.(dir, port, emulatorPort);
  await timed(`${name}: npm install`, () => run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball], dir));
  if (app.build) await timed(`${name}: production build (no Stripe key set)`, () => run('npm', ['run', 'build'], dir));
  const emulatorFor = app.ownEmulator ? `http://127.0.0.1:${emulatorPort}` : emulatorUrl;
  const origin = `http://127.0.0.1:${port}`;
  const children: ChildProcess[] = [];
  try {
    await timed(`${name}: start`, async () => {
      for (const { command, args: startArgs, env, ready } of app.start(port, emulatorPort)) {
        const child = spawn(command, startArgs, {
          cwd: dir,
          env: cleanEnv({ ...env, STRIPE_SECRET_KEY: 'sk_test_emulator', STRIPE_PUBLISHABLE_KEY: 'pk_test_emulator', CRYPTO_ONRAMP_EMULATOR_URL: emulatorFor }),
          stdio: ['ignore', 'inherit', 'inherit'],
          detached: true, // its own process group, so stopping it stops the workers it starts too
        });
        children.push(child);
        await listening(child, ready.startsWith('http') ? ready : origin + ready);
      }
    });
    const problems: string[] = [];
    await timed(`${name}: browser checks`, async () => {
      for (const [path, presets] of Object.entries(app.pages)) {
        const errorHandler = app.errorHandlerPages.includes(path);
        problems.push(...expectOutcome(name, path, await checkPage(browser, emulatorFor, origin, path, errorHandler), presets, errorHandler));
      }
    });
    if (app.dev) {
      for (const child of children.splice(0)) stop(child);
      const devPort = await freePort();
      const devOrigin = `http://127.0.0.1:${devPort}`;
      const ownEmulator = `http://127.0.0.1:${emulatorPort}`;
      const { command, args: devArgs } = app.dev(devPort);
      await timed(`${name}: dev server start`, async () => {
        const emulatorChild = spawn('node', ['node_modules/.bin/crypto-onramp-emulator', '--port', String(emulatorPort)], {
          cwd: dir, env: cleanEnv({}), stdio: ['ignore', 'ignore', 'inherit'], detached: true,
        });
        children.push(emulatorChild);
        await listening(emulatorChild, `${ownEmulator}/js/stripe.js`);
        const devChild = spawn(command, devArgs, {
          cwd: dir, env: cleanEnv({ CRYPTO_ONRAMP_EMULATOR_URL: ownEmulator }), stdio: ['ignore', 'inherit', 'inherit'], detached: true,
        });
        children.push(devChild);
        await listening(devChild, devOrigin + '/');
      });
      await timed(`${name}: dev browser checks (no route for Stripe's scripts)`, async () => {
        for (const [path, presets] of Object.entries(app.pages)) {
          problems.push(...expectOutcome(`${name} dev`, path, await checkPage(browser, ownEmulator, devOrigin, path, false, false), presets, false));
        }
      });
    }
    return problems;
  } finally {
    for (const child of children) stop(child);
  }
}

/** Stops a started app and every process it started (its process group). */
function stop(child: ChildProcess): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid);
  } catch {
    // already gone
  }
}

async function main(): Promise<void> {
  const tarball = tarballArg ?? (await timed('npm pack', async () => {
    await run('npm', ['pack', '--pack-destination', work, '--loglevel=error'], ROOT);
    return join(work, 'crypto-onramp-element-0.1.0.tgz');
  }));
  const emulator = await startEmulator();
  const executablePath = findChromium();
  if (!executablePath) throw new Error('no Chromium found (set CHROME_PATH)');
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const problems: string[] = [];
  try {
    for (const name of names) {
      try {
        problems.push(...(await testApp(name, tarball, browser, emulator.url)));
      } catch (error) {
        problems.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  } finally {
    await browser.close();
    await emulator.close();
    if (!keep) rmSync(work, { recursive: true, force: true });
  }
  console.log(`\n[framework-apps] timings:\n  ${timings.join('\n  ')}`);
  if (problems.length > 0) {
    failed = true;
    console.error(`\n[framework-apps] ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  } else {
    console.log('[framework-apps] all apps reached ready from the packed tarball');
  }
}

await main();
process.exit(failed ? 1 : 0);
