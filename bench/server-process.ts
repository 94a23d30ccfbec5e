/**
 * A child process of the server benchmark (forked by bench/server.ts), so that the load generator,
 * the site and "Stripe" do not share one event loop, as they would not in production.
 *
 * - `emulator`: the emulator alone, standing in for Stripe's API.
 * - `kit`: the minting endpoint, `createOnrampSessionHandler` behind `toNodeHandler` on a plain
 *   `http` server, with an official `stripe` client pointed at the emulator.
 * - `plain`: what a site would otherwise write: a bare `http` handler that parses the JSON body
 *   and calls the same `stripe` client, with no validation, policy, CORS or error mapping.
 *
 * Sends `{ url }` to the parent once listening, answers `'cpu'` with its `process.cpuUsage()`,
 * and exits when the parent disconnects.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import Stripe from 'stripe';
import { startEmulator } from '../src/emulator/index.js';
import { createOnrampSessionHandler, toNodeHandler } from '../src/server/index.js';

export const SECRET_KEY = 'sk_test_bench';
export const PUBLISHABLE_KEY = 'pk_test_bench';

/** The `stripe` client both paths use, with the same settings. */
export function stripeClient(emulatorUrl: string): Stripe {
  const { hostname, port } = new URL(emulatorUrl);
  return new Stripe(SECRET_KEY, { host: hostname, port: Number(port), protocol: 'http', maxNetworkRetries: 0 });
}

/** A minimal hand-written minting endpoint, the baseline a site would have without the kit. */
async function plainHandler(stripe: Stripe, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    let text = '';
    req.setEncoding('utf8');
    for await (const chunk of req) text += chunk as string;
    const presets = JSON.parse(text) as Record<string, unknown>;
    const key = req.headers['idempotency-key'];
    const session = (await stripe.rawRequest(
      'POST',
      '/v1/crypto/onramp_sessions',
      { ...presets, customer_ip_address: req.socket.remoteAddress },
      typeof key === 'string' ? { idempotencyKey: `crypto-onramp-mint:${key}` } : undefined,
    )) as unknown as { client_secret: string };
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ client_secret: session.client_secret, publishable_key: PUBLISHABLE_KEY }));
  } catch {
    res.writeHead(500, { 'Content-Type': 'application/json' });
    res.end('{"error":{"message":"failed"}}');
  }
}

async function main(): Promise<void> {
  const role = process.argv[2];
  let url: string;
  if (role === 'emulator') {
    const emulator = await startEmulator({ port: 0 });
    url = emulator.url;
  } else if (role === 'kit') {
    const emulatorUrl = process.argv[3];
    if (!emulatorUrl) throw new Error('usage: server-process.ts kit EMULATOR_URL');
    const handler = toNodeHandler(
      createOnrampSessionHandler({ stripe: stripeClient(emulatorUrl), publishableKey: PUBLISHABLE_KEY, logger: false }),
    );
    const server = createServer((req, res) => void handler(req, res));
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  } else if (role === 'plain') {
    const emulatorUrl = process.argv[3];
    if (!emulatorUrl) throw new Error('usage: server-process.ts plain EMULATOR_URL');
    const stripe = stripeClient(emulatorUrl);
    const server = createServer((req, res) => void plainHandler(stripe, req, res));
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  } else {
    throw new Error(`unknown role ${String(role)}`);
  }
  process.send?.({ url });
  // The parent asks for this process's CPU time around each round: CPU per request served.
  process.on('message', (message) => {
    if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() });
  });
  process.on('disconnect', () => process.exit(0));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
