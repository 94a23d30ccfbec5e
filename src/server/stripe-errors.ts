/**
 * Turning what the SDK throws into the endpoint's answer.
 *
 * Errors are recognised by the SDK's `type` string (`'StripeInvalidRequestError'`, …), not by
 * `instanceof`: `stripe` is an optional peer dependency, the site may hold a different copy of it,
 * and this module must not import it at runtime.
 */
import { badGateway, errorResponse, HANDLER_ERROR_CODES, internalError, serverMisconfigured, type ErrorType } from './errors.js';
import { describeError, redactSecrets, type OnrampLogger } from './logger.js';

/** The fields of the SDK's `StripeError` this module reads. */
interface StripeErrorLike {
  type: string;
  rawType?: string;
  statusCode?: number;
  code?: string;
  param?: string;
  message: string;
  requestId?: string;
  headers?: Record<string, string>;
}

export function isStripeError(error: unknown): error is StripeErrorLike {
  if (!(error instanceof Error)) return false;
  const type: unknown = (error as Error & { type?: unknown }).type;
  return typeof type === 'string' && type.startsWith('Stripe');
}

/** What the endpoint was doing, for log lines and the generic 500 message. */
export type StripeOperation = 'creating an onramp session' | 'reading onramp quotes';

const PASSTHROUGH_TYPES: ReadonlySet<string> = new Set<ErrorType>([
  'invalid_request_error',
  'api_error',
  'rate_limit_error',
  'idempotency_error',
]);

/**
 * - Stripe's answers about the request (invalid parameters, `crypto_onramp_…` codes, idempotency
 *   conflicts, Stripe's rate limit) pass through with their status, type, code, param and message.
 * - A rejected or under-privileged key is the site's configuration, not the customer's request:
 *   500 with a generic message, and one server-side log line saying what to fix.
 * - Stripe unreachable: 502.
 * - Anything else: 500, logged.
 */
export function stripeErrorResponse(
  error: unknown,
  logger: OnrampLogger,
  operation: StripeOperation = 'creating an onramp session',
): Response {
  if (!isStripeError(error)) {
    logger.error(`${operation[0]?.toUpperCase()}${operation.slice(1)} failed unexpectedly: ${describeError(error)}`);
    return operationFailed(operation);
  }
  const requestRef = error.requestId ? ` (Stripe request ${error.requestId})` : '';
  switch (error.type) {
    case 'StripeConnectionError':
      logger.warn(`Stripe could not be reached: ${redactSecrets(error.message)}`);
      return badGateway(HANDLER_ERROR_CODES.stripeUnreachable);
    case 'StripeAuthenticationError':
      logger.error(
        `Stripe rejected the secret key${requestRef}. Check the key the server is configured with (STRIPE_SECRET_KEY): it may be mistyped, revoked or from another account.`,
      );
      return serverMisconfigured();
    case 'StripePermissionError':
      logger.error(
        `The Stripe key lacks permission for ${operation}${requestRef}: ${redactSecrets(error.message)}`,
      );
      return serverMisconfigured();
    case 'StripeAPIError':
      if (error.statusCode === undefined) {
        // The SDK's "Invalid JSON received from the Stripe API": something between here and
        // Stripe (a proxy, a captive portal) answered instead of Stripe.
        logger.warn(`Stripe's answer could not be read${requestRef}: ${redactSecrets(error.message)}`);
        return badGateway(HANDLER_ERROR_CODES.invalidStripeResponse);
      }
      break;
    default:
      break;
  }
  const rawType = error.rawType ?? '';
  const status = error.statusCode ?? 0;
  if (rawType === 'idempotency_error' && status >= 400 && status < 500) return idempotencyErrorResponse(error, status);
  if (PASSTHROUGH_TYPES.has(rawType) && status >= 400 && status < 600) {
    if (status >= 500) logger.warn(`Stripe answered ${status}${requestRef}: ${redactSecrets(error.message)}`);
    const headers: Record<string, string> = {};
    const retryAfter = error.headers?.['retry-after'];
    if (status === 429 && retryAfter && /^\d+$/.test(retryAfter)) headers['Retry-After'] = retryAfter;
    // Stripe's answers hold no secrets, but this one goes to a browser: every text in it is
    // redacted, not only the message (a param can echo a key the site put in a parameter name).
    return errorResponse({
      status,
      type: rawType as ErrorType,
      code: redactOptional(error.code),
      message: redactSecrets(error.message),
      param: redactOptional(error.param),
      headers,
    });
  }
  logger.error(`Stripe answered an unexpected error${requestRef}: ${describeError(error)}`);
  return operationFailed(operation);
}

function redactOptional(text: string | undefined): string | undefined {
  return typeof text === 'string' ? redactSecrets(text) : undefined;
}

/**
 * Stripe's idempotency errors name the key as Stripe saw it, which is the kit's namespaced key
 * (`crypto-onramp-mint:…`), an internal detail, and carry no `code` for reuse. The browser gets
 * the kit's own code and message instead: `idempotency_key_reused` (the page sent one key for two
 * different requests), or Stripe's `idempotency_key_in_use` (the same request is still running).
 */
function idempotencyErrorResponse(error: StripeErrorLike, status: number): Response {
  const inUse = error.code === 'idempotency_key_in_use';
  return errorResponse({
    status,
    type: 'idempotency_error',
    code: inUse ? 'idempotency_key_in_use' : HANDLER_ERROR_CODES.idempotencyKeyReused,
    message: inUse
      ? 'A request with this Idempotency-Key is still being processed. Retry it in a moment.'
      : 'This Idempotency-Key was already used for a session with other parameters. Use a new key for a new session.',
  });
}

/** The generic 500 for `operation`, its details in the server log only. */
export function operationFailed(operation: StripeOperation = 'creating an onramp session'): Response {
  return internalError(`Something went wrong while ${operation}.`);
}
