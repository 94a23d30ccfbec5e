/**
 * The minting request: `POST session-url` with the presets as JSON, answered by the site's
 * endpoint with `{ client_secret, publishable_key?, redirect_url? }`.
 */
import { CLIENT_SECRET_PATTERN, type MintResponse } from '../../shared/session.js';
import { redactSecrets } from '../../shared/redact-secrets.js';
import { CryptoOnrampError } from '../errors.js';
import { isRecord } from '../../shared/is-record.js';

export interface SessionRequest {
  url: string;
  body: Record<string, unknown>;
  /** One key per logical session, reused by the automatic retry so the server mints once. */
  idempotencyKey: string;
  fetchOptions?: RequestInit | undefined;
  timeoutMs: number;
  signal: AbortSignal;
}

/** HTTP statuses worth one automatic retry: the server said "not now", not "no". */
const TRANSIENT_STATUSES = new Set([408, 429, 502, 503, 504]);
/** Pause before the automatic retry; long enough for a restarting upstream, short for a person. */
export const RETRY_DELAY_MS = 300;

/** A fresh random key: 128 random bits in hex (`crypto.randomUUID` would exist only in secure contexts). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `crypto-onramp-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export async function requestSession(request: SessionRequest): Promise<MintResponse> {
  try {
    return await attempt(request);
  } catch (error) {
    const transient =
      error instanceof CryptoOnrampError &&
      (error.code === 'session_request_failed' ||
        (error.code === 'session_http_error' && TRANSIENT_STATUSES.has(error.detail.httpStatus ?? 0)));
    if (!transient || request.signal.aborted) throw error;
    // The endpoint's `Retry-After` is honoured when it fits in the request timeout; beyond it the
    // error goes to the page, whose view says when to try again.
    const retryAfter = error.detail.retryAfter;
    const wait = retryAfter === undefined ? RETRY_DELAY_MS : retryAfter * 1000;
    if (wait > request.timeoutMs) throw error;
    await delay(wait, request.signal);
    return attempt(request);
  }
}

async function attempt(request: SessionRequest): Promise<MintResponse> {
  const { url, body, idempotencyKey, timeoutMs, signal } = request;
  const fetchOptions: RequestInit = request.fetchOptions ?? {};
  const timeout = AbortSignal.timeout(timeoutMs);
  let response: Response;
  let text: string;
  try {
    // Inside the try: headers or options the browser refuses are a request that could not be sent.
    const headers = new Headers(fetchOptions.headers);
    headers.set('Content-Type', 'application/json');
    headers.set('Accept', 'application/json');
    headers.set('Idempotency-Key', idempotencyKey);
    const signals = [signal, timeout, fetchOptions.signal].filter((s): s is AbortSignal => s instanceof AbortSignal);
    response = await fetch(url, {
      credentials: 'same-origin',
      ...fetchOptions,
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      signal: AbortSignal.any(signals),
    });
    // Read inside the same try: an answer that breaks off or outlasts the timeout fails the same way.
    text = await response.text();
  } catch (error) {
    if (signal.aborted) throw error; // the element gave up on this request: not a failure to report
    throw new CryptoOnrampError(
      'session_request_failed',
      timeout.aborted
        ? `The session endpoint did not answer within ${timeoutMs} ms.`
        : 'The session request could not be sent (network error, blocked request, or fetchOptions the browser refused).',
    );
  }

  if (!response.ok) throw httpError(response.status, text, retryAfterSeconds(response.headers.get('Retry-After')));
  return parseMintResponse(text);
}

/** `Retry-After` as whole seconds from now: delay-seconds or an HTTP-date; `undefined` when absent or unreadable. */
export function retryAfterSeconds(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = /^\s*\d+\s*$/.test(value) ? Number(value) : (Date.parse(value) - Date.now()) / 1000;
  return Number.isNaN(seconds) ? undefined : Math.max(0, Math.ceil(seconds));
}

function httpError(status: number, text: string, retryAfter: number | undefined): CryptoOnrampError {
  const error = readJson(text)?.['error'];
  const field = (key: string) => (isRecord(error) && typeof error[key] === 'string' ? (error[key] as string) : undefined);
  // The endpoint often passes Stripe's own error on, which may repeat a secret.
  const message = redactSecrets(field('message') ?? `The session endpoint answered HTTP ${status}.`);
  return new CryptoOnrampError(
    'session_http_error',
    retryAfter === undefined ? message : `${message} Try again in ${retryAfter} seconds.`,
    {
      httpStatus: status,
      retryable: status >= 500 || TRANSIENT_STATUSES.has(status),
      ...(field('code') !== undefined && { stripeCode: field('code') }),
      ...(field('param') !== undefined && { param: field('param') }),
      ...(retryAfter !== undefined && { retryAfter }),
    },
  );
}

function readJson(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function parseMintResponse(text: string): MintResponse {
  const parsed = readJson(text);
  if (!parsed) throw new CryptoOnrampError('invalid_session_response', 'The session endpoint did not answer a JSON object.');
  const secret = parsed['client_secret'];
  if (typeof secret !== 'string' || !CLIENT_SECRET_PATTERN.test(secret)) {
    // The value is never echoed: a malformed secret may still be a secret.
    throw new CryptoOnrampError(
      'invalid_session_response',
      'The session endpoint answered no client_secret of the form cos_…_secret_….',
      { param: 'client_secret' },
    );
  }
  const result: MintResponse = { client_secret: secret };
  if (typeof parsed['publishable_key'] === 'string') result.publishable_key = parsed['publishable_key'];
  if (typeof parsed['redirect_url'] === 'string') result.redirect_url = parsed['redirect_url'];
  return result;
}


function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}
