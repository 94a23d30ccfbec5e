/**
 * `crypto-onramp-element/emulator`: an offline emulator of Stripe's crypto onramp. One process
 * serves the HTTP API (which the official `stripe` SDK talks to unchanged), stand-ins for Stripe's
 * two browser scripts, the purchase flow they mount, the hosted page, test controls and webhooks.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CryptoOnrampSession } from '../shared/session.js';
import { toNodeHandler } from '../http/node-adapter.js';
import type { Latency } from './context.js';
import { openEmulator, type EmulatorOptions } from './open.js';
import type { SettableStatus } from './flow.js';
import { presentSession } from './session-factory.js';
import type { WebhookDelivery } from './webhooks.js';
import { SCRIPT_PATHS } from './browser-routes.js';
import type { StandInScripts } from './stand-in/scripts.js';

export { standInScripts, type StandInScripts } from './stand-in/scripts.js';
export type { EmulatorOptions } from './open.js';
export {
  routeStripeToEmulator,
  STRIPE_SCRIPT_URLS,
  type BrowserContextLike,
  type CdpSessionLike,
  type CdpSessionSource,
  type HungScript,
  type PageLike,
  type RoutableLike,
  type RouteLike,
  type RouteRequestLike,
  type RoutingMethod,
  type StripeRoutingOptions,
} from './playwright-routing.js';
export { createStripeProxy, type ScriptMode, type StripeProxy, type StripeProxyOptions } from './stripe-proxy.js';
export { signWebhookPayload, WEBHOOK_EVENT_TYPE, type StripeEvent, type WebhookDelivery, type WebhookEndpoint } from './webhooks.js';
export { TEST_TRIGGERS } from './triggers.js';
export { TEST_WALLET_ADDRESSES } from './test-wallets.js';
export { SETTABLE_STATUSES, type SettableStatus } from './flow.js';
export { decodeForm, type FormNode, type FormRecord } from './form-decoder.js';
export type { StandInSdk } from './stand-in/onramp-outer.js';

/** Keys to print and use: the emulator accepts any `sk_test_…` / `pk_test_…`, these are just handy. */
export const EMULATOR_SECRET_KEY = 'sk_test_emulator';
export const EMULATOR_PUBLISHABLE_KEY = 'pk_test_emulator';

export interface RunningEmulator {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  url: string;
  port: number;
  host: string;
  secretKey: string;
  publishableKey: string;
  /** Where the emulator serves the stand-ins for Stripe's two scripts. */
  scriptUrls: { stripeJs: string; onrampOuterJs: string };
  /** The stand-in scripts' text, with this emulator's URL baked in. */
  scripts: StandInScripts;
  /** Drives a session to a status (as the HTTP test control does), including the browser-only `error`. */
  setStatus(id: string, status: SettableStatus): Promise<CryptoOnrampSession>;
  getSession(id: string): CryptoOnrampSession | null;
  /** Every session, newest first. */
  listSessions(): CryptoOnrampSession[];
  setLatency(latency: Partial<Latency>): void;
  setFulfillmentDelay(ms: number): void;
  webhooks: {
    /** Every delivery so far, oldest first. */
    readonly deliveries: readonly WebhookDelivery[];
    /** Resolves when every delivery queued so far has finished. */
    idle(): Promise<void>;
    /** Resolves with the first delivery (past or future) matching the predicate. */
    next(predicate?: (delivery: WebhookDelivery) => boolean): Promise<WebhookDelivery>;
  };
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
}

/** The host part of a URL for `host`: wildcard addresses become loopback, IPv6 gets brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts the offline emulator of Stripe's onramp: the HTTP API the official SDK talks to, the
 * stand-ins for Stripe's two browser scripts, the hosted page, test controls and webhooks. Listens
 * on a free loopback port unless `port` / `host` say otherwise; `close()` stops it.
 *
 * @example
 * ```ts
 * import Stripe from 'stripe';
 * import { startEmulator } from 'crypto-onramp-element/emulator';
 * import { createOnrampSession } from 'crypto-onramp-element/server';
 *
 * const emulator = await startEmulator();
 * const { hostname, port } = new URL(emulator.url);
 * const stripe = new Stripe(emulator.secretKey, { host: hostname, port: Number(port), protocol: 'http' });
 * const session = await createOnrampSession(stripe, { destination_currency: 'eth', destination_network: 'ethereum' });
 * await emulator.setStatus(session.id, 'fulfillment_complete'); // and its webhooks fire
 * await emulator.close();
 * ```
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const emulator = await openEmulator(options);
  const { ctx, store, flow, webhooks, persistence } = emulator;
  const serve = toNodeHandler(emulator.handler);
  const server = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => console.error('[crypto-onramp-emulator] could not answer:', error));
  });
  try {
    await listen(server, options.port ?? 0, host);
  } catch (error) {
    await emulator.close(); // releases the data file's lock
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const url = emulator.start(options.publicUrl ?? `http://${urlHost(host)}:${port}`);

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    host,
    secretKey: EMULATOR_SECRET_KEY,
    publishableKey: EMULATOR_PUBLISHABLE_KEY,
    scriptUrls: { stripeJs: `${url}${SCRIPT_PATHS.stripeJs}`, onrampOuterJs: `${url}${SCRIPT_PATHS.onrampOuterJs}` },
    scripts: ctx.scripts,
    async setStatus(id, status) {
      const record = store.get(id);
      if (!record) throw new Error(`No such crypto.onramp_session: '${id}'`);
      flow.setStatus(record, status, null);
      await persistence?.save();
      return structuredClone(presentSession(record, url));
    },
    getSession(id) {
      const record = store.get(id);
      return record ? structuredClone(presentSession(record, url)) : null;
    },
    listSessions() {
      return [...store.all()].reverse().map((record) => structuredClone(presentSession(record, url)));
    },
    setLatency(latency) {
      if (latency.api !== undefined) ctx.latency.api = latency.api;
      if (latency.scripts !== undefined) ctx.latency.scripts = latency.scripts;
    },
    setFulfillmentDelay(ms) {
      flow.fulfillmentDelayMs = ms;
    },
    webhooks: {
      get deliveries() {
        return webhooks.deliveries;
      },
      idle: () => webhooks.idle(),
      next: (predicate) => webhooks.next(predicate),
    },
    close() {
      closing ??= (async () => {
        emulator.stop(); // no timer fires and no stream stays open while the server closes
        const closed = new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
        server.closeAllConnections();
        await closed;
        await emulator.close();
      })();
      return closing;
    },
  };
}
