/**
 * The minting request: `POST session-url` with the presets as JSON, answered by the site's
 * endpoint with `{ client_secret, publishable_key?, redirect_url? }`.
 */
import { CLIENT_SECRET_PATTERN, type MintResponse } from '../shared/session.js';
import { CryptoOnrampError } from './errors.js';

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

/** A fresh random key; `crypto.randomUUID` exists only in secure contexts. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return `crypto-onramp-${crypto.randomUUID()}`;
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
    await delay(RETRY_DELAY_MS, request.signal);
    return attempt(request);
  }
}

async function attempt(request: SessionRequest): Promise<MintResponse> {
  const { url, body, idempotencyKey, fetchOptions = {}, timeoutMs, signal } = request;
  const headers = new Headers(fetchOptions.headers);
  headers.set('Content-Type', 'application/json');
  headers.set('Accept', 'application/json');
  headers.set('Idempotency-Key', idempotencyKey);

  const timeout = AbortSignal.timeout(timeoutMs);
  const signals = [signal, timeout, fetchOptions.signal].filter((s): s is AbortSignal => s != null);
  let response: Response;
  try {
    response = await fetch(url, {
      credentials: 'same-origin',
      ...fetchOptions,
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      signal: AbortSignal.any(signals),
    });
  } catch (error) {
    if (signal.aborted) throw error; // the element gave up on this request: not a failure to report
    const timedOut = timeout.aborted;
    throw new CryptoOnrampError(
      'session_request_failed',
      timedOut
        ? `The session endpoint did not answer within ${timeoutMs} ms.`
        : 'The session endpoint could not be reached (network error or blocked request).',
      { cause: error },
    );
  }

  const text = await readText(response, signal, timeoutMs);
  if (!response.ok) throw httpError(response.status, text);
  return parseMintResponse(text);
}

async function readText(response: Response, signal: AbortSignal, timeoutMs: number): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    if (signal.aborted) throw error;
    throw new CryptoOnrampError('session_request_failed', `The session endpoint's answer broke off (timeout ${timeoutMs} ms).`, { cause: error });
  }
}

function httpError(status: number, text: string): CryptoOnrampError {
  const error = readJson(text)?.['error'];
  const field = (key: string) =>
    isRecord(error) && typeof error[key] === 'string' ? { [key]: error[key] as string } : {};
  return new CryptoOnrampError(
    'session_http_error',
    (field('message')['message']) ?? `The session endpoint answered HTTP ${status}.`,
    {
      httpStatus: status,
      retryable: status >= 500 || TRANSIENT_STATUSES.has(status),
      ...(field('code')['code'] !== undefined && { stripeCode: field('code')['code'] }),
      ...field('param'),
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
      secret === undefined
        ? 'The session endpoint answered without a client_secret.'
        : 'The session endpoint answered a client_secret that is not an onramp session secret (cos_…_secret_…).',
      { param: 'client_secret' },
    );
  }
  const result: MintResponse = { client_secret: secret };
  if (typeof parsed['publishable_key'] === 'string') result.publishable_key = parsed['publishable_key'];
  if (typeof parsed['redirect_url'] === 'string') result.redirect_url = parsed['redirect_url'];
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
