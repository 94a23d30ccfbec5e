/**
 * CORS for the emulator, in one place (a middleware, as Hono's `cors()`): the API under `/v1/` and
 * the two stand-in scripts answer any origin. It is a local test double: browser tests call the API
 * directly, and pages on any origin load the scripts. Its own pages (the frame, the hosted page and
 * their JSON and event endpoints) are same-origin and get none.
 */
import { SCRIPT_PATHS } from './browser-routes.js';

const CORS_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Request-Id, Idempotency-Key, Idempotent-Replayed, Original-Request, Stripe-Version',
};

const PREFLIGHT_HEADERS: Readonly<Record<string, string>> = {
  ...CORS_HEADERS,
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Idempotency-Key, Stripe-Version, Stripe-Account',
  'Access-Control-Max-Age': '600',
};

const isCrossOrigin = (path: string): boolean => path.startsWith('/v1/') || path === SCRIPT_PATHS.stripeJs || path === SCRIPT_PATHS.onrampOuterJs;

/**
 * Runs `next` and adds the CORS headers to its answer when the path is one of those above, whatever
 * the answer (a 401, a 404, a 500 alike); answers the API's preflights itself.
 */
export async function withCors(request: Request, url: URL, next: () => Promise<Response>): Promise<Response> {
  if (!isCrossOrigin(url.pathname)) return next();
  if (request.method === 'OPTIONS' && url.pathname.startsWith('/v1/')) return new Response(null, { status: 204, headers: PREFLIGHT_HEADERS });
  const response = await next();
  for (const [name, value] of Object.entries(CORS_HEADERS)) response.headers.set(name, value);
  return response;
}
