/**
 * Shared set-up for the server kit's tests: a real emulator over loopback, the official `stripe`
 * SDK pointed at it, and a logger that records what it is given.
 */
import { createServer as createHttpServer } from 'node:http';
import { after, before } from 'node:test';
import Stripe from 'stripe';
import { startEmulator } from '../../src/emulator/index.js';
import { createOnrampSessionHandler, type OnrampLogger, type OnrampSessionHandlerOptions } from '../../src/server/index.js';

export const TEST_SECRET_KEY = 'sk_test_51ServerKitTestKey000000000000000000';
export const TEST_PUBLISHABLE_KEY = 'pk_test_51ServerKitTestKey000000000000000000';

export interface TestEmulator {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startTestEmulator(options: Parameters<typeof startEmulator>[0] = {}): Promise<TestEmulator> {
  const emulator = await startEmulator({ port: 0, host: '127.0.0.1', ...options });
  return { url: emulator.url, port: emulator.port, close: async () => { await emulator.close(); } };
}

/** The official SDK, aimed at `port` on loopback; no retries so failures show at once. */
export function stripeAt(port: number, key = TEST_SECRET_KEY): Stripe {
  return new Stripe(key, {
    host: '127.0.0.1',
    port,
    protocol: 'http',
    maxNetworkRetries: 0,
    telemetry: false,
    // Lets a test see the parameters the SDK sent (the SDK's own `request` event).
    emitEventBodies: true,
  });
}

/** Records every `request` event the SDK emits: what actually went to the API. */
export interface SentRequest {
  body?: Record<string, unknown>;
  idempotency_key?: string;
  method?: string;
  path?: string;
}

export function recordStripeRequests(stripe: Stripe): SentRequest[] {
  const seen: SentRequest[] = [];
  // The SDK types `on` loosely; its `request` event carries the fields above.
  stripe.on('request', (event: SentRequest) => {
    seen.push(event);
  });
  return seen;
}

/** A logger that keeps its lines, for assertions about what the server logs. */
export function captureLogger(): { logger: OnrampLogger; lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    logger: {
      error: (message) => lines.push(`error: ${message}`),
      warn: (message) => lines.push(`warn: ${message}`),
    },
  };
}

/** A port nothing listens on. */
export { freePort as closedPort } from './redis-helpers.js';

export const ENDPOINT = 'http://shop.example/api/onramp-session';

/** A minting request as the element sends it. */
export function mintRequest(
  body: unknown,
  init: { headers?: Record<string, string>; method?: string; rawBody?: string } = {},
): Request {
  const headers = new Headers({ 'Content-Type': 'application/json', Accept: 'application/json', ...init.headers });
  const method = init.method ?? 'POST';
  const payload = init.rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
  return new Request(ENDPOINT, { method, headers, ...(method === 'GET' || method === 'HEAD' ? {} : { body: payload ?? null }) });
}

export async function readJson(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

export function errorOf(body: Record<string, unknown>): { type?: string; code?: string; message?: string; param?: string } {
  return (body['error'] ?? {}) as { type?: string; code?: string; message?: string; param?: string };
}

/** mulberry32: a small seeded PRNG, so a failing fuzz case can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A typical valid body from the element. */
export const VALID_BODY = {
  destination_currency: 'eth',
  destination_network: 'ethereum',
  destination_currencies: ['eth', 'usdc'],
  wallet_addresses: { ethereum: '0x71C7656EC7ab88b098defB751B7401B5f6d8976F' },
  lock_wallet_address: true,
  source_currency: 'usd',
  source_amount: '100.00',
};

/** The emulator's test control: moves a session to `status` (and fires its webhooks). */
export async function setSessionStatus(emulator: TestEmulator, id: string, status: string): Promise<void> {
  const response = await fetch(`${emulator.url}/v1/test_helpers/crypto/onramp_sessions/${id}/status`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TEST_SECRET_KEY}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ status }).toString(),
  });
  if (!response.ok) throw new Error(`setting ${id} to ${status}: ${response.status} ${await response.text()}`);
}

/**
 * One emulator for a test file: started before its tests, closed after. Returns a getter, since
 * the emulator exists only once `before` has run.
 */
export function useTestEmulator(): () => TestEmulator {
  let emulator: TestEmulator | undefined;
  before(async () => {
    emulator = await startTestEmulator();
  });
  after(async () => {
    await emulator?.close();
  });
  return () => {
    if (!emulator) throw new Error('the test emulator starts in before()');
    return emulator;
  };
}

/** A handler on a fresh SDK instance pointed at the emulator, its outgoing requests and log lines recorded. */
export function handlerSetup(emulator: TestEmulator, options: Partial<OnrampSessionHandlerOptions> = {}) {
  const stripe = options.stripe ? (options.stripe as Stripe) : stripeAt(emulator.port);
  const sent = recordStripeRequests(stripe);
  const { logger, lines } = captureLogger();
  const handler = createOnrampSessionHandler({ logger, ...options, stripe });
  return { handler, sent, lines, stripe };
}

/**
 * A test file's emulator (started before its tests) and `setup(options)`: a handler on a fresh SDK
 * instance pointed at it, with the SDK's outgoing requests and log lines recorded.
 */
export function useHandlerSetup() {
  const testEmulator = useTestEmulator();
  const setup = (options: Partial<OnrampSessionHandlerOptions> = {}) => handlerSetup(testEmulator(), options);
  return { testEmulator, setup };
}

/**
 * A loopback HTTP proxy in front of the emulator that counts what reaches it, by path and query:
 * how a test proves a request did (or did not) get to "Stripe", without timing anything.
 */
export interface CountingProxy {
  port: number;
  /** Every request the emulator received through the proxy, as `METHOD /path?query`. */
  seen: string[];
  close(): Promise<void>;
}

export async function startCountingProxy(target: TestEmulator): Promise<CountingProxy> {
  const seen: string[] = [];
  const server = createHttpServer((req, res) => {
    seen.push(`${req.method ?? 'GET'} ${req.url ?? '/'}`);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string' && name !== 'host' && name !== 'connection' && name !== 'content-length') headers.set(name, value);
      }
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      fetch(`${target.url}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers, ...(body ? { body } : {}) })
        .then(async (answer) => {
          const text = await answer.text();
          res.writeHead(answer.status, { 'Content-Type': answer.headers.get('content-type') ?? 'application/json', 'Request-Id': answer.headers.get('request-id') ?? '' });
          res.end(text);
        })
        .catch(() => {
          res.writeHead(502);
          res.end();
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    seen,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
