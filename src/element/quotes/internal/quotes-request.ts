/**
 * The quotes request: `GET quotes-url?source_amount=…&destination_currencies[]=…`, under Stripe's
 * own parameter names (the kit's quotes handler reads them with Stripe's bracket syntax), answered
 * with Stripe's quotes object.
 */
import type { OnrampNetworkQuote, OnrampQuotes } from '../../../shared/quotes.js';
import { QuotesError } from './quotes-error.js';
import { isRecord } from '../../../shared/is-record.js';

export interface QuotesQuery {
  sourceAmount?: string | undefined;
  sourceCurrency?: string | undefined;
  destinationCurrencies?: readonly string[] | undefined;
  destinationNetworks?: readonly string[] | undefined;
}

export interface QuotesRequest {
  /** The full URL, query included (`quotesUrl`). */
  url: string;
  fetchOptions?: RequestInit | undefined;
  timeoutMs: number;
  signal: AbortSignal;
}

/** Statuses that say "not now" rather than "no": worth the retry button. */
const TRANSIENT_STATUSES = new Set([408, 429, 502, 503, 504]);

/** The endpoint resolved against the page, with the query appended to any it already has. */
export function quotesUrl(endpoint: string | undefined, query: QuotesQuery): string {
  if (!endpoint) throw new QuotesError('missing_configuration', 'Set the quotes-url attribute (your quotes endpoint).', { param: 'quotes-url' });
  let url: URL;
  try {
    url = new URL(endpoint, document.baseURI);
  } catch {
    throw new QuotesError('missing_configuration', 'quotes-url is not a valid URL.', { param: 'quotes-url' });
  }
  const text = (value: string | undefined) => value?.trim() || undefined;
  const amount = text(query.sourceAmount);
  const currency = text(query.sourceCurrency);
  if (amount) url.searchParams.set('source_amount', amount);
  if (currency) url.searchParams.set('source_currency', currency);
  for (const value of query.destinationCurrencies ?? []) url.searchParams.append('destination_currencies[]', value);
  for (const value of query.destinationNetworks ?? []) url.searchParams.append('destination_networks[]', value);
  return url.href;
}

export async function requestQuotes({ url, fetchOptions = {}, timeoutMs, signal }: QuotesRequest): Promise<OnrampQuotes> {
  const headers = new Headers(fetchOptions.headers);
  headers.set('Accept', 'application/json');
  const timeout = AbortSignal.timeout(timeoutMs);
  const signals = [signal, timeout, fetchOptions.signal].filter((s): s is AbortSignal => s != null);
  let text: string;
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', ...fetchOptions, method: 'GET', headers, signal: AbortSignal.any(signals) });
    text = await response.text();
  } catch (error) {
    if (signal.aborted) throw error; // the element gave up on this request: nothing to report
    throw new QuotesError(
      'quotes_request_failed',
      timeout.aborted
        ? `The quotes endpoint did not answer within ${timeoutMs} ms.`
        : 'The quotes endpoint could not be reached (network error or blocked request).',
      { cause: error },
    );
  }
  const body = readJson(text);
  if (!response.ok) throw httpError(response.status, body);
  return parseQuotes(body);
}

function httpError(status: number, body: unknown): QuotesError {
  const error = isRecord(body) ? body['error'] : undefined;
  const field = (key: string): string | undefined => (isRecord(error) && typeof error[key] === 'string' ? error[key] : undefined);
  const stripeCode = field('code');
  const param = field('param');
  return new QuotesError('quotes_http_error', field('message') ?? `The quotes endpoint answered HTTP ${status}.`, {
    httpStatus: status,
    retryable: status >= 500 || TRANSIENT_STATUSES.has(status),
    ...(stripeCode !== undefined && { stripeCode }),
    ...(param !== undefined && { param }),
  });
}

/**
 * Stripe's quotes object, checked as far as the element reads it. A malformed quote inside an
 * otherwise good answer is dropped rather than failing the whole list.
 */
export function parseQuotes(body: unknown): OnrampQuotes {
  if (
    !isRecord(body) ||
    body['object'] !== 'crypto.onramp.quotes' ||
    typeof body['source_amount'] !== 'string' ||
    typeof body['source_currency'] !== 'string' ||
    !isRecord(body['destination_network_quotes'])
  ) {
    throw new QuotesError('invalid_quotes_response', 'The quotes endpoint did not answer an onramp quotes object.');
  }
  const byNetwork: Record<string, OnrampNetworkQuote[]> = {};
  for (const [network, list] of Object.entries(body['destination_network_quotes'])) {
    if (Array.isArray(list)) byNetwork[network] = list.filter(isNetworkQuote);
  }
  return { ...(body as unknown as OnrampQuotes), destination_network_quotes: byNetwork };
}

function isNetworkQuote(value: unknown): value is OnrampNetworkQuote {
  if (!isRecord(value) || !isRecord(value['fees'])) return false;
  const strings = (record: Record<string, unknown>, keys: string[]) => keys.every((key) => typeof record[key] === 'string');
  return (
    strings(value, ['id', 'destination_currency', 'destination_amount', 'destination_network', 'source_total_amount']) &&
    strings(value['fees'], ['network_fee_monetary', 'transaction_fee_monetary'])
  );
}

function readJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

