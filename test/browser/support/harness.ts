/**
 * The Node side of the browser tests, the same in every engine: an in-process emulator; the
 * emulator's Stripe proxy, through which every engine reaches Stripe's two script hosts (answered
 * with the stand-in, or failed, or hung, as a test asks) and is refused every other outside host;
 * a session endpoint with ways to misbehave; failing the test server's own requests (a lazy chunk
 * that cannot load); and server commands the tests call.
 *
 * The modes are the server's, not a page's: the suite runs one test file at a time (concurrency 1).
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Stripe from 'stripe';
import { EMULATOR_PUBLISHABLE_KEY as TEST_PUBLISHABLE_KEY, createStripeProxy, startEmulator, type ScriptMode } from '../../../src/emulator/index.js';
import { createOnrampQuotesHandler, createOnrampSessionHandler } from '../../../src/server/index.js';
import { createRequestFailures } from './fail-requests.js';
import { hostilePages } from './hostile-pages.js';
import { navigationPages } from './navigation-pages.js';

const SECRET_KEY = 'sk_test_browser_tests';

/**
 * What `serve` serves: the stand-in of Stripe's current script, or with `STAND_IN_SDK=legacy` the
 * older one (no `setAppearance`, `appearance` ignored), to run the whole browser suite against it.
 */
const SERVE: ScriptMode = process.env.STAND_IN_SDK === 'legacy' ? 'serve-legacy' : 'serve';

export type Harness = Awaited<ReturnType<typeof startHarness>>;

