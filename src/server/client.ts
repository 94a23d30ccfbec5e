/**
 * A typed client for the three onramp endpoints and the quotes endpoint, over the official SDK's `rawRequest` (the SDK has
 * no onramp resource). Going through the SDK keeps its retries, telemetry, error classes and its
 * `host` / `port` / `protocol` settings, which is how tests point it at the emulator.
 */
import type Stripe from 'stripe';
import type {
  CreateOnrampSessionParams,
  CryptoOnrampSession,
  ListOnrampSessionsParams,
  StripeList,
} from '../shared/session.js';
import { QUOTES_PATHS, type OnrampQuotes, type OnrampQuotesParams } from '../shared/quotes.js';

/** What the client needs from a `Stripe` instance; any instance of the official package fits. */
export type StripeRawRequester = Pick<Stripe, 'rawRequest'>;

/** Per-request options passed on to the SDK (Connect's `stripeAccount`, a timeout, …). */
export type OnrampRequestOptions = Pick<
  Stripe.RawRequestOptions,
  'idempotencyKey' | 'stripeAccount' | 'stripeContext' | 'apiVersion' | 'timeout' | 'maxNetworkRetries'
>;

const SESSIONS_PATH = '/v1/crypto/onramp_sessions';

/**
 * `POST /v1/crypto/onramp_sessions`. Parameters go form-encoded, as the SDK does for every v1 call.
 *
 * @example
 * ```ts
 * const session = await createOnrampSession(
 *   stripe,
 *   { destination_currency: 'eth', destination_network: 'ethereum', customer_ip_address: clientIp },
 *   { idempotencyKey: orderId },
 * );
 * session.client_secret; // "cos_…_secret_…", for the browser only
 * ```
 */
export async function createOnrampSession(
  stripe: StripeRawRequester,
  params: CreateOnrampSessionParams,
  options?: OnrampRequestOptions,
): Promise<CryptoOnrampSession> {
  const session: unknown = await stripe.rawRequest('POST', SESSIONS_PATH, withoutUndefined(params), options);
  return session as CryptoOnrampSession;
}

/**
 * `GET /v1/crypto/onramp_sessions/:id`. Refuses (`TypeError`) an id that is not one, before any request.
 *
 * @example
 * ```ts
 * const session = await retrieveOnrampSession(stripe, 'cos_1Q…');
 * if (session.status === 'fulfillment_complete') await markOrderPaid(session.id);
 * ```
 */
export async function retrieveOnrampSession(
  stripe: StripeRawRequester,
  id: string,
  options?: OnrampRequestOptions,
): Promise<CryptoOnrampSession> {
  // The id becomes part of the path: refuse anything that could walk to another endpoint.
  if (typeof id !== 'string' || !/^[A-Za-z0-9_]+$/.test(id)) {
    throw new TypeError(`retrieveOnrampSession: "${String(id)}" is not an onramp session id`);
  }
  const session: unknown = await stripe.rawRequest('GET', `${SESSIONS_PATH}/${id}`, undefined, options);
  return session as CryptoOnrampSession;
}

/**
 * One page of `GET /v1/crypto/onramp_sessions`, as Stripe returns it.
 *
 * @example
 * ```ts
 * const page = await listOnrampSessionsPage(stripe, { limit: 3, status: 'initialized' });
 * page.data.length; // at most 3; page.has_more says whether there is another
 * ```
 */
export async function listOnrampSessionsPage(
  stripe: StripeRawRequester,
  params: ListOnrampSessionsParams = {},
  options?: OnrampRequestOptions,
): Promise<StripeList<CryptoOnrampSession>> {
  const query = encodeQuery(params);
  // `rawRequest` takes parameters only on POST: a GET carries its query in the path.
  const path = query === '' ? SESSIONS_PATH : `${SESSIONS_PATH}?${query}`;
  const page: unknown = await stripe.rawRequest('GET', path, undefined, options);
  return page as StripeList<CryptoOnrampSession>;
}

