/**
 * What the kit's browser-facing endpoints (minting, quotes) build alike from their options: the
 * Stripe check, the redacting logger, the client's address, the rate limiter, and `serve`, the one
 * wrapper every request goes through. `serve` answers CORS preflights, turns any throw into a
 * logged 500, and adds the CORS headers for the request's origin to every answer, in one place
 * (Hono's model): a handler never threads CORS headers, so a new early return cannot forget them
 * and turn a clear JSON error into an opaque CORS failure in the browser.
 */
import { createClientIpResolver, type ProxyHeader, type TrustProxy } from './client-ip.js';
import { createCors, type AllowedOrigins } from './cors.js';
import { createSafeLogger, describeError, type OnrampLogger } from './logger.js';
import { rateLimiterFromOption, type RateLimiter, type RateLimitOptions } from './rate-limit.js';
import type { StripeRawRequester } from './client.js';
import { hasRawRequest, stripeClientGetter, type StripeClientOption } from './stripe-client.js';
import { operationFailed, type StripeOperation } from './stripe-errors.js';

/** The options both endpoints take (the session handler's and the quotes handler's). */
export interface EndpointOptions {
  /**
   * An instance of the official `stripe` package, configured with the secret key; or a function
   * returning one, called at the first request (so a build with no key in its environment passes:
   * `stripe: () => new Stripe(process.env.STRIPE_SECRET_KEY!)`).
   */
  stripe: StripeClientOption<StripeRawRequester>;
  /** Which forwarding proxies to believe for `customer_ip_address`. Default `false`. See `TrustProxy`. */
  trustProxy?: TrustProxy | undefined;
  /** The one forwarding header to read when `trustProxy` allows. Default `'x-forwarded-for'`. */
  proxyHeader?: ProxyHeader | undefined;
  /**
   * How to learn the connection's peer address where the runtime does not pass it as the
   * handler's second argument (`{ peerAddress }`, which `toNodeHandler` does). E.g. Bun:
   * `(req) => server.requestIP(req)?.address`; Cloudflare: `(req) => req.headers.get('cf-connecting-ip')`.
   */
  peerAddress?: ((request: Request) => string | null | undefined) | undefined;
  /** Origins allowed to mint cross-origin (CORS). Default: none, same-origin only. */
  allowedOrigins?: AllowedOrigins | undefined;
  /** Allow credentialed cross-origin requests from `allowedOrigins`. Default `false`. */
  allowCredentials?: boolean | undefined;
  /** Extra request headers cross-origin pages may send (e.g. a CSRF token header). */
  allowedHeaders?: readonly string[] | undefined;
  /**
   * Per-client rate limit: `true` for the default (10 per minute), or `{ limit, windowMs, store?, key? }`.
   * Default: off. Turn it on behind a correctly configured `trustProxy`, or every customer
   * shares the proxy's address and one bucket.
   */
  rateLimit?: RateLimitOptions | boolean | undefined;
  /** Where errors are reported. Default `console`; `false` for silence. Secrets are always redacted. */
  logger?: OnrampLogger | false | undefined;
}

/**
 * The second argument runtimes and adapters may pass. Whatever else a framework passes there is
 * ignored, which the index signature says to the type checker: Next.js's route handlers get
 * `{ params }`, and without it `export const POST = handler` fails `next build`'s check (an object
 * with none of an all-optional type's properties is not assignable to it).
 */
export interface OnrampHandlerContext {
  /** The connection's remote address (`req.socket.remoteAddress` on Node). */
  peerAddress?: string | null | undefined;
  readonly [other: string]: unknown;
}

export type EndpointHandler = (request: Request, context?: OnrampHandlerContext) => Promise<Response>;

export interface Endpoint {
  /** The SDK instance (made at the first call when the option is a function). */
  stripe: () => StripeRawRequester;
  logger: OnrampLogger;
  rateLimiter: RateLimiter | null;
  /** The customer's address as `trustProxy` allows it to be read. */
  clientIpOf(request: Request, context: OnrampHandlerContext | undefined): string | undefined;
  /**
   * The endpoint as served: preflights answered, the handler's answer (or, if it throws, a logged
   * 500 rather than an unhandled rejection in the host) with the CORS headers for the request's origin.
   */
  serve(handle: EndpointHandler): EndpointHandler;
}

export function createEndpoint(
  name: string,
  options: EndpointOptions,
  endpoint: { method: 'POST' | 'GET'; operation: StripeOperation; defaultRateLimit?: RateLimitOptions },
): Endpoint {
  const stripe = stripeClientGetter(
    options?.stripe,
    hasRawRequest,
    `${name}: \`stripe\` must be an instance of the official stripe package, or a function returning one`,
  );
  const logger = createSafeLogger(options.logger);
  const resolveClientIp = createClientIpResolver({ trustProxy: options.trustProxy, proxyHeader: options.proxyHeader });
  const cors = createCors({
    allowedOrigins: options.allowedOrigins,
    allowCredentials: options.allowCredentials,
    allowedHeaders: options.allowedHeaders,
    method: endpoint.method,
  });
  return {
    stripe,
    logger,
    rateLimiter: rateLimiterFromOption(options.rateLimit, endpoint.defaultRateLimit, logger),
    clientIpOf: (request, context) => {
      const peer = context?.peerAddress ?? options.peerAddress?.(request) ?? undefined;
      return resolveClientIp(request.headers, peer ?? undefined);
    },
    serve: (handle) => async (request, context) => {
      if (request.method === 'OPTIONS') return cors.preflight(request);
      let response: Response;
      try {
        response = await handle(request, context);
      } catch (error) {
        logger.error(`${name} failed: ${describeError(error)}`);
        response = operationFailed(endpoint.operation);
      }
      return withHeaders(response, cors.headersFor(request.headers.get('origin')));
    },
  };
}

/** `response` with `headers` added (a copy: a Response's own headers may be immutable). */
function withHeaders(response: Response, headers: Record<string, string>): Response {
  const merged = new Headers(response.headers);
  for (const [header, value] of Object.entries(headers)) merged.set(header, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers: merged });
}
