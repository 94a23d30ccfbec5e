/**
 * A ready-made webhook endpoint (Fetch API, so `toNodeHandler` serves it on Node too): verifies
 * each delivery and hands genuine onramp session updates to the site's callback.
 */
import { WEBHOOK_SECRET_PATTERN } from '../shared/key-formats.js';
import type { CryptoOnrampSession } from '../shared/session.js';
import { readBodyWithLimit } from '../http/body.js';
import { errorResponse, HANDLER_ERROR_CODES, internalError, invalidRequest, jsonResponse, methodNotAllowed, payloadTooLarge, serviceUnavailable } from './errors.js';
import { createSafeLogger, describeError, type OnrampLogger } from './logger.js';
import { checkStoreTimeout, createStoreCaller, DEFAULT_STORE_TIMEOUT_MS, storeName } from './store-call.js';
import { stripeClientGetter, type StripeClientOption } from './stripe-client.js';
import { MemoryWebhookEventStore, type WebhookEventBegin, type WebhookEventStore } from './webhook-event-store.js';
import {
  DEFAULT_WEBHOOK_CLOCK_SKEW_SECONDS,
  DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
  verifyOnrampWebhook,
  type OnrampSessionUpdatedEvent,
  type StripeWebhookVerifier,
} from './webhooks.js';

/** Long enough for any sensible callback; renewed while it runs, so it bounds only a dead instance's hold. */
export const DEFAULT_WEBHOOK_LEASE_MS = 30_000;
/** What a 503 asks Stripe (or a test) to wait: the store is down, not the event. */
const STORE_RETRY_AFTER_SECONDS = 5;

export interface OnrampWebhookHandlerOptions {
  /** An instance of the official `stripe` package, or a function returning one (called at the first delivery). */
  stripe: StripeClientOption<StripeWebhookVerifier>;
  /** The endpoint's signing secret (`whsec_…`). */
  secret: string;
  /** Called once per verified update. Throw (or reject) to answer 500, so Stripe redelivers. */
  onSessionUpdated: (session: CryptoOnrampSession, event: OnrampSessionUpdatedEvent) => void | Promise<void>;
  /** Default 256 kB; Stripe's events are far smaller. */
  maxBodyBytes?: number;
  /** Largest accepted age of a delivery's signature, in seconds. Default 300 (the SDK's). */
  toleranceSeconds?: number;
  /** How far in the future a signature's timestamp may be, in seconds. Default 60. */
  maxClockSkewSeconds?: number;
  /**
   * Where event ids are leased while their callback runs and marked done after it succeeded, so a
   * repeated delivery (Stripe's retry after a lost answer, or a captured request replayed) runs
   * `onSessionUpdated` once, and a failed or interrupted one runs again on redelivery. Done ids are
   * kept as long as a signature stays acceptable (tolerance + clock skew); older replays fail
   * verification anyway. Default: memory (one process); `createRedisWebhookEventStore(client)`
   * shares it between instances.
   */
  eventStore?: WebhookEventStore;
  /**
   * How long a delivery holds its event while the callback runs, in ms, renewed every third of it
   * while the callback is still running. Default 30,000. Only an instance that dies mid-callback
   * lets it lapse; a redelivery is then handled once it has.
   */
  leaseMs?: number;
  /** Longest wait for the event store, in ms; past it the answer is 503 and Stripe redelivers. Default 250. */
  storeTimeoutMs?: number;
  logger?: OnrampLogger | false;
}

/**
 * A webhook endpoint for `crypto.onramp_session_updated`: verifies the signature with the official
 * SDK and runs `onSessionUpdated` once per event id. Answers: 200 once the callback succeeded (or
 * for a delivery of an event already done, `duplicate: true`); 409 with `Retry-After` while another
 * delivery of the event is running; 500 when the callback throws; 503 with `Retry-After` when the
 * event store cannot answer. Stripe delivers again after anything but a 2xx.
 *
 * @example
 * ```ts
 * // app/api/stripe-webhooks/route.ts (Next.js); on Node, wrap it in toNodeHandler and mount it before express.json()
 * import Stripe from 'stripe';
 * import { createOnrampWebhookHandler, isOnrampComplete } from 'crypto-onramp-element/server';
 *
 * export const POST = createOnrampWebhookHandler({
 *   stripe: new Stripe(process.env.STRIPE_SECRET_KEY!),
 *   secret: process.env.STRIPE_WEBHOOK_SECRET!, // whsec_…
 *   onSessionUpdated: async (session) => {
 *     if (isOnrampComplete(session)) await markOrderPaid(session.id);
 *   },
 * });
 * ```
 */
