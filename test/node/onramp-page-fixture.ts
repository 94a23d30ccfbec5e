/**
 * A page on a loopback server that loads Stripe's scripts the way a customer's page does, for the
 * node tests that drive real browsers against the emulator (routing, and the proxy in every engine).
 *
 * `/` loads `/loader.js`: `@stripe/crypto`'s real loader, bundled with esbuild at test time, which
 * injects `https://js.stripe.com/v3` and `https://crypto-js.stripe.com/crypto-onramp-outer.js`.
 * The page also offers `loadScript(url)` (a plain `<script src>`, reporting `load` or `error`) and
 * `probe(url)` (a `fetch` reporting how it ended and how long it took).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { findChromium } from '../../scripts/find-chromium.js';

export const PUBLISHABLE_KEY = 'pk_test_proxyfixture';

/** A host that does not exist: the emulator's routing or proxy must refuse it at once. */
export const OUTSIDE_URL = 'https://outside.example/';

const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>onramp fixture</title>
<script type="module" src="/loader.js"></script>
<script>
  window.loadScript = (url) => new Promise((resolve) => {
    const script = document.createElement('script');
    script.src = url;
    script.onload = () => resolve('load');
    script.onerror = () => resolve('error');
    document.head.append(script);
  });
  window.probe = async (url) => {
    const started = performance.now();
    try {
      const response = await fetch(url, { cache: 'no-store' });
      return { outcome: 'status ' + response.status, ms: performance.now() - started };
    } catch (error) {
      return { outcome: 'failed', ms: performance.now() - started };
    }
  };
</script>
<p>fixture</p>
`;

const LOADER_ENTRY = `
import { loadStripeOnramp } from '@stripe/crypto';
// Resolves to StripeOnramp's instance or the loader's error message, for the test to compare.
window.loadOnramp = (pk) => loadStripeOnramp(pk).then(
  (onramp) => (onramp ? 'loaded: ' + typeof window.StripeOnramp + ', ' + typeof onramp.createSession : 'null'),
  (error) => 'error: ' + error.message,
);
`;

let loaderText: Promise<string> | undefined;

/** `@stripe/crypto`'s loader as one browser script (built once per process). */
function loader(): Promise<string> {
  loaderText ??= build({
    stdin: { contents: LOADER_ENTRY, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2020',
  }).then((result) => result.outputFiles[0]!.text);
  return loaderText;
}

export interface PageServer {
  /** `http://127.0.0.1:PORT/`, the page. */
  url: string;
  close(): Promise<void>;
}

/** Serves the fixture page and its loader on a free loopback port. */
export async function startPageServer(): Promise<PageServer> {
  const script = await loader();
  const server = createServer((req, res) => {
    if (req.url === '/loader.js') return void res.writeHead(200, { 'Content-Type': 'text/javascript', 'Cache-Control': 'no-store' }).end(script);
    if (req.url === '/') return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(PAGE);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A browser's executable, or an error naming the Debian package that provides it (never a silent skip). */
import { requireBinary } from '../support/driver-process.js';

export { requireBinary };

export const chromiumPath = (): string => requireBinary(findChromium(), 'Chromium', 'chromium');

/** Bounds a browser step, so a hung engine fails the test with a message instead of stalling the run. */
export function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
