/** Everything a request handler needs, built once by `startEmulator`. */
import type { SessionStore } from './store.js';
import type { IdempotencyCache } from './idempotency.js';
import type { SessionFlow } from './flow.js';
import type { BrowserEventHub } from './browser-events.js';
import type { Persistence } from './persistence.js';
import type { StandInScripts } from './stand-in/scripts.js';

export interface Latency {
  /** Added before every `/v1/…` response. */
  api: number;
  /** Added before the two `/js/…` stand-in scripts. */
  scripts: number;
}

export interface EmulatorContext {
  store: SessionStore;
  idempotency: IdempotencyCache;
  flow: SessionFlow;
  events: BrowserEventHub;
  persistence: Persistence | null;
  latency: Latency;
  nowMs: () => number;
  /** The emulator's public URL, known once it listens. */
  baseUrl: string;
  scripts: StandInScripts;
}

export const nowSeconds = (context: EmulatorContext): number => Math.floor(context.nowMs() / 1000);
