/**
 * A ready-made webhook endpoint (Fetch API, so `toNodeHandler` serves it on Node too): verifies
 * each delivery and hands genuine onramp session updates to the site's callback.
 */
import type { CryptoOnrampSession } from '../shared/session.js';
import { readBodyWithLimit } from './body.js';
import { errorResponse, HANDLER_ERROR_CODES, jsonResponse, methodNotAllowed } from './errors.js';
import { createSafeLogger, describeError, type OnrampLogger } from './logger.js';
import {
  verifyOnrampWebhook,
  type OnrampSessionUpdatedEvent,
  type StripeWebhookVerifier,
} from './webhooks.js';

export interface OnrampWebhookHandlerOptions {
  stripe: StripeWebhookVerifier;
  /** The endpoint's signing secret (`whsec_…`). */
  secret: string;
  /** Called once per verified update. Throw (or reject) to answer 500, so Stripe redelivers. */
  onSessionUpdated: (session: CryptoOnrampSession, event: OnrampSessionUpdatedEvent) => void | Promise<void>;
  /** Default 256 kB; Stripe's events are far smaller. */
  maxBodyBytes?: number;
  toleranceSeconds?: number;
  logger?: OnrampLogger | false;
}

export function createOnrampWebhookHandler(options: OnrampWebhookHandlerOptions): (request: Request) => Promise<Response> {
  const logger = createSafeLogger(options.logger);
  const maxBodyBytes = options.maxBodyBytes ?? 256 * 1024;
  if (!options.secret?.startsWith('whsec_')) {
    throw new TypeError('createOnrampWebhookHandler: secret must be a webhook signing secret (whsec_…)');
  }
  return async (request) => {
    if (request.method !== 'POST') return methodNotAllowed('Webhooks are delivered with POST.', 'POST');
    const body = await readBodyWithLimit(request, maxBodyBytes);
    if (!body.ok) {
      const tooLarge = body.reason === 'too_large';
      return errorResponse({
        status: tooLarge ? 413 : 400,
        type: 'invalid_request_error',
        code: tooLarge ? HANDLER_ERROR_CODES.bodyTooLarge : HANDLER_ERROR_CODES.invalidJson,
        message: tooLarge ? 'The payload is too large.' : 'The payload could not be read.',
      });
    }
    const result = await verifyOnrampWebhook(
      options.stripe,
      body.text,
      request.headers.get('stripe-signature'),
      options.secret,
      options.toleranceSeconds === undefined ? {} : { toleranceSeconds: options.toleranceSeconds },
    );
    if (result.kind === 'invalid') {
      return errorResponse({
        status: 400,
        type: 'invalid_request_error',
        code:
          result.reason === 'signature'
            ? HANDLER_ERROR_CODES.webhookSignatureInvalid
            : HANDLER_ERROR_CODES.webhookPayloadInvalid,
        message: result.message,
      });
    }
    if (result.kind === 'ignored') return jsonResponse(200, { received: true, ignored: true });
    try {
      await options.onSessionUpdated(result.session, result.event);
    } catch (error) {
      logger.error(`onSessionUpdated failed for event ${result.event.id}: ${describeError(error)}`);
      return errorResponse({
        status: 500,
        type: 'api_error',
        code: HANDLER_ERROR_CODES.internalError,
        message: 'The event could not be processed.',
      });
    }
    return jsonResponse(200, { received: true });
  };
}