/**
 * Every session matching `params`, newest first, fetching pages of `params.limit` (default 100,
 * the API's maximum, to make the fewest requests) as the loop consumes them. With `ending_before`
 * (and no `starting_after`) it walks towards newer sessions instead, oldest first, as the SDK's
 * auto-pagination does.
 *
 * @example
 * ```ts
 * for await (const session of listOnrampSessions(stripe, { status: 'fulfillment_complete', created: { gte: since } })) {
 *   await reconcile(session);
 * }
 * ```
 */
export async function* listOnrampSessions(
  stripe: StripeRawRequester,
  params: ListOnrampSessionsParams = {},
  options?: OnrampRequestOptions,
): AsyncGenerator<CryptoOnrampSession, void, undefined> {
  const backwards = params.ending_before !== undefined && params.starting_after === undefined;
  let pageParams: ListOnrampSessionsParams = { limit: 100, ...params };
  for (;;) {
    const page = await listOnrampSessionsPage(stripe, pageParams, options);
    const data = Array.isArray(page.data) ? page.data : [];
    // Going backwards (towards newer sessions) each page still arrives newest-first; like the
    // SDK's auto-pagination, yield it oldest-first so the whole walk runs in one direction.
    for (const session of backwards ? [...data].reverse() : data) yield session;
    if (!page.has_more || data.length === 0) return;
    const cursor = backwards ? data[0]!.id : data[data.length - 1]!.id;
    pageParams = backwards
      ? { ...pageParams, ending_before: cursor }
      : { ...pageParams, starting_after: cursor };
  }
}

/**
 * `GET /v1/crypto/onramp/quotes`: what each currency on each network costs, fees included.
 * Lists go as `destination_currencies[0]=eth`, the SDK's own array encoding. The parameters are
 * sent as given; `createOnrampQuotesHandler` checks a browser's query before it gets here.
 *
 * @example
 * ```ts
 * const quotes = await getOnrampQuotes(stripe, { source_amount: '50.00', destination_networks: ['base'] });
 * quotes.destination_network_quotes.base_network?.[0]?.destination_amount; // "0.01666666"
 * ```
 */
export async function getOnrampQuotes(
  stripe: StripeRawRequester,
  params: OnrampQuotesParams = {},
  options?: OnrampRequestOptions,
): Promise<OnrampQuotes> {
  const query = encodeQuery(params);
  const path = query === '' ? QUOTES_PATHS[0] : `${QUOTES_PATHS[0]}?${query}`;
  const quotes: unknown = await stripe.rawRequest('GET', path, undefined, options);
  return quotes as OnrampQuotes;
}

/**
 * Stripe's query encoding: `created[gte]=1700000000&status=…`, brackets left readable as the SDK
 * leaves them, keys in a stable order, `undefined` skipped.
 */
export function encodeQuery(params: ListOnrampSessionsParams | OnrampQuotesParams): string {
  const parts: string[] = [];
  const add = (key: string, value: string | number) =>
    parts.push(`${encodeURIComponent(key).replace(/%5B/g, '[').replace(/%5D/g, ']')}=${encodeURIComponent(String(value))}`);
  for (const [key, value] of Object.entries(params) as [string, unknown][]) {
    if (value === undefined || value === null) continue;
    if (typeof value === 'object' && !Array.isArray(value)) {
      for (const [subKey, subValue] of Object.entries(value as Record<string, unknown>)) {
        if (subValue !== undefined && subValue !== null) add(`${key}[${subKey}]`, String(subValue));
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => add(`${key}[${index}]`, String(item)));
    } else {
      add(key, String(value));
    }
  }
  return parts.join('&');
}

/** The SDK would send `undefined` members as empty strings, which Stripe reads as "unset". */
function withoutUndefined(params: CreateOnrampSessionParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) if (value !== undefined) out[key] = value;
  return out;
}
