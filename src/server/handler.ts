/**
 * `createOnrampSessionHandler`: the site's minting endpoint as a Fetch API handler
 * (`(request) => Promise<Response>`), for Next.js route handlers, Hono, Bun, Deno, Workers, and,
 * through `toNodeHandler`, Node's `http`, Express and Connect.
 *
 * Each request goes through, in order: CORS preflight → method (405) → content type (415) →
 * rate limit (429) → Idempotency-Key (400) → body size (413) → JSON (400) → browser-settable
 * keys (400 `parameter_unknown`) → the site's defaults → the API's rules (400, shared with the
 * emulator) → the site's policy (400 `policy_…`) → the site's hooks → the API's rules again →
 * Stripe. Nothing reaches Stripe that the API's rules
 * refuse, and the answer holds the client secret and nothing else of the session.
 */
import { isRecord } from '../shared/is-record.js';
import { PUBLISHABLE_KEY_PATTERN } from '../shared/key-formats.js';
import type { CreateOnrampSessionParams, CustomerInformation, MintResponse, WalletAddresses } from '../shared/session.js';
import { validateCreateParams } from '../shared/validate.js';
import { checkJsonContentType, readBodyWithLimit } from '../http/body.js';
import { findUnknownBrowserParam } from './browser-params.js';
import { createOnrampSession, type OnrampRequestOptions } from './client.js';
import { createEndpoint, type EndpointOptions, type OnrampHandlerContext } from './endpoint.js';
import { badGateway, HANDLER_ERROR_CODES, invalidRequest, jsonResponse, methodNotAllowed, payloadTooLarge, rateLimitRefusal, unsupportedMediaType } from './errors.js';
import { checkIdempotencyKey, DEFAULT_IDEMPOTENCY_KEY_PREFIX, namespaceIdempotencyKey } from './idempotency.js';
import { describeError } from './logger.js';
import { compilePolicy, type OnrampPolicy } from './policy.js';
import { operationFailed, stripeErrorResponse } from './stripe-errors.js';

export type { OnrampHandlerContext } from './endpoint.js';

/** What the site's hooks learn about the request besides the `Request` itself. */
export interface OnrampHookContext {
  /** The customer's address as resolved with `trustProxy`, if known. */
  clientIp: string | undefined;
  /** The parameters so far: the page's presets after the policy and its defaults. */
  params: Readonly<CreateOnrampSessionParams>;
}

/** What `prefill` may add from the site's own knowledge of the customer. Overrides the page's values. */
export interface OnrampPrefill {
  /** KYC details the site already holds (name, email, date of birth, address, …). */
  kyc_details?: Record<string, unknown>;
  /** The same, under the name Stripe's current guide uses; set this or `kyc_details`, not both. */
  customer_information?: CustomerInformation;
  /** The customer's wallet(s) as the site knows them. */
  wallet_addresses?: WalletAddresses;
  lock_wallet_address?: boolean;
}

type MaybePromise<T> = T | Promise<T>;

export interface OnrampSessionHandlerOptions extends EndpointOptions {
  /** Answered as `publishable_key` so the page needs no key of its own. Must be `pk_…`. */
  publishableKey?: string | undefined;
  /** What a page may ask for, and server-side defaults. See `OnrampPolicy`. */
  policy?: OnrampPolicy | undefined;
  /** Largest accepted body, in bytes. Default 8192 (the element sends a few hundred). */
  maxBodyBytes?: number | undefined;
  /** Adds KYC details (and wallets) from the site's own user, e.g. from the session cookie. */
  prefill?: ((request: Request, context: OnrampHookContext) => MaybePromise<OnrampPrefill | undefined | void>) | undefined;
  /** Metadata for this session (merged over `policy.metadata`), e.g. `{ user_id }`. */
  metadata?: ((request: Request, context: OnrampHookContext) => MaybePromise<Record<string, string> | undefined | void>) | undefined;
  /**
   * Prepended to the browser's `Idempotency-Key` before it reaches Stripe, so browser-chosen
   * keys cannot collide with the site's own. Default `'crypto-onramp-mint:'`.
   */
  idempotencyKeyPrefix?: string | undefined;
  /** Options for the Stripe request, e.g. `{ stripeAccount }` for Connect, `{ timeout }`. */
  stripeRequestOptions?: Omit<OnrampRequestOptions, 'idempotencyKey'> | undefined;
}

export type OnrampSessionHandler = (request: Request, context?: OnrampHandlerContext) => Promise<Response>;

export const DEFAULT_MAX_BODY_BYTES = 8192;

/** Parameters only the server sets; a validation failure on them is the site's bug, not the page's. */
const SERVER_ONLY_PARAMS = ['customer_ip_address', 'metadata', 'kyc_details', 'customer_information'];

