/**
 * The site the browser benchmarks load: a tiny loopback http server with the pages, their scripts
 * (the real drop-in bundle, and the hand-written integrations bundled by the same bundler), and
 * the minting endpoint `POST /session`, which is the server kit's handler behind its Node adapter,
 * in front of the emulator. It counts requests in flight, so a benchmark can see one left open.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Stripe from 'stripe';
import { build, type Rolldown } from 'vite';
import { createOnrampSessionHandler, toNodeHandler } from '../src/server/index.js';
import { stripePureAliases } from '../stripe-pure-aliases.js';
import { ROOT, SCRATCH } from './env.js';

export interface PageServer {
  url: string;
  /** Requests on `/session` begun and not yet answered or closed. */
  readonly openSessionRequests: number;
  /** `POST /session` requests received so far. */
  readonly sessionRequests: number;
  close(): Promise<void>;
}

/**
 * Every page has the same shape: its one module script in the head, its markup, then one inline
 * script defining `__markReady` (the element's page also listens for its ready event there). The
 * same shape matters: an inline script placed before the module tag delays the module's request
 * by some milliseconds, which would be timed as the integration's cost.
 */
const PAGE = (title: string, script: string, body: string, inline = '') => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title}</title>
<link rel="icon" href="data:,">
<style>body { margin: 0; font-family: system-ui, sans-serif; } main { max-width: 500px; margin: 0 auto; min-height: 480px; }</style>
<script type="module" src="${script}"></script>
</head>
<body>
<main>${body}</main>
<script>window.__markReady = () => { ${READY_MARK} };${inline}</script>
</body>
</html>
`;

/**
 * Written by each page when Stripe's UI is up: ms since navigation start, then announced on the
 * console, which the benchmark hears through the DevTools protocol. (Waiting with Playwright's
 * `waitForFunction` instead injects Playwright's script into the page and polls it: measured here,
 * 7 ms of main thread right when the page's own script arrived, and a task every 10 ms after.)
 */
export const READY_MESSAGE = 'crypto-onramp-bench:ready';
const READY_MARK = `window.__readyAt = performance.now(); console.log(${JSON.stringify(READY_MESSAGE)});`;

/**
 * What Stripe's sample does, step by step: fetch the client secret from the site's endpoint, then
 * load Stripe's scripts with `loadStripeOnramp`, then `createSession` + `mount`.
 */
const HANDWRITTEN_SEQUENTIAL = `
import { loadStripeOnramp } from '@stripe/crypto/pure';
const response = await fetch('/session', {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({}),
});
const { client_secret: clientSecret, publishable_key: publishableKey } = await response.json();
const onramp = await loadStripeOnramp(publishableKey);
const session = onramp.createSession({ clientSecret, appearance: { theme: 'light' } });
session.addEventListener('onramp_ui_loaded', () => window.__markReady());
session.mount('#onramp-element');
`;

/**
 * The same, written with care: the scripts start loading at once, in parallel with the request
 * (as Stripe's React sample does by calling `loadStripeOnramp` at module level). Information only.
 */
const HANDWRITTEN_PARALLEL = `
import { loadStripeOnramp } from '@stripe/crypto/pure';
const onrampPromise = loadStripeOnramp(${JSON.stringify('__PK__')});
const response = await fetch('/session', {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({}),
});
const { client_secret: clientSecret } = await response.json();
const onramp = await onrampPromise;
const session = onramp.createSession({ clientSecret, appearance: { theme: 'light' } });
session.addEventListener('onramp_ui_loaded', () => window.__markReady());
session.mount('#onramp-element');
`;

async function bundleScript(name: string, code: string): Promise<string> {
  await mkdir(join(SCRATCH, 'entries'), { recursive: true });
  const entry = join(SCRATCH, 'entries', `${name}.js`);
  await writeFile(entry, code);
  const result = (await build({
    configFile: false,
    logLevel: 'silent',
    root: ROOT,
    resolve: { alias: stripePureAliases },
    build: {
      write: false,
      target: 'es2022',
      lib: { entry, formats: ['es'], fileName: () => `${name}.js` },
      rolldownOptions: { output: { minify: true } },
    },
  })) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
  const output = (Array.isArray(result) ? result[0]! : result).output;
  const chunk = output.find((item): item is Rolldown.OutputChunk => item.type === 'chunk' && item.isEntry);
  if (!chunk) throw new Error(`no chunk for ${name}`);
  return chunk.code;
}

export interface PageServerOptions {
  emulatorUrl: string;
  secretKey: string;
  publishableKey: string;
}

export async function startPageServer(options: PageServerOptions): Promise<PageServer> {
  const { hostname, port } = new URL(options.emulatorUrl);
  const stripe = new Stripe(options.secretKey, { host: hostname, port: Number(port), protocol: 'http', maxNetworkRetries: 0 });
  const mint = toNodeHandler(createOnrampSessionHandler({ stripe, publishableKey: options.publishableKey, logger: false }));

  const scripts: Record<string, string> = {
    '/assets/crypto-onramp.js': await readFile(join(ROOT, 'dist/cdn/crypto-onramp.js'), 'utf8'),
    '/assets/handwritten.js': await bundleScript('handwritten', HANDWRITTEN_SEQUENTIAL),
    '/assets/handwritten-parallel.js': await bundleScript('handwritten-parallel', HANDWRITTEN_PARALLEL.replace('__PK__', options.publishableKey)),
  };
  const pages: Record<string, string> = {
    '/element.html': PAGE(
      'element',
      '/assets/crypto-onramp.js',
      '<crypto-onramp session-url="/session"></crypto-onramp>',
      " document.addEventListener('crypto-onramp-ready', () => window.__markReady(), { once: true });",
    ),
    '/handwritten.html': PAGE('hand-written', '/assets/handwritten.js', '<div id="onramp-element"></div>'),
    '/handwritten-parallel.html': PAGE('hand-written, parallel', '/assets/handwritten-parallel.js', '<div id="onramp-element"></div>'),
    // The churn page: the drop-in, nothing else; the benchmark drives it.
    '/churn.html': PAGE('churn', '/assets/crypto-onramp.js', '<div id="stage"></div>'),
  };

  let open = 0;
  let total = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/session') {
      open++;
      total++;
      let done = false;
      const finish = () => {
        if (!done) {
          done = true;
          open--;
        }
      };
      res.once('finish', finish);
      res.once('close', finish);
      void mint(req, res);
      return;
    }
    const script = scripts[path];
    const page = pages[path];
    if (script !== undefined || page !== undefined) {
      res.writeHead(200, {
        'Content-Type': script !== undefined ? 'text/javascript; charset=utf-8' : 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
      });
      res.end(script ?? page);
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
  });
  // Keep-alive sockets must not hold `close()` up.
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    get openSessionRequests() {
      return open;
    },
    get sessionRequests() {
      return total;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
