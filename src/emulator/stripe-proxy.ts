/**
 * The emulator as a local proxy that any browser or driver can use: Stripe's two script URLs are
 * answered with the emulator's stand-in, every other host through the proxy is refused at once (as
 * a closed network would, without the wait). Pages served from loopback are not meant to go through
 * it (every engine can be told to bypass loopback).
 *
 * HTTPS through a proxy is a `CONNECT host:443` tunnel. For Stripe's hosts the proxy ends the tunnel
 * itself with a certificate made when it starts (self-signed, for those hosts only), so the browser
 * must be told to accept it: Chromium `--ignore-certificate-errors`, Firefox `acceptInsecureCerts`,
 * WebKitGTK `--ignore-tls-errors`, or the certificate installed as trusted on a device. Unlike
 * DevTools interception this works the same in Chromium, Firefox and WebKit, and the page's own
 * requests are never touched.
 *
 * Tests can make the script hosts misbehave (`setScriptMode`): refuse the request as a dropped
 * connection, answer an HTTP error, or hang until the mode changes.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ONRAMP_JS_URL, STRIPE_JS_URL } from '../shared/stripe-script-urls.js';
import { LEGACY_SDK_QUERY, SCRIPT_PATHS } from './browser-routes.js';

/**
 * `serve`: the stand-in of Stripe's current script; `serve-legacy`: of an older version, with no
 * `setAppearance` and `appearance` ignored; `fail`: the connection is dropped, as a flaky network
 * drops it; `http-error`: Stripe's CDN answers 502; `hang`: no answer until the mode changes.
 */
export type ScriptMode = 'serve' | 'serve-legacy' | 'fail' | 'http-error' | 'hang';

/** Served by the proxy itself: a proxy auto-config file and the certificate, for a device on the network. */
export const PAC_PATH = '/proxy.pac';
export const CERTIFICATE_PATH = '/certificate.pem';

/** The hosts whose `https:` requests the proxy answers itself, and each script path's stand-in. */
const SCRIPT_HOSTS = new Map<string, string>([
  [new URL(STRIPE_JS_URL).host, SCRIPT_PATHS.stripeJs],
  [new URL(ONRAMP_JS_URL).host, SCRIPT_PATHS.onrampOuterJs],
]);

export interface StripeProxyOptions {
  /** The running emulator whose stand-in scripts are served (`startEmulator()`'s `url`). */
  emulatorUrl: string;
  /** The proxy's port (default 0: a free one). */
  port?: number;
  /** The interface to listen on (default `127.0.0.1`; `0.0.0.0` for a phone on the same network). */
  host?: string;
}

export interface StripeProxy {
  /** `http://host:port`: what a browser's proxy setting takes. */
  url: string;
  port: number;
  /** `url` + `/proxy.pac`: a proxy auto-config file (Stripe's hosts through the proxy, the rest direct), for a phone's "automatic" proxy setting. */
  pacUrl: string;
  /** `url` + `/certificate.pem`: the certificate, for a device to download and trust. */
  certificateUrl: string;
  /** The PEM certificate the proxy presents for Stripe's hosts, to trust it instead of ignoring errors. */
  certificate: string;
  /** How every script request from now on is answered (default `serve`). Ending `hang` drops the held requests. */
  setScriptMode(mode: ScriptMode): void;
  /** Script requests answered since the proxy started, by host (`js.stripe.com`, `crypto-js.stripe.com`), whatever the mode. */
  requests(host: string): number;
  close(): Promise<void>;
}

