/**
 * CORS for the kit's endpoints (minting, quotes), only for the origins the site lists. Without `allowedOrigins`
 * the endpoint is same-origin only: no CORS header is ever sent and every preflight is refused.
 *
 * Why a cross-site page cannot mint through a browser even without an Origin check on POST: the
 * handler accepts only `application/json` bodies, which browsers never send cross-origin without
 * a preflight, and the preflight is refused here.
 */
import { errorResponse, HANDLER_ERROR_CODES } from './errors.js';

/**
 * Exact origins (`'https://shop.example'`, scheme + host + port, no path), `'*'` for any origin
 * (not allowed together with `allowCredentials`), or a function deciding per origin.
 */
export type AllowedOrigins = readonly string[] | ((origin: string) => boolean);

export interface CorsOptions {
  allowedOrigins?: AllowedOrigins | undefined;
  /** Send `Access-Control-Allow-Credentials: true` (cookies on cross-origin mints). Default `false`. */
  allowCredentials?: boolean | undefined;
  /** Request headers a cross-origin page may send besides `Content-Type` and `Idempotency-Key`. */
  allowedHeaders?: readonly string[] | undefined;
  /** How long a browser may cache a preflight answer, in seconds. Default 600. */
  preflightMaxAgeSeconds?: number | undefined;
  /** The one method the endpoint serves (besides OPTIONS). Default `'POST'` (minting); the quotes endpoint is `'GET'`. */
  method?: 'POST' | 'GET' | undefined;
}

export interface Cors {
  /** Headers for an actual (non-preflight) answer to `origin`; empty when it is not allowed. */
  headersFor(origin: string | null): Record<string, string>;
  /** The answer to an `OPTIONS` request. */
  preflight(request: Request): Response;
}

const ALWAYS_ALLOWED_HEADERS = ['Content-Type', 'Idempotency-Key'];

export function createCors(options: CorsOptions): Cors {
  const allowCredentials = options.allowCredentials ?? false;
  const isAllowed = compileOrigins(options.allowedOrigins, allowCredentials);
  const wildcard = Array.isArray(options.allowedOrigins) && options.allowedOrigins.includes('*');
  const allowHeaders = [...ALWAYS_ALLOWED_HEADERS, ...(options.allowedHeaders ?? [])].join(', ');
  const maxAge = String(options.preflightMaxAgeSeconds ?? 600);
  const method = options.method ?? 'POST';
  // Answers differ per Origin whenever CORS is configured, so shared caches must key on it.
  const vary: Record<string, string> = options.allowedOrigins ? { Vary: 'Origin' } : {};

  const headersFor = (origin: string | null): Record<string, string> => {
    if (origin === null || !isAllowed(origin)) return { ...vary };
    const headers: Record<string, string> = {
      ...vary,
      'Access-Control-Allow-Origin': wildcard ? '*' : origin,
      // The element reads Retry-After when it is told to slow down.
      'Access-Control-Expose-Headers': 'Retry-After',
    };
    if (allowCredentials) headers['Access-Control-Allow-Credentials'] = 'true';
    return headers;
  };

  const preflight = (request: Request): Response => {
    const origin = request.headers.get('origin');
    const requestedMethod = request.headers.get('access-control-request-method');
    if (origin === null || requestedMethod === null) {
      // A plain OPTIONS (not a preflight): say what the endpoint supports.
      return new Response(null, { status: 204, headers: { Allow: `${method}, OPTIONS`, 'Cache-Control': 'no-store' } });
    }
    if (!isAllowed(origin) || requestedMethod.toUpperCase() !== method) {
      return errorResponse({
        status: 403,
        type: 'invalid_request_error',
        code: HANDLER_ERROR_CODES.originNotAllowed,
        message: isAllowed(origin)
          ? `Cross-origin ${requestedMethod} requests are not allowed; the endpoint accepts ${method}.`
          : 'This origin may not use this endpoint.',
        headers: { Vary: 'Origin' },
      });
    }
    return new Response(null, {
      status: 204,
      headers: {
        ...headersFor(origin),
        Vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
        'Access-Control-Allow-Methods': method,
        'Access-Control-Allow-Headers': allowHeaders,
        'Access-Control-Max-Age': maxAge,
        'Cache-Control': 'no-store',
      },
    });
  };

  return { headersFor, preflight };
}

function compileOrigins(allowed: AllowedOrigins | undefined, allowCredentials: boolean): (origin: string) => boolean {
  if (allowed === undefined) return () => false;
  if (typeof allowed === 'function') {
    return (origin) => {
      const normalized = normalizeOrigin(origin);
      return normalized !== null && allowed(normalized);
    };
  }
  if (allowed.includes('*')) {
    if (allowCredentials) {
      // Browsers reject `*` with credentials anyway; echoing any origin instead would let every
      // site on the web make credentialed requests, so refuse the configuration outright.
      throw new TypeError('allowedOrigins: "*" cannot be combined with allowCredentials; list the origins.');
    }
    return (origin) => normalizeOrigin(origin) !== null;
  }
  const set = new Set(
    allowed.map((entry) => {
      const normalized = normalizeOrigin(entry);
      if (normalized === null) {
        throw new TypeError(`allowedOrigins: "${entry}" is not an origin (scheme://host[:port])`);
      }
      return normalized;
    }),
  );
  return (origin) => {
    const normalized = normalizeOrigin(origin);
    return normalized !== null && set.has(normalized);
  };
}

/** `HTTPS://Shop.Example:443/` → `https://shop.example`; `null` (sandboxed frames) and junk → `null`. */
function normalizeOrigin(origin: string): string | null {
  if (origin === 'null') return null;
  try {
    const url = new URL(origin);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return url.origin;
  } catch {
    return null;
  }
}
