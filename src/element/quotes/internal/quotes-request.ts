/**
 * The quotes request: `GET quotes-url?source_amount=…&destination_currencies[]=…`, under Stripe's
 * own parameter names (the kit's quotes handler reads them with Stripe's bracket syntax), answered
 * with Stripe's quotes object.
 */
import type { OnrampNetworkQuote, OnrampQuotes } from '../../../shared/quotes.js';
import { QuotesError, wordedError } from './quotes-error.js';
import { isRecord } from '../../../shared/is-record.js';
import { isPlainDecimal } from '../../../shared/decimal-amount.js';
import { redactSecrets } from '../../../shared/redact-secrets.js';
import { isRetryableStatus } from '../../../shared/transient-status.js';

/**
 * The most quotes the element lists: Stripe prices a few dozen currency-network pairs. An answer
 * with more (a misbehaving or hostile endpoint: 20,000 quotes held the main thread 6.9 s) keeps
 * the cheapest ones, the lowest `source_total_amount`, in the answer's order.
 */
export const MAX_QUOTES = 60;

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

/** The endpoint resolved against the page, with the query appended to any it already has. */
export function quotesUrl(endpoint: string | undefined, query: QuotesQuery): string {
  if (!endpoint) throw wordedError('missing_configuration', 'quotesNoUrl', { param: 'quotes-url' });
  let url: URL;
  try {
    url = new URL(endpoint, document.baseURI);
  } catch {
    throw wordedError('missing_configuration', 'quotesBadUrl', { param: 'quotes-url' });
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
    throw wordedError('quotes_request_failed', timeout.aborted ? 'quotesTimeout' : 'quotesUnreachable', { cause: error }, timeoutMs);
  }
  const body = readJson(text);
  if (!response.ok) throw httpError(response.status, body);
  return parseQuotes(body);
}

function httpError(status: number, body: unknown): QuotesError {
  const error = isRecord(body) ? body['error'] : undefined;
  // The endpoint's words reach the page's error view and events: redacted like Stripe's own.
  const field = (key: string): string | undefined => (isRecord(error) && typeof error[key] === 'string' ? redactSecrets(error[key]) : undefined);
  const stripeCode = field('code');
  const param = field('param');
  const extra = {
    httpStatus: status,
    retryable: isRetryableStatus(status),
    ...(stripeCode !== undefined && { stripeCode }),
    ...(param !== undefined && { param }),
  };
  // The endpoint's own words are passed on as they are; without any, the element's sentence.
  const message = field('message');
  return message === undefined ? wordedError('quotes_http_error', 'quotesHttp', extra, status) : new QuotesError('quotes_http_error', message, extra);
}

/**
 * Stripe's quotes object, checked as far as the element reads it. A quote missing a field inside
 * an otherwise good answer is dropped rather than failing the whole list; an amount that is not a
 * plain decimal (negative, NaN, a float's exponent) fails it, since no price shown from it can be
 * trusted. At most `MAX_QUOTES` are kept.
 */
export function parseQuotes(body: unknown): OnrampQuotes {
  const invalid = (): QuotesError => wordedError('invalid_quotes_response', 'quotesInvalid');
  if (
    !isRecord(body) ||
    body['object'] !== 'crypto.onramp.quotes' ||
    typeof body['source_amount'] !== 'string' ||
    !isPlainDecimal(body['source_amount']) ||
    typeof body['source_currency'] !== 'string' ||
    !isRecord(body['destination_network_quotes'])
  ) {
    throw invalid();
  }
  const all: [network: string, quote: OnrampNetworkQuote][] = [];
  for (const [network, list] of Object.entries(body['destination_network_quotes'])) {
    if (!Array.isArray(list)) continue;
    for (const quote of list) {
      if (!isNetworkQuote(quote)) continue;
      const { fees } = quote;
      if (![quote.destination_amount, quote.source_total_amount, fees.network_fee_monetary, fees.transaction_fee_monetary].every(isPlainDecimal)) throw invalid();
      all.push([network, quote]);
    }
  }
  const byNetwork: Record<string, OnrampNetworkQuote[]> = {};
  for (const [network, quote] of cheapest(all)) (byNetwork[network] ??= []).push(quote);
  return { ...(body as unknown as OnrampQuotes), destination_network_quotes: byNetwork };
}

/** The `MAX_QUOTES` lowest totals, in their original order. */
function cheapest<T extends [string, OnrampNetworkQuote]>(entries: T[]): T[] {
  if (entries.length <= MAX_QUOTES) return entries;
  const total = ([, quote]: T): number => Number(quote.source_total_amount);
  const cutoff = entries.map(total).sort((a, b) => a - b)[MAX_QUOTES - 1]!;
  const kept: T[] = [];
  for (const entry of entries) if (total(entry) <= cutoff && kept.length < MAX_QUOTES) kept.push(entry);
  return kept;
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

