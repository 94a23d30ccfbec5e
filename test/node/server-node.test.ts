/**
 * The Node adapter (`toNodeHandler`) behind a real `http` server and behind Express (whose
 * `app.use(path, …)` is Connect's middleware contract, the one Vite's dev server uses), minting
 * against the emulator over loopback.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import { createOnrampSessionHandler, toNodeHandler, type OnrampSessionHandlerOptions } from '../../src/server/index.js';
import { CLIENT_SECRET_PATTERN } from '../../src/shared/session.js';
import {
  captureLogger,
  errorOf,
  recordStripeRequests,
  startTestEmulator,
  stripeAt,
  VALID_BODY,
  type TestEmulator,
} from './server-helpers.js';

let emulator: TestEmulator;
const servers: Server[] = [];
before(async () => {
  emulator = await startTestEmulator();
});
after(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
  await emulator.close();
});

async function listen(server: Server): Promise<string> {
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function makeHandler(options: Partial<OnrampSessionHandlerOptions> = {}) {
  const stripe = stripeAt(emulator.port);
  const sent = recordStripeRequests(stripe);
  const handler = createOnrampSessionHandler({ logger: captureLogger().logger, ...options, stripe });
  return { handler, sent };
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

// Timeouts turn a body the adapter never finishes (a hang) into a failure.
describe('Node adapter: http.createServer', { timeout: 20_000 }, () => {
  it('mints, with the socket’s peer address as customer_ip_address', async () => {
    const { handler, sent } = makeHandler({ publishableKey: 'pk_test_123abc' });
    const base = await listen(createServer(toNodeHandler(handler)));
    const response = await post(`${base}/api/onramp`, VALID_BODY, { 'Idempotency-Key': 'node-1' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const body = (await response.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), ['client_secret', 'publishable_key']);
    assert.match(String(body['client_secret']), CLIENT_SECRET_PATTERN);
    assert.equal(sent[0]!.body!['customer_ip_address'], '127.0.0.1');
    assert.equal(sent[0]!.idempotency_key, 'crypto-onramp-mint:node-1');
  });

  it('trusts X-Forwarded-For only from a trusted proxy', async () => {
    const { handler, sent } = makeHandler({ trustProxy: 'loopback' });
    const base = await listen(createServer(toNodeHandler(handler)));
    assert.equal((await post(base, VALID_BODY, { 'X-Forwarded-For': '100.64.9.9' })).status, 200);
    assert.equal(sent[0]!.body!['customer_ip_address'], '100.64.9.9');
  });

  it('answers 405, 415, 400 and CORS preflights over the wire', async () => {
    const { handler } = makeHandler({ allowedOrigins: ['https://shop.example'] });
    const base = await listen(createServer(toNodeHandler(handler)));
    const get = await fetch(base);
    assert.equal(get.status, 405);
    assert.equal(get.headers.get('allow'), 'POST, OPTIONS');
    const text = await fetch(base, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' });
    assert.equal(text.status, 415);
    const broken = await post(base, '{"oops"');
    assert.equal(broken.status, 400);
    assert.equal(errorOf((await broken.json()) as Record<string, unknown>).code, 'invalid_json');
    const preflight = await fetch(base, {
      method: 'OPTIONS',
      headers: { Origin: 'https://shop.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://shop.example');
    const refused = await fetch(base, { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' } });
    assert.equal(refused.status, 403);
  });

  it('413 on an endless chunked upload, answered while the client is still sending', async () => {
    const { handler } = makeHandler({ maxBodyBytes: 2048 });
    const base = new URL(await listen(createServer(toNodeHandler(handler))));
    const request = httpRequest({
      host: base.hostname,
      port: base.port,
      method: 'POST',
      path: '/',
      headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
    });
    let responded = false;
    let bytesWritten = 0;
    const chunk = Buffer.alloc(16 * 1024, 0x31);
    // Keep writing until the answer comes: a server that waited for the end would never answer.
    const pump = () => {
      while (!responded) {
        bytesWritten += chunk.length;
        if (!request.write(chunk)) {
          request.once('drain', pump);
          return;
        }
      }
    };
    request.on('error', () => undefined); // the server closes the connection after its 413
    request.write('{"source_amount":"');
    pump();
    const [response] = (await once(request, 'response')) as [import('node:http').IncomingMessage];
    responded = true;
    assert.equal(response.statusCode, 413);
    assert.equal(response.headers['connection'], 'close');
    response.resume();
    request.destroy();
    // The body never ended, yet the answer came: the server stopped at the limit, not at the end.
    assert.ok(bytesWritten > 2048, `${bytesWritten} bytes offered`);
  });
});

describe('Node adapter: body-read timeout', { timeout: 20_000 }, () => {
  /** Sends the start of a body and never the rest; resolves with the answer that comes anyway. */
  async function drip(url: string, headers: Record<string, string>): Promise<{ status: number; body: string; closed: Promise<unknown> }> {
    const base = new URL(url);
    const request = httpRequest({ host: base.hostname, port: base.port, method: 'POST', path: '/', headers: { 'Content-Type': 'application/json', ...headers } });
    request.on('error', () => undefined);
    request.write('{"source_amount":"1');
    const [response] = (await once(request, 'response')) as [import('node:http').IncomingMessage];
    let body = '';
    response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    await once(response, 'end');
    return { status: response.statusCode ?? 0, body, closed: once(request.socket!, 'close') };
  }

  for (const [kind, headers] of [
    ['a declared length', { 'Content-Length': '200' }],
    ['a chunked body', { 'Transfer-Encoding': 'chunked' }],
  ] as const) {
    it(`408 and a closed connection when ${kind} stops arriving`, async () => {
      const { handler, sent } = makeHandler();
      const url = await listen(createServer(toNodeHandler(handler, { bodyTimeoutMs: 150 })));
      const answer = await drip(url, headers);
      assert.equal(answer.status, 408);
      assert.equal(errorOf(JSON.parse(answer.body) as Record<string, unknown>).code, 'request_timeout');
      await answer.closed;
      assert.equal(sent.length, 0, 'nothing reached Stripe');
    });
  }

  it('defaults to 10 s and refuses a nonsensical value', () => {
    assert.throws(() => toNodeHandler(makeHandler().handler, { bodyTimeoutMs: 0 }), /bodyTimeoutMs/);
  });
});

