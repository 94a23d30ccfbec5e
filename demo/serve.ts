/**
 * `npm start`: the demo on Vite's dev server, `PORT` (default 5173).
 *
 * With no Stripe keys the minting endpoint talks to an in-process emulator and every page loads
 * the emulator's stand-ins for Stripe's two scripts, so the whole product works offline. With
 * `STRIPE_SECRET_KEY` and `STRIPE_PUBLISHABLE_KEY` it talks to Stripe and injects nothing.
 *
 * `startDemo({ port })` runs it in-process (port 0 picks a free one) for the smoke test and the
 * screenshots; it listens by itself only when this file is run directly.
 */
import { existsSync, readdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type HtmlTagDescriptor, type LogLevel, type Plugin, type PluginOption } from 'vite';
import { stripePureAliases } from '../vite.config.js';
import { createDemoApi, type DemoApi } from './api.js';
import { DemoConfigError, readBackendConfig, startBackend, type DemoBackend, type DemoMode } from './backend.js';
import { cspFor, DEMO_PAGES, pageFor } from './pages.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface DemoOptions {
  /** Default `PORT` or 5173; 0 picks a free port. */
  port?: number;
  /** Interface to listen on. Default `HOST` or Vite's default (`localhost`). */
  host?: string;
  /** Vite's log level. Default `info`. */
  logLevel?: LogLevel;
  /** Where the keys come from. Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Vite's dependency cache. Default `node_modules/.vite/demo`. */
  cacheDir?: string;
  /**
   * Reload pages when source files change. Default `true`; the smoke test and the screenshots
   * turn it off, so that edits elsewhere in the tree cannot reload a page under them.
   */
  watch?: boolean;
}

export interface RunningDemo {
  /** `http://localhost:PORT` (or the `host` it listens on), no trailing slash. */
  url: string;
  port: number;
  mode: DemoMode;
  /** Against Stripe with live keys: real money. */
  livemode: boolean;
  /** The in-process emulator's URL (emulator mode only). */
  emulatorUrl: string | undefined;
  close(): Promise<void>;
}

