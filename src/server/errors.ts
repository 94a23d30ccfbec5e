/**
 * The handler's answers: Stripe's error shape `{ error: { type, code, message, param? } }` for every
 * failure, and the codes this kit adds to Stripe's own (documented in docs/server.md, "Error codes of this kit").
 */
import { ADAPTER_ERROR_CODES } from '../http/node-adapter.js';
import type { StripeErrorBody } from '../shared/session.js';

export type ErrorType = StripeErrorBody['error']['type'];

/**
 * Codes the kit itself answers with. Stripe's own codes (`parameter_unknown`,
 * `crypto_onramp_…`, …) come from the shared validator or from Stripe and pass through unchanged.
 */
export const HANDLER_ERROR_CODES = {
  /** 405: anything but the endpoint's method, POST or GET (and OPTIONS for CORS preflight). */
  methodNotAllowed: 'method_not_allowed',
  /** 415: the body is not `application/json`. */
  unsupportedMediaType: 'unsupported_media_type',
  /** 413: the body is larger than `maxBodyBytes`. */
  bodyTooLarge: 'body_too_large',
  /** 400: the body is not valid UTF-8 JSON. */
  invalidJson: 'invalid_json',
  /** 400: the JSON is valid but not an object (an array, a string, `null`, …). */
  invalidBody: 'invalid_body',
  /** 400: the `Idempotency-Key` header is empty, too long or holds characters outside visible ASCII. */
  invalidIdempotencyKey: 'idempotency_key_invalid',
  /** 408 (Node adapter): the request body did not arrive within `bodyTimeoutMs`. */
  requestTimeout: ADAPTER_ERROR_CODES.requestTimeout,
  /** 400 (Stripe's status): the `Idempotency-Key` was already used with other parameters (Stripe's idempotency error, without the key). */
  idempotencyKeyReused: 'idempotency_key_reused',
  /** 403: a CORS preflight from an origin not in `allowedOrigins`, or for another method. */
  originNotAllowed: 'origin_not_allowed',
  /** 429: the rate limit for this client is used up (see `Retry-After`). */
  rateLimited: 'rate_limited',
  /** 502: Stripe could not be reached (network, DNS, timeout). */
  stripeUnreachable: 'stripe_unreachable',
  /** 502: Stripe answered something that is not an onramp session (or quotes object). */
  invalidStripeResponse: 'invalid_stripe_response',
  /** 500: the server is misconfigured (Stripe rejected the secret key, or it lacks permission). */
  serverMisconfigured: 'server_misconfigured',
  /** 500: an unexpected failure (a hook threw, a bug); details go to the server log only. */
  internalError: ADAPTER_ERROR_CODES.internalError,
  /** 400 (webhook endpoint): the `Stripe-Signature` header is missing or does not match. */
  webhookSignatureInvalid: 'webhook_signature_invalid',
  /** 400 (webhook endpoint): the signed payload is not an onramp event. */
  webhookPayloadInvalid: 'webhook_payload_invalid',
  /** 409 (webhook endpoint): another delivery of the event is running; `Retry-After` says when to come back. */
  webhookEventInProgress: 'webhook_event_in_progress',
  /** 503 (webhook endpoint): the event store did not answer; Stripe redelivers. */
  webhookStoreUnavailable: 'webhook_event_store_unavailable',
  /** 503: the rate-limit store did not answer and `rateLimit.failure` is `'closed'` (see `Retry-After`). */
  rateLimitUnavailable: 'rate_limit_unavailable',
} as const;

/** Codes the site's `policy` produces: always a 400 naming the offending `param`. */
export const POLICY_ERROR_CODES = {
  destinationCurrencyNotAllowed: 'policy_destination_currency_not_allowed',
  destinationNetworkNotAllowed: 'policy_destination_network_not_allowed',
  sourceCurrencyNotAllowed: 'policy_source_currency_not_allowed',
  amountBelowMinimum: 'policy_amount_below_minimum',
  amountAboveMaximum: 'policy_amount_above_maximum',
  walletAddressNotAllowed: 'policy_wallet_address_not_allowed',
  lockWalletAddressNotAllowed: 'policy_lock_wallet_address_not_allowed',
} as const;

export interface ApiErrorInit {
  status: number;
  type: ErrorType;
  code?: string | undefined;
  message: string;
  param?: string | undefined;
  headers?: Record<string, string>;
}

