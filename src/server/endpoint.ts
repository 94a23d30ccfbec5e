/**
 * What the kit's browser-facing endpoints (minting, quotes) build alike from their options: the
 * Stripe check, the redacting logger, CORS for their one method, the client's address, the rate
 * limiter, and the wrapper that turns any throw into a logged 500.
 */
import { createClientIpResolver } from './client-ip.js';
import { createCors, type Cors } from './cors.js';
import type { OnrampSessionHandlerOptions } from './handler.js';
import { createSafeLogger, describeError, type OnrampLogger } from './logger.js';
import { rateLimiterFromOption, type RateLimiter, type RateLimitOptions } from './rate-limit.js';
import { internalError, type StripeOperation } from './stripe-errors.js';

/** The options both endpoints take, documented on the session handler's. */
export type EndpointOptions = Pick<
  OnrampSessionHandlerOptions,
  'stripe' | 'trustProxy' | 'proxyHeader' | 'peerAddress' | 'allowedOrigins' | 'allowCredentials' | 'allowedHeaders' | 'rateLimit' | 'logger'
>;

/** The second argument runtimes and adapters may pass. */
export interface OnrampHandlerContext {
  /** The connection's remote address (`req.socket.remoteAddress` on Node). */
  peerAddress?: string | null | undefined;
}

export type EndpointHandler = (request: Request, context?: OnrampHandlerContext) => Promise<Response>;

export interface Endpoint {
  logger: OnrampLogger;
  cors: Cors;
  rateLimiter: RateLimiter | null;
  /** The customer's address as `trustProxy` allows it to be read. */
  clientIpOf(request: Request, context: OnrampHandlerContext | undefined): string | undefined;
  /** The handler, never throwing: a bug or a failing custom store is a logged 500, not an unhandled rejection in the host. */
  neverThrows(handle: EndpointHandler): EndpointHandler;
}

export function createEndpoint(
  name: string,
  options: EndpointOptions,
  endpoint: { method: 'POST' | 'GET'; operation: StripeOperation; defaultRateLimit?: RateLimitOptions },
): Endpoint {
  if (typeof options?.stripe?.rawRequest !== 'function') {
    throw new TypeError(`${name}: \`stripe\` must be an instance of the official stripe package`);
  }
  const logger = createSafeLogger(options.logger);
  const resolveClientIp = createClientIpResolver({ trustProxy: options.trustProxy, proxyHeader: options.proxyHeader });
  const cors = createCors({
    allowedOrigins: options.allowedOrigins,
    allowCredentials: options.allowCredentials,
    allowedHeaders: options.allowedHeaders,
    method: endpoint.method,
  });
  return {
    logger,
    cors,
    rateLimiter: rateLimiterFromOption(options.rateLimit, endpoint.defaultRateLimit),
    clientIpOf: (request, context) => {
      const peer = context?.peerAddress ?? options.peerAddress?.(request) ?? undefined;
      return resolveClientIp(request.headers, peer ?? undefined);
    },
    neverThrows: (handle) => async (request, context) => {
      try {
        return await handle(request, context);
      } catch (error) {
        logger.error(`${name} failed: ${describeError(error)}`);
        return internalError(cors.headersFor(request.headers.get('origin')), endpoint.operation);
      }
    },
  };
}
