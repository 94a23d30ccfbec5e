/**
 * `crypto-onramp-element/vite` as a stranger uses it: the package packed (`npm pack`, what the
 * registry would serve) and unpacked into a NEW app's node_modules, beside nothing but its own
 * dependencies and `vite` and `stripe` (symlinked from this repository's node_modules: no
 * network). Then, in headless Chromium, every request off this machine aborted:
 *
 * - a Vite app whose config is `plugins: [cryptoOnrampEmulator()]` and whose page is the tag gets
 *   the element to `state="ready"`; `vite build` of the same app carries none of it;
 * - an Express app with `cryptoOnrampDevMiddleware()`, `STAND_IN_SCRIPT_TAGS` and the packed
 *   drop-in bundle gets there too.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright';
import { build, createServer, type Rolldown, type ViteDevServer } from 'vite';
import { launchChromium } from '../../scripts/demo-browser-checks.js';
import type * as DevServerModule from '../../src/vite/index.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** What the app installs besides the package: its dependencies, and the peers the plugin needs. */
const LINKED = ['lit', '@stripe/crypto', '@stripe/stripe-js', 'stripe', 'vite', 'express'];

const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>My shop</title></head>
<body>
  <crypto-onramp session-url="/api/onramp-session" destination-currency="eth" destination-network="ethereum"></crypto-onramp>
  <script type="module">import 'crypto-onramp-element';</script>
</body>
</html>
`;

/** Loads `url` with every request off this machine aborted, and waits for the element to be ready. */
async function elementGetsReady(browser: Browser, url: string): Promise<void> {
  const page: Page = await browser.newPage();
  const offMachine: string[] = [];
  await page.route(
    (target) => !['127.0.0.1', 'localhost'].includes(target.hostname),
    (route) => {
      offMachine.push(route.request().url());
      return route.abort();
    },
  );
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    await page.goto(url);
    const onramp = page.locator('crypto-onramp');
    await onramp.and(page.locator('[state="ready"], [state="error"]')).waitFor({ timeout: 20_000 });
    const state = await onramp.getAttribute('state');
    const error = state === 'error' ? await onramp.evaluate((el) => JSON.stringify((el as unknown as { error: unknown }).error)) : '';
    assert.equal(state, 'ready', `the element reached "${state}" ${error}`);
    await page.frameLocator('crypto-onramp iframe').getByRole('button', { name: /continue/i }).first().waitFor();
    assert.deepEqual(offMachine, [], 'nothing was fetched from off this machine');
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
}

describe('the packed package in a new app', { timeout: 120_000 }, () => {
  let dir: string;
  let app: string;
  let installed: string;
  let browser: Browser;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'crypto-onramp-app-'));
    app = join(dir, 'app');
    installed = join(app, 'node_modules/crypto-onramp-element');
    // --ignore-scripts: `npm test` has built already (prepack would build the same files again).
    const packing = run('npm', ['pack', '--ignore-scripts', '--json', '--loglevel=error', '--pack-destination', dir], { cwd: ROOT });
    browser = await launchChromium();
    const [{ filename }] = JSON.parse((await packing).stdout) as [{ filename: string }];
    await mkdir(installed, { recursive: true });
    await run('tar', ['-xzf', join(dir, filename), '-C', installed, '--strip-components=1']);
    for (const name of LINKED) {
      await mkdir(join(app, 'node_modules', name, '..'), { recursive: true });
      await symlink(join(ROOT, 'node_modules', name), join(app, 'node_modules', name), 'dir');
    }
    await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'my-shop', private: true, type: 'module' }));
    await writeFile(join(app, 'index.html'), PAGE);
  });

  after(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('Vite: one line in vite.config gets the element ready, offline', async () => {
    await writeFile(
      join(app, 'vite.config.js'),
      "import { cryptoOnrampEmulator } from 'crypto-onramp-element/vite';\n\nexport default { plugins: [cryptoOnrampEmulator()] };\n",
    );
    const server: ViteDevServer = await createServer({ root: app, configFile: join(app, 'vite.config.js'), logLevel: 'silent', server: { port: 0, host: '127.0.0.1' } });
    let emulatorUrl: string | undefined;
    try {
      await server.listen();
      const { port } = server.httpServer!.address() as AddressInfo;
      const url = `http://127.0.0.1:${port}`;

      // The config loaded the packed plugin, not this repository's sources.
      const plugin = server.config.plugins.find((candidate) => candidate.name === 'crypto-onramp-emulator');
      assert.ok(plugin, 'the plugin is in the config');
      emulatorUrl = ((await (plugin.api as DevServerModule.CryptoOnrampEmulatorApi).ready()).emulator.url);

      const html = await (await fetch(`${url}/`)).text();
      // Classic scripts in the head: they run before the page's modules, so Stripe's loader finds them.
      const head = html.slice(0, html.indexOf('</head>'));
      assert.match(head, /<script src="\/__crypto-onramp\/stripe\.js"><\/script>\s*<script src="\/__crypto-onramp\/crypto-onramp-outer\.js"><\/script>/);
      const minted = await fetch(`${url}/api/onramp-session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"destination_currency":"eth","destination_network":"ethereum"}' });
      assert.equal(minted.status, 200, await minted.clone().text());
      assert.match(((await minted.json()) as { client_secret: string }).client_secret, /^cos_\w+_secret_\w+$/);

      await elementGetsReady(browser, `${url}/`);
    } finally {
      await server.close();
    }
    // The emulator stops with the dev server.
    await assert.rejects(fetch(`${emulatorUrl}/v1/crypto/onramp_sessions`));
  });

  test('Vite: a production build carries none of it', async () => {
    const output = (await build({ root: app, configFile: join(app, 'vite.config.js'), logLevel: 'silent', build: { write: false } })) as Rolldown.RolldownOutput;
    const html = output.output.find((file) => file.fileName === 'index.html');
    assert.ok(html && html.type === 'asset');
    assert.doesNotMatch(String(html.source), /__crypto-onramp/);
    const code = output.output.flatMap((file) => (file.type === 'chunk' ? [file.code] : [])).join('\n');
    assert.doesNotMatch(code, /startEmulator|__crypto-onramp/);
    assert.match(code, /crypto-onramp-ready/);
  });

  test('Express: the middleware, the script tags and the drop-in bundle get the element ready, offline', async () => {
    const { cryptoOnrampDevMiddleware, STAND_IN_SCRIPT_TAGS } = (await import(pathToFileURL(join(installed, 'dist/vite/index.js')).href)) as typeof DevServerModule;
    const { default: express } = await import(pathToFileURL(join(app, 'node_modules/express/index.js')).href);
    const dropIn = await readFile(join(installed, 'dist/cdn/crypto-onramp.js'), 'utf8');
    const page = PAGE.replace('<head>', `<head>\n${STAND_IN_SCRIPT_TAGS}`).replace(
      `<script type="module">import 'crypto-onramp-element';</script>`,
      '<script type="module" src="/crypto-onramp.js"></script>',
    );

    const onramp = cryptoOnrampDevMiddleware({ sessionPath: '/api/onramp-session' });
    const shop = express();
    shop.use(onramp);
    shop.get('/', (_req: unknown, res: { type(t: string): { send(body: string): void } }) => res.type('html').send(page));
    shop.get('/crypto-onramp.js', (_req: unknown, res: { type(t: string): { send(body: string): void } }) => res.type('text/javascript').send(dropIn));
    const server: Server = await new Promise((resolve) => {
      const listening: Server = shop.listen(0, '127.0.0.1', () => resolve(listening));
    });
    try {
      await elementGetsReady(browser, `http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await onramp.close();
    }
  });
});
