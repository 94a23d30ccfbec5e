/**
 * A ready-made webhook endpoint (Fetch API, so `toNodeHandler` serves it on Node too): verifies
 * each delivery and hands genuine onramp session updates to the site's callback.
 */
import { WEBHOOK_SECRET_PATTERN } from '../shared/key-formats.js';
import type { CryptoOnrampSession } from '../shared/session.js';
import { readBodyWithLimit } from './body.js';
import { HANDLER_ERROR_CODES, internalError, invalidRequest, jsonResponse, methodNotAllowed, payloadTooLarge } from './errors.js';
import { createSafeLogger, describeError, type OnrampLogger } from './logger.js';
import { stripeClientGetter, type StripeClientOption } from './stripe-client.js';
import { MemoryWebhookEventStore, type WebhookEventStore } from './webhook-event-store.js';
import {
  DEFAULT_WEBHOOK_CLOCK_SKEW_SECONDS,
  DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
  verifyOnrampWebhook,
  type OnrampSessionUpdatedEvent,
  type StripeWebhookVerifier,
} from './webhooks.js';

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
   * Where handled event ids are kept, so a repeated delivery (Stripe's retry after a lost answer,
   * or a captured request replayed) runs `onSessionUpdated` once. Ids are kept as long as a
   * signature stays acceptable (tolerance + clock skew); older replays fail verification anyway.
   * Default: memory (one process); `createRedisWebhookEventStore(client)` shares it between instances.
   */
  eventStore?: WebhookEventStore;
  logger?: OnrampLogger | false;
}

/**
 * A webhook endpoint for `crypto.onramp_session_updated`: verifies the signature with the official
 * SDK, runs `onSessionUpdated` once per event id (a repeated delivery answers `duplicate: true`),
 * and answers 500 when the callback throws, so Stripe delivers again.
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
    if (!(await eventStore.claim(result.event.id, rememberMs))) {
      return jsonResponse(200, { received: true, duplicate: true });
    }
    try {
      await options.onSessionUpdated(result.session, result.event);
    } catch (error) {
      // Forgotten again, so Stripe's redelivery (which this 500 asks for) is handled.
      await eventStore.release(result.event.id);
      logger.error(`onSessionUpdated failed for event ${result.event.id}: ${describeError(error)}`);
      return internalError('The event could not be processed.');
    }
    return jsonResponse(200, { received: true });
  };
}
