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
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type LogLevel, type Plugin, type PluginOption } from 'vite';
import { stripePureAliases } from '../stripe-pure-aliases.js';
import { createDemoApi, type DemoApi } from './api.js';
import { DemoConfigError, emulatorPlugin, readBackendConfig, stripeBackend, type DemoMode } from './backend.js';
import { dropInBundle } from './drop-in.js';
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

  // Emulator mode: the package's own Vite plugin runs the emulator (once Vite listens, so that its
  // webhooks can reach the demo's address), serves /api/onramp-session and puts the stand-in
  // scripts in each page's head, except where a page must do without.
  const emulator = backendConfig.mode === 'emulator' ? emulatorPlugin(backendConfig, (path) => pageFor(path)?.standIn !== false) : undefined;
  // Requests arrive only once Vite listens; they wait for the backend (milliseconds).
  let resolveApi!: (api: DemoApi) => void;
  let rejectApi!: (error: unknown) => void;
  const api = new Promise<DemoApi>((res, rej) => {
    resolveApi = res;
    rejectApi = rej;
  });
  api.catch(() => {}); // reported by startDemo's own rejection

  const vite = await createServer({
    configFile: false,
    root: ROOT,
    appType: 'mpa',
    clearScreen: false,
    logLevel: options.logLevel ?? 'info',
    cacheDir: options.cacheDir ?? resolve(ROOT, 'node_modules/.vite/demo'),
    resolve: { alias: stripePureAliases },
    plugins: [...(emulator ? [emulator.plugin] : []), demoPlugin(api), ...(await frameworkPlugins())],
    server: {
      port,
      strictPort: false,
      ...(host ? { host } : {}),
      ...(options.watch === false ? { watch: null, hmr: false } : {}),
    },
    optimizeDeps: {
      // Scan every page up front, so the first visit never triggers a re-optimisation and reload.
      entries: DEMO_PAGES.map((page) => `${page.path.slice(1)}${page.path.endsWith('/') ? 'index.html' : ''}`),
    },
  });

  try {
    await vite.listen();
    const address = vite.httpServer?.address() as AddressInfo | null;
    if (!address) throw new Error('Vite did not start listening.');
    const backend = backendConfig.mode === 'emulator' ? await emulator!.backend() : stripeBackend(backendConfig);
    resolveApi(createDemoApi(backend, { frameworkPages: frameworkPages() }));

    const wildcard = !host || host === 'localhost' || host === '0.0.0.0' || host === '::';
    const url = `http://${wildcard ? 'localhost' : host.includes(':') ? `[${host}]` : host}:${address.port}`;
    let closing: Promise<void> | undefined;
    return {
      url,
      port: address.port,
      mode: backend.mode,
      livemode: backend.livemode,
      emulatorUrl: backend.emulator?.url,
      // The emulator (emulator mode) closes with Vite, through its plugin.
      close: () => (closing ??= vite.close()),
    };
  } catch (error) {
    rejectApi(error);
    await vite.close().catch(() => {});
    throw error;
  }
}

/**
 * The demo's server side inside Vite: the API routes, the drop-in bundle built from the sources,
 * and the CSP of the page that demonstrates a blocked Stripe script.
 */
function demoPlugin(api: Promise<DemoApi>): Plugin {
  return {
    name: 'crypto-onramp-demo',
    configureServer(server) {
      // Added here (not in a returned function), these run before Vite's own middlewares.
      server.middlewares.use((req, res, next) => {
        const pathname = (req.url ?? '/').split('?', 1)[0]!;
        const page = pageFor(pathname);
        const csp = page && cspFor(page, req.headers.host);
        if (csp) res.setHeader('Content-Security-Policy', csp);
        if (pathname.startsWith('/dist/cdn/')) return dropInBundle(pathname, res, next);
        if (!pathname.startsWith('/api/') && pathname !== '/favicon.ico') return next();
        api.then(
          (demoApi) => demoApi.middleware(req, res, next),
          (error: unknown) => next(error),
        );
      });
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

/** The framework examples, for the entry page's list. */
function frameworkPages(): string[] {
  return DEMO_PAGES.filter((page) => page.framework).map((page) => page.path);
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