export async function startHarness() {
  const emulator = await startEmulator({ port: 0 });
  const proxy = await createStripeProxy({ emulatorUrl: emulator.url });
  proxy.setScriptMode(SERVE);
  const failures = createRequestFailures();
  const { hostname, port } = new URL(emulator.url);
  const stripe = new Stripe(SECRET_KEY, { host: hostname, port: Number(port), protocol: 'http', maxNetworkRetries: 0 });
  const requestLogs = new Map<string, Array<{ headers: Record<string, string>; body: unknown; at: number; url: string }>>();
  const gates = new Map<string, () => void>();

  // The session endpoints are the server kit's own handler in front of the emulator.
  const kit = createOnrampSessionHandler({ stripe, logger: false });
  const kitWithFallback = createOnrampSessionHandler({ stripe, logger: false, policy: { hostedFallback: true } });

  /** Mints through the kit; `?pk=` overrides the publishable key answered (`0`: none), `?redirect=1` enables the hosted fallback. */
  async function mintThroughKit(req: IncomingMessage, raw: string, url: URL): Promise<{ status: number; body: Record<string, unknown> }> {
    const handler = url.searchParams.get('redirect') === '1' ? kitWithFallback : kit;
    const headers = new Headers();
    for (const name of ['content-type', 'accept', 'idempotency-key']) {
      const value = req.headers[name];
      if (typeof value === 'string') headers.set(name, value);
    }
    const response = await handler(new Request('http://localhost/test-api/session', { method: 'POST', headers, body: raw }), {
      peerAddress: req.socket.remoteAddress,
    });
    const body = (await response.json()) as Record<string, unknown>;
    const pk = url.searchParams.get('pk') ?? TEST_PUBLISHABLE_KEY;
    if (response.ok && pk !== '0') body['publishable_key'] = pk;
    return { status: response.status, body };
  }

  // The quotes endpoints are the kit's quotes handler in front of the same emulator.
  const quotesKit = createOnrampQuotesHandler({ stripe, logger: false });

  /** Asks the kit for quotes with the page's query, minus the harness' own `log` parameter. */
  async function quotesThroughKit(url: URL): Promise<{ status: number; body: unknown }> {
    const query = new URLSearchParams(url.searchParams);
    query.delete('log');
    const response = await quotesKit(new Request(`http://localhost/test-api/quotes?${query}`, { headers: { accept: 'application/json' } }));
    return { status: response.status, body: await response.json() };
  }

  const servePages = hostilePages(new URL(emulator.url).origin);
  const serveNavigationPages = navigationPages();

  /** Connect-style middleware for the test server's `/test-api/*` endpoints and `/test-pages/*`. */
  async function endpoints(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    // A new test file's page: the modes a previous file set are gone, as they were when they
    // belonged to its page (one file at a time, so the server's modes are that file's).
    if (url.searchParams.has('wtr-session-id') && !url.pathname.includes('.')) {
      proxy.setScriptMode(SERVE);
      failures.set(null);
    }
    if (failures.fails(req, res)) return true;
    if (await serveDropIn(url.pathname, res)) return true;
    if (await servePages(req, res)) return true;
    if (await serveNavigationPages(req, res)) return true;
    if (!url.pathname.startsWith('/test-api/')) return false;
    // `?retry-after=` adds that Retry-After header to an error answer (seconds, or an HTTP-date).
    const retryAfter = url.searchParams.get('retry-after');
    const send = (status: number, body: unknown, type = 'application/json') => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...(retryAfter !== null && status >= 400 && { 'Retry-After': retryAfter }) });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    const name = url.pathname.slice('/test-api/'.length);
    const logId = url.searchParams.get('log');

    if (name.startsWith('log/')) return send(200, requestLogs.get(name.slice(4)) ?? []), true;
    if (name === 'release') {
      gates.get(logId ?? '')?.();
      return send(200, { released: logId }), true;
    }
    if (name === 'emulator/status') {
      const { id, status } = JSON.parse(await readBody(req)) as { id: string; status: string };
      const r = await fetch(`${emulator.url}/v1/test_helpers/crypto/onramp_sessions/${id}/status`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${SECRET_KEY}`, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ status }),
      });
      return send(r.status, await r.text()), true;
    }

    const raw = await readBody(req);
    let body: unknown = raw;
    try { body = JSON.parse(raw); } catch { /* logged as text */ }
    if (logId) {
      const log = requestLogs.get(logId) ?? [];
      log.push({ headers: req.headers as Record<string, string>, body, at: Date.now(), url: req.url ?? '' });
      requestLogs.set(logId, log);
    }
    const attempts = logId ? requestLogs.get(logId)!.length : 1;

    switch (name) {
      case 'session':
      case 'flaky':
      case 'gated': {
        if (name === 'flaky' && attempts === 1) return send(503, { error: { code: 'busy', message: 'Try again' } }), true;
        if (name === 'gated' && attempts === 1) await new Promise<void>((resolve) => gates.set(logId ?? '', resolve));
        const { status, body: answer } = await mintThroughKit(req, raw, url);
        send(status, answer);
        return true;
      }
      case 'quotes':
      case 'quotes-flaky': {
        if (name === 'quotes-flaky' && attempts === 1) return send(503, { error: { code: 'busy', message: 'The quotes are busy; try again.' } }), true;
        const { status, body: answer } = await quotesThroughKit(url);
        return send(status, answer), true;
      }
      case 'quotes-hang':
        // Never answers; logs `<log>:closed` when the browser gives up on the request (an abort).
        // The status is set now, as for 'hang', so the test runner does not report a 404.
        res.statusCode = 204;
        res.on('close', () => {
          if (!res.writableEnded && logId) requestLogs.set(`${logId}:closed`, [{ headers: {}, body: 'closed', at: Date.now(), url: req.url ?? '' }]);
        });
        return true;
      case 'fail': {
        const status = Number(url.searchParams.get('status') ?? 500);
        const error: Record<string, string> = {};
        for (const key of ['code', 'message', 'param']) {
          const value = url.searchParams.get(key);
          if (value !== null) error[key] = value;
        }
        return send(status, { error }), true;
      }
      case 'not-json':
        return send(200, '<!doctype html><title>Oops</title>', 'text/html'), true;
      case 'bad-secret':
        return send(200, { client_secret: 'not-a-session-secret' }), true;
      case 'no-secret':
        return send(200, { publishable_key: TEST_PUBLISHABLE_KEY }), true;
      case 'hang':
        // Never answers; the element aborts (disconnect) or times out. The status is set now (no
        // headers go out until end) so the test runner, which reads it when this returns, does not
        // report the unanswered request as a 404.
        res.statusCode = 204;
        req.on('close', () => res.end());
        return true;
      default:
        return send(404, { error: { message: `no test endpoint ${name}` } }), true;
    }
  }

  return {
    emulator,
    proxy,
    endpoints,
    /** `serve` is the suite's SDK version (`STAND_IN_SDK`); `serve-current` pins the current one. */
    setScriptMode(requested: ScriptMode | 'serve-current'): void {
      proxy.setScriptMode(requested === 'serve' ? SERVE : requested === 'serve-current' ? 'serve' : requested);
    },
    /** Fails the test server's requests matching `urlPattern` until called with `null` (fail-requests.ts). */
    failRequests: failures.set,
    async close() {
      await proxy.close();
      await emulator.close();
    },
  };
}

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * The drop-in's files (dist/cdn, plain JavaScript with no bare imports), served here with
 * `no-store`: the test runner caches every file it serves for a year, and a test that fails a
 * chunk expects the retry to reach the network, as a real page's retry does.
 */
async function serveDropIn(pathname: string, res: ServerResponse): Promise<boolean> {
  if (!pathname.startsWith('/dist/cdn/') || !pathname.endsWith('.js') || pathname.includes('..')) return false;
  let body: Buffer;
  try {
    body = await readFile(join(ROOT, pathname));
  } catch {
    return false;
  }
  // `Vary: *` as well: WebKit reuses a `no-store` module still held by the previous page.
  res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store', Vary: '*' });
  res.end(body);
  return true;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (data += chunk));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}