/** Stripe's error body, with `code` and `param` only when they exist (as Stripe omits them). */
export function errorBody(init: Pick<ApiErrorInit, 'type' | 'code' | 'message' | 'param'>): StripeErrorBody {
  const error: StripeErrorBody['error'] = { type: init.type, message: init.message };
  if (init.code !== undefined) error.code = init.code;
  if (init.param !== undefined) error.param = init.param;
  return { error };
}

/** Headers every answer carries: JSON, never cached (a client secret must not sit in a cache). */
export function baseHeaders(extra?: Record<string, string>): Headers {
  const headers = new Headers({
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  if (extra) for (const [name, value] of Object.entries(extra)) headers.set(name, value);
  return headers;
}

export function jsonResponse(status: number, body: unknown, headers?: Record<string, string>): Response {
  return new Response(JSON.stringify(body), { status, headers: baseHeaders(headers) });
}

export function errorResponse(init: ApiErrorInit): Response {
  return jsonResponse(init.status, errorBody(init), init.headers);
}

/*
 * The named answers. None takes CORS headers: `createEndpoint` adds those to every response of an
 * endpoint in one place, so no early return can forget them.
 */

/** A 400 `invalid_request_error`, the shape of every parameter and policy error. */
export function invalidRequest(code: string, message: string, param?: string): Response {
  return errorResponse({ status: 400, type: 'invalid_request_error', code, message, param });
}

/** 405 naming the methods the endpoint takes (`Allow`). */
export function methodNotAllowed(message: string, allow: string): Response {
  return errorResponse({
    status: 405,
    type: 'invalid_request_error',
    code: HANDLER_ERROR_CODES.methodNotAllowed,
    message,
    headers: { Allow: allow },
  });
}

/** 415 naming the one type the endpoint reads (`Accept`). */
export function unsupportedMediaType(message: string): Response {
  return errorResponse({
    status: 415,
    type: 'invalid_request_error',
    code: HANDLER_ERROR_CODES.unsupportedMediaType,
    message,
    headers: { Accept: 'application/json' },
  });
}

/** 413: the body is larger than the endpoint reads. */
export function payloadTooLarge(message: string): Response {
  return errorResponse({ status: 413, type: 'invalid_request_error', code: HANDLER_ERROR_CODES.bodyTooLarge, message });
}

/** 429 with `Retry-After` (which CORS exposes to the page). */
export function rateLimited(retryAfterSeconds: number, message: string): Response {
  return errorResponse({
    status: 429,
    type: 'rate_limit_error',
    code: HANDLER_ERROR_CODES.rateLimited,
    message,
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });
}

/** The answer to a refused rate-limit decision: 429 over the limit, 503 when the store is down. */
export function rateLimitRefusal(decision: { retryAfterSeconds: number; unavailable?: true }, message: string): Response {
  if (decision.unavailable) {
    return serviceUnavailable(HANDLER_ERROR_CODES.rateLimitUnavailable, 'The service is briefly unavailable. Please try again in a moment.', decision.retryAfterSeconds);
  }
  return rateLimited(decision.retryAfterSeconds, message);
}

/** 503 with `Retry-After`: a store the answer depends on is down, not the request. */
export function serviceUnavailable(
  code: typeof HANDLER_ERROR_CODES.rateLimitUnavailable | typeof HANDLER_ERROR_CODES.webhookStoreUnavailable,
  message: string,
  retryAfterSeconds: number,
): Response {
  return errorResponse({ status: 503, type: 'api_error', code, message, headers: { 'Retry-After': String(retryAfterSeconds) } });
}

/** 502: Stripe could not be reached, or what answered was not Stripe (or not the object asked for). */
export function badGateway(code: typeof HANDLER_ERROR_CODES.stripeUnreachable | typeof HANDLER_ERROR_CODES.invalidStripeResponse): Response {
  return errorResponse({
    status: 502,
    type: 'api_error',
    code,
    message:
      code === HANDLER_ERROR_CODES.stripeUnreachable
        ? 'The payment provider could not be reached. Please try again.'
        : 'The payment provider sent an unexpected answer.',
  });
}

/** 500 with a generic message: Stripe refused the site's key. The server log says what to fix. */
export function serverMisconfigured(): Response {
  return errorResponse({
    status: 500,
    type: 'api_error',
    code: HANDLER_ERROR_CODES.serverMisconfigured,
    message: 'The onramp is not available right now.',
  });
}

/** 500: an unexpected failure; the details go to the server log only. */
export function internalError(message: string): Response {
  return errorResponse({ status: 500, type: 'api_error', code: HANDLER_ERROR_CODES.internalError, message });
}
