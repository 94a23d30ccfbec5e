/**
 * The network model of the time-to-ready bench: a local HTTPS proxy every origin of the page goes
 * through (the site's own included), which charges what a real network charges and loopback does
 * not:
 * - each new connection (a `CONNECT` tunnel) waits `setupRoundTrips × rtt` before it opens: DNS,
 *   TCP and TLS, paid once per connection, which is what a preconnect can pay early;
 * - each request waits one `rtt` more (the request there, the answer back).
 *
 * Each origin is a name (`shop.example`, `js.stripe.com`, …) mapped to a loopback server; the
 * proxy ends the tunnel itself with a certificate for those names (made as the emulator's Stripe
 * proxy makes its own, src/emulator/stripe-proxy.ts, whose behaviour is untouched) and speaks
 * HTTP/2 where the browser offers it, as Stripe's CDN and most sites do: one connection per origin
 * and partition, so the setup counts say what each origin cost.
 *
 * The site's origin also answers `POST /__ready` (the page's beacon, with its ready time) and can
 * rewrite its HTML (the levers a page author adds: `<link>` hints), so one page server serves every
 * variant.
 */
import { createServer as createHttpServer, request as httpRequest, Agent, type IncomingMessage, type IncomingHttpHeaders } from 'node:http';
import { createSecureServer, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import type { Socket } from 'node:net';
import { makeCertificate } from '../src/emulator/stripe-proxy.js';

export interface NetworkProfile {
  name: string;
  rttMs: number;
  /** Round trips before a new connection carries its first request (DNS + TCP + TLS). */
  setupRoundTrips: number;
}

export const NETWORK_PROFILES: readonly NetworkProfile[] = [
  { name: 'broadband', rttMs: 20, setupRoundTrips: 3 },
  { name: 'mobile', rttMs: 80, setupRoundTrips: 3 },
];

/** One origin of the model: `https://host` answered by `upstream` (a loopback `http:` server), paths mapped by `path`. */
export interface ModelOrigin {
  host: string;
  upstream: string;
  /** The upstream path for a requested one (default: the same); `undefined` answers 404. */
  path?: (requested: string) => string | undefined;
  /** Rewrites an HTML answer (the requested URL given): the site's levers. */
  rewriteHtml?: (html: string, url: URL) => string;
  /** The ready beacon is answered here. */
  site?: boolean;
}

export interface OriginStats {
  connections: number;
  setupMs: number;
  requests: number;
}

export interface NetworkProxy {
  port: number;
  /** The PEM certificate the proxy presents for every origin of the model. */
  certificate: string;
  setProfile(profile: NetworkProfile): void;
  /** Resolves with the next beacon's ready time (ms since the page's navigation start). */
  nextReady(timeoutMs: number): Promise<number>;
  /** Connections, setup time and requests per host since the last `reset`. */
  stats(): Record<string, OriginStats>;
  /** Ends every open tunnel and clears the counts: the next load starts cold. */
  reset(): void;
  close(): Promise<void>;
}

export const READY_BEACON_PATH = '/__ready';

/** The page's beacon, added to its `__markReady`: engine-neutral, no driver needs to watch the console. */
export const BEACON_SCRIPT = `navigator.sendBeacon(${JSON.stringify(READY_BEACON_PATH)}, String(performance.now()));`;

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'host', 'http2-settings', 'te']);

