/**
 * The emulator without a socket: its state and its Fetch handler, built from `EmulatorOptions`.
 * `startEmulator` (index.ts) serves the handler on Node through the package's one adapter.
 */
import { resolve } from 'node:path';
import { nowSeconds, type EmulatorContext, type Latency } from './context.js';
import { SessionStore } from './store.js';
import { IdempotencyCache } from './idempotency.js';
import { Persistence } from './persistence.js';
import { SessionFlow } from './flow.js';
import { BrowserEventHub } from './browser-events.js';
import { browserSessionView } from './browser-view.js';
import { presentSession } from './session-factory.js';
import { buildSessionEvent, WebhookDispatcher, type WebhookDelivery, type WebhookEndpoint } from './webhooks.js';
import { createEmulatorHandler, type EmulatorHandler } from './server.js';
import { standInScripts } from './stand-in/scripts.js';
import { trimTrailing } from '../shared/trim-trailing.js';

export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The URL browsers reach the emulator at, when not `http://host:port` (a proxy, a container). */
  publicUrl?: string;
  /**
   * Keep sessions in this file across restarts: an append-only log (each change costs one append),
   * compacted on start, locked to this process (a second emulator on the file refuses to start).
   * In memory when unset.
   */
  dataFile?: string;
  /** Endpoints that receive `crypto.onramp_session_updated` events, signed with their `whsec_…` secret. */
  webhooks?: WebhookEndpoint[];
  /** Called after each webhook delivery (success or final failure). */
  onWebhookDelivered?: (delivery: WebhookDelivery) => void;
  /** Artificial latency in ms, for the API and for the two stand-in scripts separately. */
  latencyMs?: Partial<Latency>;
  /** How long `fulfillment_processing` lasts before `fulfillment_complete`. Default 2000 ms. */
  fulfillmentDelayMs?: number;
  /** The clock (ms since epoch), for tests that need sessions created at chosen times. */
  now?: () => number;
}

/**
 * The emulator without a socket: its state, and its Fetch handler (`Request → Response`), which
 * `startEmulator` serves on Node through the package's one adapter. Not public: the package's way
 * in is `startEmulator`; the tests call this handler directly.
 */
export interface OpenEmulator {
  ctx: EmulatorContext;
  store: SessionStore;
  flow: SessionFlow;
  webhooks: WebhookDispatcher;
  persistence: Persistence | null;
  handler: EmulatorHandler;
  /** Sets the URL browsers reach the emulator at (known once it listens), resumes timers; returns it trimmed. */
  start(publicUrl: string): string;
  /** Stops the fulfillment timers and ends the event streams (again harmless). */
  stop(): void;
  /** Stops, waits for webhooks, saves the data file and releases its lock. */
  close(): Promise<void>;
}

export async function openEmulator(options: EmulatorOptions = {}): Promise<OpenEmulator> {
  const nowMs = options.now ?? Date.now;
  const store = new SessionStore();
  const idempotency = new IdempotencyCache(nowMs);
  const persistence = options.dataFile ? new Persistence(resolve(options.dataFile), store, idempotency) : null;
  await persistence?.load();

  const flow = new SessionFlow(store, { nowMs, fulfillmentDelayMs: options.fulfillmentDelayMs ?? 2000 });
  const events = new BrowserEventHub();
  const webhooks = new WebhookDispatcher({
    endpoints: options.webhooks ?? [],
    nowSeconds: () => Math.floor(nowMs() / 1000),
    ...(options.onWebhookDelivered ? { onDelivered: options.onWebhookDelivered } : {}),
  });
  const ctx: EmulatorContext = {
    store,
    idempotency,
    flow,
    events,
    persistence,
    latency: { api: options.latencyMs?.api ?? 0, scripts: options.latencyMs?.scripts ?? 0 },
    nowMs,
    baseUrl: '',
    scripts: { stripeJs: '', onrampOuterJs: '', onrampOuterLegacyJs: '' },
  };

  store.onChange(({ record, previousStatus, requestId }) => {
    if (events.hasListeners(record)) events.publish(record, browserSessionView(record, nowSeconds(ctx)));
    // Stripe sends crypto.onramp_session_updated on status changes after creation, none on creation.
    if (previousStatus !== null && previousStatus !== record.session.status && webhooks.endpointCount > 0) {
      webhooks.send(
        buildSessionEvent(presentSession(record, ctx.baseUrl), previousStatus, {
          nowSeconds: nowSeconds(ctx),
          apiVersion: record.apiVersion,
          requestId,
          pendingWebhooks: webhooks.endpointCount,
        }),
      );
    }
    // Changes not made by an API request (fulfillment timers, the browser's steps) are saved here.
    // An API request saves its own, with its idempotency key in the same line: saving here too
    // would append the session alone, and a crash before the key's line would let a retry create
    // it a second time.
    if (requestId === null) persistence?.save().catch((error: unknown) => console.error('[crypto-onramp-emulator] could not save data file:', error));
  });

  const stop = (): void => {
    flow.close();
    events.close();
  };
  return {
    ctx,
    store,
    flow,
    webhooks,
    persistence,
    handler: createEmulatorHandler(ctx),
    start(publicUrl) {
      const url = trimTrailing(publicUrl, '/');
      ctx.baseUrl = url;
      ctx.scripts = standInScripts(url);
      flow.resume();
      return url;
    },
    stop,
    async close() {
      stop();
      await webhooks.close();
      await persistence?.flush();
    },
  };
}