export async function startDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  const env = options.env ?? process.env;
  const port = options.port ?? (env['PORT'] ? Number(env['PORT']) : 5173);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new DemoConfigError(`PORT must be a port number, got "${env['PORT']}".`);
  const backendConfig = readBackendConfig(env); // a key mistake stops here, before anything listens
  const host = options.host ?? (env['HOST'] || undefined);

  // The backend needs the demo's own address (the emulator delivers webhooks to it), and the
  // pages need the backend: Vite listens first, requests wait for the backend (milliseconds).
  let resolveBackend!: (backend: DemoBackend) => void;
  let rejectBackend!: (error: unknown) => void;
  const backendReady = new Promise<DemoBackend>((res, rej) => {
    resolveBackend = res;
    rejectBackend = rej;
  });
  backendReady.catch(() => {}); // reported by startDemo's own rejection
  let api: DemoApi | undefined;

  const vite = await createServer({
    configFile: false,
    root: ROOT,
    appType: 'mpa',
    clearScreen: false,
    logLevel: options.logLevel ?? 'info',
    cacheDir: options.cacheDir ?? resolve(ROOT, 'node_modules/.vite/demo'),
    resolve: { alias: stripePureAliases },
    plugins: [demoPlugin(backendReady, () => api), ...(await frameworkPlugins())],
    server: {
      port,
      strictPort: false,
      ...(host ? { host } : {}),
      ...(options.watch === false ? { watch: null, hmr: false } : {}),
    },
    optimizeDeps: {
      // Scan every page up front, so the first visit never triggers a re-optimisation and reload.
      entries: DEMO_PAGES.map((page) => (page.path === '/' ? 'index.html' : page.path.slice(1))),
    },
  });

  let backend: DemoBackend | undefined;
  try {
    await vite.listen();
    const address = vite.httpServer?.address() as AddressInfo | null;
    if (!address) throw new Error('Vite did not start listening.');
    // The emulator delivers its webhooks to the demo's own /api/webhooks, at the address Vite bound.
    backend = await startBackend(backendConfig, { webhookUrl: `http://${reachableHost(address)}:${address.port}/api/webhooks` });
    api = createDemoApi(backend, { frameworkPages: frameworkPages() });
    resolveBackend(backend);

    const wildcard = !host || host === 'localhost' || host === '0.0.0.0' || host === '::';
    const url = `http://${wildcard ? 'localhost' : host.includes(':') ? `[${host}]` : host}:${address.port}`;
    let closing: Promise<void> | undefined;
    return {
      url,
      port: address.port,
      mode: backend.mode,
      livemode: backend.livemode,
      emulatorUrl: backend.emulator?.url,
      close() {
        closing ??= (async () => {
          await vite.close();
          await backend!.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    rejectBackend(error);
    await vite.close().catch(() => {});
    await backend?.close().catch(() => {});
    throw error;
  }
}

/** A host part for a URL to a bound address: wildcards become loopback, IPv6 gets brackets. */
function reachableHost(address: AddressInfo): string {
  if (address.address === '0.0.0.0') return '127.0.0.1';
  if (address.address === '::') return '[::1]';
  return address.family === 'IPv6' ? `[${address.address}]` : address.address;
}

/**
 * The demo's server side inside Vite: the API routes, the CSP of the page that demonstrates a
 * blocked Stripe script, and, in emulator mode, the stand-in scripts in each page's head.
 */
function demoPlugin(backendReady: Promise<DemoBackend>, getApi: () => DemoApi | undefined): Plugin {
  return {
    name: 'crypto-onramp-demo',
    configureServer(server) {
      // Added here (not in a returned function), these run before Vite's own middlewares.
      server.middlewares.use((req, res, next) => {
        const pathname = (req.url ?? '/').split('?', 1)[0]!;
        const page = pageFor(pathname);
        const csp = page && cspFor(page, req.headers.host);
        if (csp) res.setHeader('Content-Security-Policy', csp);
        if (!pathname.startsWith('/api/') && pathname !== '/favicon.ico') return next();
        backendReady.then(
          () => getApi()!.middleware(req, res, next),
          (error: unknown) => next(error),
        );
      });
    },
    async transformIndexHtml(_html, ctx): Promise<HtmlTagDescriptor[]> {
      const backend = await backendReady;
      const page = pageFor(ctx.path);
      if (!backend.emulator || page?.standIn === false) return [];
      // Classic scripts before the element's module: Stripe's loader then finds `Stripe` and
      // `StripeOnramp` already defined and injects nothing.
      const { stripeJs, onrampOuterJs } = backend.emulator.scriptUrls;
      return [
        { tag: 'script', attrs: { src: stripeJs }, injectTo: 'head' },
        { tag: 'script', attrs: { src: onrampOuterJs }, injectTo: 'head' },
      ];
    },
  };
}

/**
 * The framework examples in `demo/frameworks/` (their own owner's) may need Vite plugins (Vue,
 * Svelte, …): `demo/frameworks/vite-plugins.ts`, when present, exports them as `frameworkPlugins`
 * (an array, or a function returning one) or as its default export.
 */
async function frameworkPlugins(): Promise<PluginOption[]> {
  const file = new URL('./frameworks/vite-plugins.ts', import.meta.url);
  if (!existsSync(fileURLToPath(file))) return [];
  try {
    const module = (await import(file.href)) as { frameworkPlugins?: unknown; default?: unknown };
    const exported = module.frameworkPlugins ?? module.default;
    const plugins: unknown = typeof exported === 'function' ? await (exported as () => unknown)() : exported;
    return Array.isArray(plugins) ? (plugins as PluginOption[]) : [];
  } catch (error) {
    // The demo's own pages do not need them: serve those, and say why the framework pages may not work.
    console.warn(`crypto-onramp demo: demo/frameworks/vite-plugins.ts could not be loaded (${(error as Error).message}); the framework examples may not work.`);
    return [];
  }
}

/** `demo/frameworks/<name>/index.html` pages, for the entry page's list. */
function frameworkPages(): string[] {
  const dir = resolve(ROOT, 'demo/frameworks');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(resolve(dir, entry.name, 'index.html')))
    .map((entry) => `/demo/frameworks/${entry.name}/`)
    .sort();
}

function printBanner(demo: RunningDemo): void {
  const lines = [
    '',
    `  crypto-onramp demo  ${demo.url}/`,
    '',
    demo.mode === 'emulator'
      ? `  Backend: the offline emulator at ${demo.emulatorUrl} (no Stripe account, no network).`
      : `  Backend: Stripe (${demo.livemode ? 'LIVE mode: real money' : 'test mode'}).`,
    '',
    ...DEMO_PAGES.filter((page) => !page.framed).map((page) => `  ${page.title.padEnd(42)} ${demo.url}${page.path}`),
    '',
  ];
  console.log(lines.join('\n'));
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  try {
    // Vite's banner is off (log level `warn`): ours names the URL, the backend and the pages.
    const demo = await startDemo({ logLevel: 'warn' });
    printBanner(demo);
    const stop = () => {
      void demo.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    if (error instanceof DemoConfigError) {
      console.error(`crypto-onramp demo: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