/**
 * The site's minting endpoint: `POST` the element's presets, answered with
 * `{ client_secret, publishable_key?, redirect_url? }` and nothing else of the session. Checks run in
 * the order this file's header lists; every answer carries the CORS headers for an allowed origin.
 * Throws a `TypeError` at once for a misconfiguration (no SDK instance, a non-publishable key, …).
 *
 * @example
 * ```ts
 * // app/api/onramp-session/route.ts (Next.js; Hono, Bun, Deno and Workers take the same handler)
 * import Stripe from 'stripe';
 * import { createOnrampSessionHandler } from 'crypto-onramp-element/server';
 *
 * export const POST = createOnrampSessionHandler({
 *   stripe: new Stripe(process.env.STRIPE_SECRET_KEY!),
 *   publishableKey: process.env.STRIPE_PUBLISHABLE_KEY,
 *   policy: { destinationNetworks: ['ethereum', 'base'] },
 *   metadata: async (request) => ({ user_id: await userIdFrom(request) }),
 * });
 * ```
 */
export function createOnrampSessionHandler(options: OnrampSessionHandlerOptions): OnrampSessionHandler {
  const { stripe, logger, rateLimiter, clientIpOf, serve } = createEndpoint('createOnrampSessionHandler', options, {
    method: 'POST',
    operation: 'creating an onramp session',
  });
  const publishableKey = checkPublishableKey(options.publishableKey);
  const policy = compilePolicy(options.policy);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes <= 0) {
    throw new TypeError(`createOnrampSessionHandler: maxBodyBytes must be a positive integer, got ${maxBodyBytes}`);
  }
  const idempotencyKeyPrefix = options.idempotencyKeyPrefix ?? DEFAULT_IDEMPOTENCY_KEY_PREFIX;

  const handle = async (request: Request, context: OnrampHandlerContext | undefined): Promise<Response> => {
    const refused = await checkMethodAndType(request);
    if (refused) return refused;

    const clientIp = clientIpOf(request, context);
    if (rateLimiter) {
      const decision = await rateLimiter.check(request, clientIp);
      if (!decision.allowed) {
        await discardBody(request);
        return rateLimitRefusal(decision, 'Too many onramp session requests. Please wait a moment and try again.');
      }
    }
    const idempotency = checkIdempotencyKey(request.headers.get('idempotency-key'));
    if (!idempotency.ok) {
      await discardBody(request);
      return invalidRequest(HANDLER_ERROR_CODES.invalidIdempotencyKey, idempotency.message);
    }

    const presets = await readPresets(request, maxBodyBytes);
    if (presets instanceof Response) return presets;
    const setByPage = new Set(Object.keys(presets));

    const validated = validateCreateParams(policy.withDefaults(presets), 'json', { openEnums: true });
    if (!validated.ok) {
      const root = rootParam(validated.error.param);
      if (!setByPage.has(root) && policy.defaulted.has(root)) {
        logger.error(`policy.defaults.${root} was refused by the API's rules: ${validated.error.code} (${validated.error.param}): ${validated.error.message}`);
        return operationFailed();
      }
      return invalidRequest(validated.error.code, validated.error.message, validated.error.param);
    }
    const violation = policy.check(validated.value, setByPage);
    if (violation) return invalidRequest(violation.code, violation.message, violation.param);

    let params: CreateOnrampSessionParams;
    try {
      params = await addServerParams(policy.restrictChoices(validated.value), request, clientIp);
    } catch (error) {
      logger.error(`A prefill or metadata hook failed: ${describeError(error)}`);
      return operationFailed();
    }
    const final = validateCreateParams(params, 'json', { openEnums: true });
    if (!final.ok) {
      const root = rootParam(final.error.param);
      if (SERVER_ONLY_PARAMS.includes(root)) {
        logger.error(`The server's own ${root} was refused by the API's rules: ${final.error.code} (${final.error.param}): ${final.error.message}`);
        return operationFailed();
      }
      // The page's presets together with the site's prefill or allowed lists break a rule: still
      // a parameter error, named by the rule.
      return invalidRequest(final.error.code, final.error.message, final.error.param);
    }

    const requestOptions: OnrampRequestOptions = { ...options.stripeRequestOptions };
    if (idempotency.key !== undefined) {
      requestOptions.idempotencyKey = await namespaceIdempotencyKey(idempotency.key, idempotencyKeyPrefix);
    }
    let session: unknown;
    try {
      session = await createOnrampSession(stripe(), final.value, requestOptions);
    } catch (error) {
      return stripeErrorResponse(error, logger);
    }
    const answer = toMintResponse(session, publishableKey, policy.hostedFallback);
    if (answer === null) {
      logger.error('Stripe answered the session request with something that is not an onramp session.');
      return badGateway(HANDLER_ERROR_CODES.invalidStripeResponse);
    }
    return jsonResponse(200, answer);
  };

  /** Server-side parameters: the customer's IP, metadata, and the prefill hook's values. */
  const addServerParams = async (
    base: CreateOnrampSessionParams,
    request: Request,
    clientIp: string | undefined,
  ): Promise<CreateOnrampSessionParams> => {
    const params: CreateOnrampSessionParams = { ...base };
    if (clientIp !== undefined) params.customer_ip_address = clientIp;
    const hookContext: OnrampHookContext = { clientIp, params: { ...params } };
    const metadata = { ...policy.metadata, ...((await options.metadata?.(request, hookContext)) ?? {}) };
    if (Object.keys(metadata).length > 0) params.metadata = metadata;
    const prefill = (await options.prefill?.(request, hookContext)) ?? undefined;
    if (prefill) {
      if (prefill.kyc_details !== undefined) params.kyc_details = prefill.kyc_details;
      if (prefill.customer_information !== undefined) params.customer_information = prefill.customer_information;
      if (prefill.wallet_addresses !== undefined) params.wallet_addresses = prefill.wallet_addresses;
      if (prefill.lock_wallet_address !== undefined) params.lock_wallet_address = prefill.lock_wallet_address;
    }
    return params;
  };

  return serve(handle);
}