/** Starts the proxy in front of a running emulator. Needs the `openssl` command to make its certificate. */
export async function createStripeProxy(options: StripeProxyOptions): Promise<StripeProxy> {
  const { key, cert } = await makeCertificate([...SCRIPT_HOSTS.keys()]);
  const emulatorUrl = options.emulatorUrl.replace(/\/$/, '');
  let mode: ScriptMode = 'serve';
  const held = new Set<ServerResponse>();
  const counts = new Map<string, number>();
  const sockets = new Set<Socket>();

  async function answerScript(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = (req.headers.host ?? '').replace(/:443$/, '');
    const path = SCRIPT_HOSTS.get(host);
    const requested = new URL(req.url ?? '/', `https://${host}`);
    const expected = new URL(host === new URL(STRIPE_JS_URL).host ? STRIPE_JS_URL : ONRAMP_JS_URL);
    if (path === undefined || requested.pathname !== expected.pathname) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not one of Stripe\'s onramp scripts.');
      return;
    }
    counts.set(host, (counts.get(host) ?? 0) + 1);
    // Read the mode once: a change during the request applies to the next one.
    const current = mode;
    if (current === 'fail') return void req.socket.destroy();
    if (current === 'http-error') return void res.writeHead(502, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' }).end('Bad gateway');
    if (current === 'hang') {
      held.add(res);
      res.on('close', () => held.delete(res));
      return;
    }
    const legacy = current === 'serve-legacy' && path === SCRIPT_PATHS.onrampOuterJs;
    // Fetched from the emulator each time, so its script latency (`latencyMs.scripts`) applies.
    const upstream = await fetch(emulatorUrl + path + (legacy ? LEGACY_SDK_QUERY : ''));
    res.writeHead(upstream.status, {
      'Content-Type': 'text/javascript; charset=utf-8',
      // Never cached, so a test's next mode reaches the network, as a retry after a failure must.
      // WebKit reuses a `no-store` script still held by the previous page (seen in WebKitGTK 2.50);
      // `Vary: *` makes it match no later request.
      'Cache-Control': 'no-store',
      Vary: '*',
      'Access-Control-Allow-Origin': '*',
    });
    res.end(await upstream.text());
  }

  const tls = createHttpsServer({ key, cert }, (req, res) => {
    answerScript(req, res).catch(() => req.socket.destroy());
  });

  const proxy = createHttpServer((req, res) => {
    // A request to the proxy itself (a path, not a whole URL): what a device needs to use it.
    if (req.url === PAC_PATH) return void res.writeHead(200, { 'Content-Type': 'application/x-ns-proxy-autoconfig', 'Cache-Control': 'no-store' }).end(pacFile(req.headers.host ?? ''));
    if (req.url === CERTIFICATE_PATH) return void res.writeHead(200, { 'Content-Type': 'application/x-x509-ca-cert', 'Content-Disposition': 'attachment; filename="crypto-onramp-emulator-proxy.pem"' }).end(cert);
    // A plain `http:` request through the proxy: nothing of Stripe's is plain HTTP.
    res.writeHead(502, { 'Content-Type': 'text/plain' }).end('The onramp emulator proxy answers only Stripe\'s script hosts.');
  });
  proxy.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const host = (req.url ?? '').replace(/:443$/, '');
    socket.on('error', () => socket.destroy());
    if (!SCRIPT_HOSTS.has(host)) {
      // Refused at once: a page under test must not wait on the outside world.
      socket.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n', () => {
      if (head.length > 0) socket.unshift(head);
      tls.emit('connection', socket);
    });
  });
  proxy.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    proxy.once('error', reject);
    proxy.listen(options.port ?? 0, host, () => resolve());
  });
  const address = proxy.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;

  return {
    url: `http://${shownHost}:${port}`,
    port,
    pacUrl: `http://${shownHost}:${port}${PAC_PATH}`,
    certificateUrl: `http://${shownHost}:${port}${CERTIFICATE_PATH}`,
    certificate: cert,
    setScriptMode(next) {
      mode = next;
      if (next !== 'hang') {
        // A stalled connection eventually ends: the held requests fail as dropped ones.
        for (const res of held) res.socket?.destroy();
        held.clear();
      }
    },
    requests: (name) => counts.get(name) ?? 0,
    async close() {
      for (const res of held) res.socket?.destroy();
      for (const socket of sockets) socket.destroy();
      tls.close();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
  };
}

/**
 * A proxy auto-config file sending Stripe's two script hosts to this proxy, at the address the
 * device reached it by, and everything else direct: a phone set to it keeps its network and its
 * access to the page and the emulator, and only Stripe's scripts come from the stand-in.
 */
function pacFile(proxyHost: string): string {
  const hosts = [...SCRIPT_HOSTS.keys()].map((h) => `host === ${JSON.stringify(h)}`).join(' || ');
  return `function FindProxyForURL(url, host) {\n  return ${hosts} ? ${JSON.stringify(`PROXY ${proxyHost}`)} : 'DIRECT';\n}\n`;
}

/** A self-signed certificate and its key for `hosts`, made by `openssl` in a temporary folder (the bench's network model uses it too). */
export async function makeCertificate(hosts: string[]): Promise<{ key: string; cert: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'crypto-onramp-proxy-'));
  try {
    const keyFile = join(dir, 'key.pem');
    const certFile = join(dir, 'cert.pem');
    await promisify(execFile)('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '2',
      '-keyout', keyFile, '-out', certFile,
      '-subj', '/CN=crypto-onramp-element emulator proxy',
      '-addext', `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(',')}`,
      // Apple's platforms (iOS 13, macOS 10.15 on) require serverAuth in a TLS server certificate, even a trusted one.
      '-addext', 'extendedKeyUsage=serverAuth',
    ]).catch((error: unknown) => {
      throw new Error(`The emulator proxy makes its certificate with the openssl command, which failed: ${(error as Error).message}`);
    });
    return { key: await readFile(keyFile, 'utf8'), cert: await readFile(certFile, 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