describe('Node adapter: an already-parsed body', { timeout: 20_000 }, () => {
  it('accepts req.body parsed by the framework (as Next.js pages API routes do)', async () => {
    const { handler, sent } = makeHandler();
    const node = toNodeHandler(handler);
    // Next.js reads the stream itself and hands over `req.body` as an object, with no `_body` flag.
    const server = createServer((req, res) => {
      let text = '';
      req.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      req.on('end', () => {
        Object.assign(req, { body: JSON.parse(text) as unknown });
        void node(req, res);
      });
    });
    const base = await listen(server);
    assert.equal((await post(base, VALID_BODY)).status, 200);
    assert.deepEqual(sent[0]!.body!['wallet_addresses'], VALID_BODY.wallet_addresses);
  });
});

describe('Node adapter: Express', { timeout: 20_000 }, () => {
  it('mints from a route with no body parser (the adapter streams the body)', async () => {
    const { handler } = makeHandler();
    const app = express();
    app.post('/api/onramp', toNodeHandler(handler));
    const base = await listen(createServer(app));
    const response = await post(`${base}/api/onramp`, VALID_BODY);
    assert.equal(response.status, 200);
  });

  it('works when express.json() already parsed the body, and still validates it', async () => {
    const { handler, sent } = makeHandler();
    const app = express();
    app.use(express.json());
    app.post('/api/onramp', toNodeHandler(handler));
    const base = await listen(createServer(app));
    assert.equal((await post(`${base}/api/onramp`, VALID_BODY)).status, 200);
    assert.deepEqual(sent[0]!.body!['wallet_addresses'], VALID_BODY.wallet_addresses);
    const unknown = await post(`${base}/api/onramp`, { ...VALID_BODY, metadata: { a: 'b' } });
    assert.equal(unknown.status, 400);
    assert.equal(errorOf((await unknown.json()) as Record<string, unknown>).param, 'metadata');
  });

  it('works after express.raw() and express.text() too', async () => {
    const { handler } = makeHandler();
    const app = express();
    app.post('/raw', express.raw({ type: 'application/json' }), toNodeHandler(handler));
    app.post('/text', express.text({ type: 'application/json' }), toNodeHandler(handler));
    const base = await listen(createServer(app));
    assert.equal((await post(`${base}/raw`, VALID_BODY)).status, 200);
    assert.equal((await post(`${base}/text`, VALID_BODY)).status, 200);
  });

  it('mounted Connect-style with app.use(path, …): every method reaches the handler', async () => {
    const { handler } = makeHandler({ allowedOrigins: ['https://shop.example'] });
    const app = express();
    app.use('/api/onramp', toNodeHandler(handler));
    app.use((_req, res) => {
      res.status(404).end('not here');
    });
    const base = await listen(createServer(app));
    assert.equal((await post(`${base}/api/onramp`, VALID_BODY)).status, 200);
    assert.equal((await fetch(`${base}/api/onramp`, { method: 'DELETE' })).status, 405);
    const preflight = await fetch(`${base}/api/onramp`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://shop.example', 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(preflight.status, 204);
    assert.equal((await fetch(`${base}/elsewhere`)).status, 404);
  });
});
