/**
 * Webhook delivery the way Stripe does it: a `crypto.onramp_session_updated` event per status
 * change after creation, POSTed as JSON with a `Stripe-Signature: t=…,v1=…` header (HMAC-SHA256 of
 * `${t}.${body}` keyed with the whole `whsec_…` secret), which `stripe.webhooks.constructEvent`
 * verifies. Deliveries to one endpoint go out in order; failures are retried a few times.
 */
import { formatSignatureHeader } from '../shared/stripe-signature-header.js';
import { createHmac } from 'node:crypto';
import { WEBHOOK_SECRET_PATTERN } from '../shared/key-formats.js';
import type { CryptoOnrampSession } from '../shared/session.js';
import { newEventId } from './ids.js';
import { delay } from './responses.js';

export const WEBHOOK_EVENT_TYPE = 'crypto.onramp_session_updated';

/** Used for events when the creating request sent no `Stripe-Version`. */
export const DEFAULT_API_VERSION = '2026-10-28.endive';

export interface WebhookEndpoint {
  url: string;
  /** The endpoint's signing secret, `whsec_…`. */
  secret: string;
}

export interface StripeEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  data: { object: CryptoOnrampSession; previous_attributes: { status: string } };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: typeof WEBHOOK_EVENT_TYPE;
}

export interface WebhookDelivery {
  endpoint: string;
  event: StripeEvent;
  ok: boolean;
  /** HTTP status of the last attempt, or null when the endpoint could not be reached. */
  status: number | null;
  attempts: number;
  error?: string;
}

/** `Stripe-Signature` for `payload` signed at `timestamp` (Unix seconds). */
export function signWebhookPayload(payload: string, secret: string, timestamp: number): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
  return formatSignatureHeader(timestamp, signature);
}

export function buildSessionEvent(
  session: CryptoOnrampSession,
  previousStatus: string,
  context: { nowSeconds: number; apiVersion: string | null; requestId: string | null; pendingWebhooks: number },
): StripeEvent {
  return {
    id: newEventId(),
    object: 'event',
    api_version: context.apiVersion ?? DEFAULT_API_VERSION,
    created: context.nowSeconds,
    data: { object: structuredClone(session), previous_attributes: { status: previousStatus } },
    livemode: false,
    pending_webhooks: context.pendingWebhooks,
    request: { id: context.requestId, idempotency_key: null },
    type: WEBHOOK_EVENT_TYPE,
  };
}

export interface WebhookDispatcherOptions {
  endpoints: readonly WebhookEndpoint[];
  nowSeconds: () => number;
  onDelivered?: (delivery: WebhookDelivery) => void;
  /** Waits between attempts; three attempts in all. */
  retryDelaysMs?: readonly number[];
  timeoutMs?: number;
}

export function assertValidEndpoints(endpoints: readonly WebhookEndpoint[]): void {
  for (const endpoint of endpoints) {
    let url: URL;
    try {
      url = new URL(endpoint.url);
    } catch {
      throw new TypeError(`Webhook URL ${JSON.stringify(endpoint.url)} is not a valid URL.`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`Webhook URL ${endpoint.url} must be http or https.`);
    if (typeof endpoint.secret !== 'string' || !WEBHOOK_SECRET_PATTERN.test(endpoint.secret)) {
      throw new TypeError(`The signing secret for webhook ${endpoint.url} must start with whsec_.`);
    }
  }
}

export class WebhookDispatcher {
  #options: WebhookDispatcherOptions;
  #queues = new Map<string, Promise<void>>();
  #pending = new Set<Promise<void>>();
  #deliveries: WebhookDelivery[] = [];
  #waiters = new Set<{ predicate: (d: WebhookDelivery) => boolean; resolve: (d: WebhookDelivery) => void }>();
  #closed = false;

  constructor(options: WebhookDispatcherOptions) {
    assertValidEndpoints(options.endpoints);
    this.#options = options;
  }

  get endpointCount(): number {
    return this.#options.endpoints.length;
  }

  /** Every delivery so far, oldest first. */
  get deliveries(): readonly WebhookDelivery[] {
    return this.#deliveries;
  }

  send(event: StripeEvent): void {
    if (this.#closed) return;
    for (const endpoint of this.#options.endpoints) {
      const previous = this.#queues.get(endpoint.url) ?? Promise.resolve();
      const next = previous.then(() => this.#deliver(endpoint, event));
      this.#queues.set(endpoint.url, next);
      this.#pending.add(next);
      void next.finally(() => this.#pending.delete(next));
    }
  }

  /** Resolves when every delivery queued so far has finished (successfully or not). */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  /** Resolves with the first delivery (already made or future) that matches. */
  next(predicate: (delivery: WebhookDelivery) => boolean = () => true): Promise<WebhookDelivery> {
    const done = this.#deliveries.find(predicate);
    if (done) return Promise.resolve(done);
    return new Promise((resolve) => this.#waiters.add({ predicate, resolve }));
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.idle();
  }

  async #deliver(endpoint: WebhookEndpoint, event: StripeEvent): Promise<void> {
    const payload = JSON.stringify(event, null, 2);
    const delays = this.#options.retryDelaysMs ?? [100, 500];
    let attempts = 0;
    let status: number | null = null;
    let error: string | undefined;
    for (;;) {
      attempts += 1;
      try {
        const response = await fetch(endpoint.url, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json; charset=utf-8',
            'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
            // Signed per attempt, as Stripe does: the timestamp is the attempt's.
            'Stripe-Signature': signWebhookPayload(payload, endpoint.secret, this.#options.nowSeconds()),
          },
          body: payload,
          signal: AbortSignal.timeout(this.#options.timeoutMs ?? 10_000),
        });
        status = response.status;
        await response.arrayBuffer().catch(() => undefined);
        error = response.ok ? undefined : `HTTP ${response.status}`;
      } catch (thrown) {
        status = null;
        error = thrown instanceof Error ? thrown.message : String(thrown);
      }
      if (error === undefined || attempts > delays.length || this.#closed) break;
      await delay(delays[attempts - 1] ?? 0);
    }
    const delivery: WebhookDelivery = { endpoint: endpoint.url, event, ok: error === undefined, status, attempts, ...(error ? { error } : {}) };
    this.#deliveries.push(delivery);
    try {
      this.#options.onDelivered?.(delivery);
    } catch (thrown) {
      console.error('[crypto-onramp-emulator] onWebhookDelivered threw:', thrown);
    }
    for (const waiter of this.#waiters) {
      if (waiter.predicate(delivery)) {
        this.#waiters.delete(waiter);
        waiter.resolve(delivery);
      }
    }
  }
}