/** 405 for anything but POST, 415 for anything but JSON; `null` when the request may go on. */
async function checkMethodAndType(request: Request): Promise<Response | null> {
  if (request.method !== 'POST') {
    await discardBody(request);
    return methodNotAllowed(`${request.method} is not allowed here; request an onramp session with POST.`, 'POST, OPTIONS');
  }
  const contentType = checkJsonContentType(request.headers.get('content-type'));
  if (!contentType.ok) {
    await discardBody(request);
    return unsupportedMediaType(
      contentType.charset === undefined
        ? 'Send the session parameters as JSON (Content-Type: application/json).'
        : `The charset ${JSON.stringify(contentType.charset)} is not supported: JSON is UTF-8 (Content-Type: application/json; charset=utf-8).`,
    );
  }
  return null;
}

/** The body as a JSON object holding only browser-settable keys, or the error answer (413/400). */
async function readPresets(
  request: Request,
  maxBodyBytes: number,
): Promise<Record<string, unknown> | Response> {
  const body = await readBodyWithLimit(request, maxBodyBytes);
  if (!body.ok) {
    if (body.reason === 'too_large') {
      return payloadTooLarge(`The request body is larger than ${maxBodyBytes} bytes.`);
    }
    return invalidRequest(HANDLER_ERROR_CODES.invalidJson, 'The request body could not be read as UTF-8 JSON.');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.text);
  } catch {
    return invalidRequest(HANDLER_ERROR_CODES.invalidJson, 'The request body is not valid JSON.');
  }
  if (!isRecord(parsed)) {
    const message = 'The request body must be a JSON object of session parameters.';
    return invalidRequest(HANDLER_ERROR_CODES.invalidBody, message);
  }
  const presets = parsed;
  const unknownParam = findUnknownBrowserParam(presets);
  if (unknownParam !== undefined) {
    return invalidRequest('parameter_unknown', `Received unknown parameter: ${unknownParam}`, unknownParam);
  }
  return presets;
}

/** An unread body is dropped so the runtime can reuse or close the connection. */
async function discardBody(request: Request): Promise<void> {
  await request.body?.cancel().catch(() => undefined);
}

/** `wallet_addresses[ethereum]` → `wallet_addresses`. */
function rootParam(param: string): string {
  return param.split('[', 1)[0] ?? '';
}

/** `{ client_secret, publishable_key?, redirect_url? }` and nothing else of the session. */
function toMintResponse(session: unknown, publishableKey: string | undefined, hostedFallback: boolean): MintResponse | null {
  if (typeof session !== 'object' || session === null) return null;
  const { client_secret: clientSecret, redirect_url: redirectUrl } = session as Record<string, unknown>;
  if (typeof clientSecret !== 'string' || clientSecret === '') return null;
  const answer: MintResponse = { client_secret: clientSecret };
  if (publishableKey !== undefined) answer.publishable_key = publishableKey;
  if (hostedFallback && typeof redirectUrl === 'string' && redirectUrl !== '') answer.redirect_url = redirectUrl;
  return answer;
}

function checkPublishableKey(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || !PUBLISHABLE_KEY_PATTERN.test(key)) {
    // Never echo the value: a secret key passed here by mistake must not land in a log.
    throw new TypeError(
      'createOnrampSessionHandler: publishableKey must be a publishable key (pk_test_… or pk_live_…). ' +
        'It is sent to browsers, so a secret or restricted key must never be used here.',
    );
  }
  return key;
}