export function createOnrampWebhookHandler(options: OnrampWebhookHandlerOptions): (request: Request) => Promise<Response> {
  const logger = createSafeLogger(options.logger);
  const maxBodyBytes = options.maxBodyBytes ?? 256 * 1024;
  if (!WEBHOOK_SECRET_PATTERN.test(options.secret ?? '')) {
    throw new TypeError('createOnrampWebhookHandler: secret must be a webhook signing secret (whsec_…)');
  }
  const stripe = stripeClientGetter(
    options.stripe,
    (value) => typeof (value as StripeWebhookVerifier | null | undefined)?.webhooks?.constructEventAsync === 'function',
    'createOnrampWebhookHandler: `stripe` must be an instance of the official stripe package, or a function returning one',
  );
  const eventStore = options.eventStore ?? new MemoryWebhookEventStore();
  const toleranceSeconds = options.toleranceSeconds ?? DEFAULT_WEBHOOK_TOLERANCE_SECONDS;
  const maxClockSkewSeconds = options.maxClockSkewSeconds ?? DEFAULT_WEBHOOK_CLOCK_SKEW_SECONDS;
  const rememberMs = (toleranceSeconds + maxClockSkewSeconds) * 1000;
  const leaseMs = checkStoreTimeout(options.leaseMs ?? DEFAULT_WEBHOOK_LEASE_MS, 'createOnrampWebhookHandler: leaseMs');
  const storeTimeoutMs = checkStoreTimeout(options.storeTimeoutMs ?? DEFAULT_STORE_TIMEOUT_MS, 'createOnrampWebhookHandler: storeTimeoutMs');
  const callEventStore = createStoreCaller(storeName(eventStore, 'the webhook event store'), storeTimeoutMs);
  return async (request) => {
    if (request.method !== 'POST') return methodNotAllowed('Webhooks are delivered with POST.', 'POST');
    const body = await readBodyWithLimit(request, maxBodyBytes);
    if (!body.ok) {
      return body.reason === 'too_large'
        ? payloadTooLarge('The payload is too large.')
        : invalidRequest(HANDLER_ERROR_CODES.invalidJson, 'The payload could not be read.');
    }
    let client: StripeWebhookVerifier;
    try {
      client = stripe();
    } catch (error) {
      logger.error(describeError(error));
      return internalError('The event could not be processed.'); // a 500: Stripe redelivers once it is fixed
    }
    const result = await verifyOnrampWebhook(
      client,
      body.text,
      request.headers.get('stripe-signature'),
      options.secret,
      { toleranceSeconds, maxClockSkewSeconds },
    );
    if (result.kind === 'invalid') {
      const code = result.reason === 'signature' ? HANDLER_ERROR_CODES.webhookSignatureInvalid : HANDLER_ERROR_CODES.webhookPayloadInvalid;
      return invalidRequest(code, result.message);
    }
    if (result.kind === 'ignored') return jsonResponse(200, { received: true, ignored: true });
    return runOnce(result.event.id, () => options.onSessionUpdated(result.session, result.event));
  };

  /** The callback under the event's lease: the lifecycle webhook-event-store.ts describes. */
  async function runOnce(eventId: string, callback: () => void | Promise<void>): Promise<Response> {
    const store = callEventStore;
    let begun: WebhookEventBegin;
    try {
      begun = await store(() => eventStore.begin(eventId, leaseMs));
    } catch (error) {
      logger.error(`Webhook event ${eventId} was not processed: ${describeError(error)}. Answered 503 so Stripe redelivers it.`);
      return serviceUnavailable(HANDLER_ERROR_CODES.webhookStoreUnavailable, 'The event store is unavailable; deliver the event again later.', STORE_RETRY_AFTER_SECONDS);
    }
    if (begun.state === 'done') return jsonResponse(200, { received: true, duplicate: true });
    if (begun.state === 'in_progress') {
      return errorResponse({
        status: 409,
        type: 'api_error',
        code: HANDLER_ERROR_CODES.webhookEventInProgress,
        message: 'Another delivery of this event is being processed; deliver it again later.',
        headers: { 'Retry-After': String(Math.max(1, Math.ceil(leaseMs / 1000))) },
      });
    }
    const { token } = begun;
    const renewal = keepLease(eventId, token);
    try {
      await callback();
    } catch (error) {
      renewal.stop();
      logger.error(`onSessionUpdated failed for event ${eventId}: ${describeError(error)}`);
      // Freed, so Stripe's redelivery (which this 500 asks for) runs it; if the store cannot be
      // told, the lease lapses by itself.
      await store(() => eventStore.release(eventId, token)).catch((releaseError: unknown) =>
        logger.warn(`Webhook event ${eventId} stays leased until its lease lapses: ${describeError(releaseError)}`),
      );
      return internalError('The event could not be processed.');
    }
    renewal.stop();
    try {
      await store(() => eventStore.complete(eventId, token, rememberMs));
    } catch (error) {
      // The effect happened: answering anything but 200 would make Stripe run it again once the
      // lease lapses. Only a replay within the tolerance could now run it twice.
      logger.error(`Webhook event ${eventId} was processed but could not be marked done: ${describeError(error)}`);
    }
    return jsonResponse(200, { received: true });
  }

  /** Renews the lease every third of it while the callback runs, so a slow callback keeps it. */
  function keepLease(eventId: string, token: string): { stop(): void } {
    const timer = setInterval(() => {
      callEventStore(() => eventStore.renew(eventId, token, leaseMs)).then(
        (held) => {
          if (!held) logger.warn(`The lease on webhook event ${eventId} lapsed while its callback ran; a redelivery may run it again.`);
        },
        (error: unknown) => logger.warn(`The lease on webhook event ${eventId} could not be renewed: ${describeError(error)}`),
      );
    }, Math.max(1, Math.floor(leaseMs / 3)));
    (timer as { unref?: () => void }).unref?.();
    return { stop: () => clearInterval(timer) };
  }
}
