/**
 * `createOnrampQuotesHandler`: the site's quotes endpoint as a Fetch API handler. A page asks it
 * what each currency on each network costs before the widget opens; it asks Stripe's Quotes API.
 *
 * Each request goes through, in order: CORS preflight → method (405) → rate limit (429) → the
 * query string, decoded with Stripe's bracket syntax and checked with the API's rules (400 naming
 * the parameter, shared with the emulator) → the cache → Stripe. Identical queries (same values,
 * whatever the order or repetition of list values) share one cache entry and one Stripe request.
 */
import { decodeFormPairs, FormDecodeError, type FormRecord } from '../shared/form-decoder.js';
import { GENERIC_CODES } from '../shared/param-error.js';
import type { OnrampQuotes, OnrampQuotesParams } from '../shared/quotes.js';
import { QUOTE_DEFAULTS, validateQuotesParams } from '../shared/validate-quotes.js';
import { getOnrampQuotes } from './client.js';
import { createEndpoint, type EndpointOptions, type OnrampHandlerContext } from './endpoint.js';
import { badGateway, HANDLER_ERROR_CODES, invalidRequest, jsonResponse, methodNotAllowed, rateLimitRefusal } from './errors.js';
import { ExpiringCache } from './expiring-cache.js';
import type { OnrampSessionHandlerOptions } from './handler.js';
import type { RateLimitOptions } from './rate-limit.js';
import { stripeErrorResponse } from './stripe-errors.js';

export interface OnrampQuotesHandlerOptions
  extends Omit<EndpointOptions, 'rateLimit'>,
    Pick<OnrampSessionHandlerOptions, 'stripeRequestOptions'> {
  /**
   * Per-client rate limit: `true` for the default (60 per minute), or `{ limit, windowMs, store?, key? }`.
   * Default: off (as for the session handler, turn it on behind a correctly configured `trustProxy`).
   * Cached answers count too: the limit protects this server, the cache protects Stripe.
   */
  rateLimit?: RateLimitOptions | boolean | undefined;
  /** How long an answer is reused for the same query, in ms. Default 10 000; 0 turns caching off. */
  cacheTtlMs?: number | undefined;
  /** Most queries cached at once; the oldest goes first. Default 1000. */
  cacheMaxEntries?: number | undefined;
  /** The cache's clock (ms since the epoch). Default `Date.now`; tests pass their own. */
  now?: (() => number) | undefined;
}

export type OnrampQuotesHandler = (request: Request, context?: OnrampHandlerContext) => Promise<Response>;

export const DEFAULT_QUOTES_RATE_LIMIT = { limit: 60, windowMs: 60_000 } as const;
export const DEFAULT_QUOTES_CACHE = { ttlMs: 10_000, maxEntries: 1000 } as const;

/**
 * The quotes endpoint: `GET ?source_amount=50.00&destination_currencies[]=eth&destination_networks[]=base`
 * answers Stripe's quotes object (`destination_network_quotes`, keyed by network, Base as
 * `base_network`). Validated with the API's rules, cached briefly per query, optionally rate-limited.
 *
 * @example
 * ```ts
 * // app/api/onramp-quotes/route.ts (Next.js)
 * import Stripe from 'stripe';
 * import { createOnrampQuotesHandler } from 'crypto-onramp-element/server';
 *
 * export const GET = createOnrampQuotesHandler({
 *   stripe: new Stripe(process.env.STRIPE_SECRET_KEY!),
 *   cacheTtlMs: 10_000,
 *   rateLimit: true,
 * });
 * ```
 */
export function createOnrampQuotesHandler(options: OnrampQuotesHandlerOptions): OnrampQuotesHandler {
  const { stripe, logger, rateLimiter, clientIpOf, serve } = createEndpoint('createOnrampQuotesHandler', options, {
    method: 'GET',
    operation: 'reading onramp quotes',
    defaultRateLimit: DEFAULT_QUOTES_RATE_LIMIT,
  });
  const cache = new ExpiringCache<OnrampQuotes>(
    options.cacheTtlMs ?? DEFAULT_QUOTES_CACHE.ttlMs,
    options.cacheMaxEntries ?? DEFAULT_QUOTES_CACHE.maxEntries,
    options.now,
  );
  /** Requests to Stripe still running, by cache key: concurrent identical queries wait for one. */
  const inFlight = new Map<string, Promise<OnrampQuotes>>();

  const quotesFor = async (params: OnrampQuotesParams): Promise<OnrampQuotes> => {
    const key = JSON.stringify(params);
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    let pending = inFlight.get(key);
    if (pending === undefined) {
      pending = getOnrampQuotes(stripe(), params, { ...options.stripeRequestOptions }).then((quotes) => {
        // Only a real answer is kept; an error reaches every waiter and is not cached.
        if (isQuotes(quotes)) cache.set(key, quotes);
        return quotes;
      });
      const settled = pending.finally(() => inFlight.delete(key));
      settled.catch(() => undefined);
      inFlight.set(key, pending);
    }
    return pending;
  };

  const handle = async (request: Request, context: OnrampHandlerContext | undefined): Promise<Response> => {
    if (request.method !== 'GET') {
      await request.body?.cancel().catch(() => undefined);
      return methodNotAllowed(`${request.method} is not allowed here; ask for onramp quotes with GET.`, 'GET, OPTIONS');
    }
    if (rateLimiter) {
      const decision = await rateLimiter.check(request, clientIpOf(request, context));
      if (!decision.allowed) {
        return rateLimitRefusal(decision, 'Too many quote requests. Please wait a moment and try again.');
      }
    }
    const params = readQuery(request.url);
    if ('error' in params) return invalidRequest(params.error.code, params.error.message, params.error.param);

    let quotes: unknown;
    try {
      quotes = await quotesFor(params.value);
    } catch (error) {
      return stripeErrorResponse(error, logger, 'reading onramp quotes');
    }
    if (!isQuotes(quotes)) {
      logger.error('Stripe answered the quotes request with something that is not a quotes object.');
      return badGateway(HANDLER_ERROR_CODES.invalidStripeResponse);
    }
    return jsonResponse(200, quotes);
  };

  return serve(handle);
}

/** The query string as checked parameters, with Stripe's defaults written out (one cache key for both forms). */
function readQuery(url: string): { value: OnrampQuotesParams } | { error: { code: string; message: string; param: string } } {
  let query: FormRecord;
  try {
    query = decodeFormPairs(new URL(url).searchParams);
  } catch (error) {
    if (error instanceof FormDecodeError) return { error: { code: GENERIC_CODES.string, message: error.message, param: error.param } };
    throw error;
  }
  const validation = validateQuotesParams(query, 'form', { openEnums: true });
  if (!validation.ok) return { error: validation.error };
  const given = validation.value;
  const value: OnrampQuotesParams = { source_currency: given.source_currency ?? QUOTE_DEFAULTS.source_currency };
  if (given.destination_amount !== undefined) value.destination_amount = given.destination_amount;
  else value.source_amount = given.source_amount ?? QUOTE_DEFAULTS.source_amount;
  if (given.destination_currencies !== undefined) value.destination_currencies = given.destination_currencies;
  if (given.destination_networks !== undefined) value.destination_networks = given.destination_networks;
  return { value };
}

function isQuotes(value: unknown): value is OnrampQuotes {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<OnrampQuotes>;
  return candidate.object === 'crypto.onramp.quotes' && typeof candidate.destination_network_quotes === 'object' && candidate.destination_network_quotes !== null;
}