function forwardable(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || name.startsWith(':') || HOP_BY_HOP.has(name)) continue;
    out[name] = value;
  }
  return out;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startNetworkProxy(origins: readonly ModelOrigin[], initial: NetworkProfile): Promise<NetworkProxy> {
  const byHost = new Map(origins.map((origin) => [origin.host, origin]));
  const { key, cert } = await makeCertificate([...byHost.keys()]);
  let profile = initial;
  let counts = new Map<string, OriginStats>();
  const tunnels = new Set<Socket>();
  const agent = new Agent({ keepAlive: true });
  let waiting: ((ms: number) => void) | undefined;

  const statsOf = (host: string) => {
    let entry = counts.get(host);
    if (!entry) counts.set(host, (entry = { connections: 0, setupMs: 0, requests: 0 }));
    return entry;
  };

  async function answer(req: IncomingMessage | Http2ServerRequest, res: Http2ServerResponse | import('node:http').ServerResponse): Promise<void> {
    const host = String(req.headers[':authority'] ?? req.headers.host ?? '').replace(/:443$/, '');
    const origin = byHost.get(host);
    const url = new URL(req.url ?? '/', `https://${host}`);
    statsOf(host).requests++;
    if (process.env.NETBENCH_DEBUG) console.error('req', host, Math.round(performance.now()), req.method, url.pathname, req.httpVersion, (req.socket as { remotePort?: number })?.remotePort);
    // The request's trip there and the answer's trip back.
    await sleep(profile.rttMs);
    if (!origin) return void res.writeHead(404).end();
    if (origin.site && url.pathname === READY_BEACON_PATH) {
      let body = '';
      for await (const chunk of req) body += String(chunk);
      res.writeHead(204).end();
      waiting?.(Number(body));
      waiting = undefined;
      return;
    }
    const path = origin.path ? origin.path(url.pathname) : url.pathname;
    if (path === undefined) return void res.writeHead(404).end();
    const target = new URL(path + url.search, origin.upstream);
    await new Promise<void>((resolve, reject) => {
      const upstream = httpRequest(target, { method: req.method, headers: forwardable(req.headers), agent }, (upRes) => {
        const headers = forwardable(upRes.headers);
        const html = origin.rewriteHtml && String(upRes.headers['content-type'] ?? '').startsWith('text/html');
        if (!html) {
          res.writeHead(upRes.statusCode ?? 502, headers);
          upRes.pipe(res as NodeJS.WritableStream);
          upRes.on('end', resolve);
          upRes.on('error', reject);
          return;
        }
        let text = '';
        upRes.setEncoding('utf8');
        upRes.on('data', (chunk: string) => (text += chunk));
        upRes.on('error', reject);
        upRes.on('end', () => {
          delete headers['content-length'];
          res.writeHead(upRes.statusCode ?? 502, headers);
          res.end(origin.rewriteHtml!(text, url));
          resolve();
        });
      });
      upstream.on('error', reject);
      (req as NodeJS.ReadableStream).pipe(upstream);
    });
  }

  const tls = createSecureServer({ key, cert, allowHTTP1: true }, (req, res) => {
    answer(req, res).catch(() => res.stream?.close());
  });
  tls.on('sessionError', () => {});
  if (process.env.NETBENCH_DEBUG) {
    tls.on('secureConnection', (s) => console.error('tls ok', Math.round(performance.now()), s.alpnProtocol, (s as unknown as { _parent?: Socket })._parent?.remotePort ?? s.remotePort));
    tls.on('tlsClientError', (e, s) => console.error('tls error', Math.round(performance.now()), e.message, s.remotePort));
  }

  const proxy = createHttpServer((_req, res) => res.writeHead(502).end());
  proxy.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const host = (req.url ?? '').replace(/:443$/, '');
    socket.on('error', () => socket.destroy());
    if (!byHost.has(host)) {
      socket.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    tunnels.add(socket);
    socket.on('close', () => tunnels.delete(socket));
    const setup = profile.rttMs * profile.setupRoundTrips;
    const entry = statsOf(host);
    if (process.env.NETBENCH_DEBUG) console.error('connect', host, Math.round(performance.now()), socket.remotePort);
    entry.connections++;
    entry.setupMs += setup;
    // DNS, TCP and TLS: the tunnel opens once they would have.
    setTimeout(() => {
      if (socket.destroyed) return;
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n', () => {
        if (head.length > 0) socket.unshift(head);
        tls.emit('connection', socket);
      });
    }, setup);
  });

  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const address = proxy.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    port,
    certificate: cert,
    setProfile(next) {
      profile = next;
    },
    nextReady(timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting = undefined;
          reject(new Error(`not ready within ${timeoutMs} ms`));
        }, timeoutMs);
        waiting = (ms) => {
          clearTimeout(timer);
          resolve(ms);
        };
      });
    },
    stats: () => Object.fromEntries(counts),
    reset() {
      for (const socket of tunnels) socket.destroy();
      tunnels.clear();
      counts = new Map();
    },
    async close() {
      for (const socket of tunnels) socket.destroy();
      agent.destroy();
      tls.close();
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
  };
}
