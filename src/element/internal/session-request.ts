/**
 * The minting request: `POST session-url` with the presets as JSON, answered by the site's
 * endpoint with `{ client_secret, publishable_key?, redirect_url? }`.
 *
 * Only the success path lives here, in the drop-in's entry: every page runs it. A failure (no
 * answer, a non-2xx one, or a 2xx one without a client secret) is diagnosed, and retried once
 * when transient, by `session-failure.ts`, which the drop-in loads as a lazy chunk on the first
 * failure.
 */
import type { MintResponse } from '../../shared/session.js';
import { CryptoOnrampError } from '../errors.js';
import { parseMintResponse } from './mint-response.js';

export interface SessionRequest {
  url: string;
  body: Record<string, unknown>;
  /** One key per logical session, reused by the automatic retry so the server mints once. */
  idempotencyKey: string;
  fetchOptions?: RequestInit | undefined;
  timeoutMs: number;
  signal: AbortSignal;
}

/**
 * What one attempt came to: the endpoint's answer, read in full (any status), or none at all
 * (network error, blocked request, refused `fetchOptions`), with whether the timeout ran out.
 */
export type Answer = { response: Response; text: string } | { response?: undefined; timedOut: boolean };
/**
 * A failed request's error, as `CryptoOnrampError`'s arguments. The failure chunk hands these to
 * the entry, which throws: a lazy chunk that imported errors.ts itself made Rolldown move errors.ts
 * (and what it shares with the other lazy chunks) out of the entry into a third file every page
 * would then load (a module with side effects reached from several lazy chunks).
 */
export type FailureArgs = ConstructorParameters<typeof CryptoOnrampError>;

/** A fresh random key: 128 random bits in hex (`crypto.randomUUID` would exist only in secure contexts). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `crypto-onramp-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export async function requestSession(request: SessionRequest): Promise<MintResponse> {
  const answer = await send(request);
  const outcome =
    (answer.response?.ok && parseMintResponse(answer.text)) ||
    (await import('./session-failure.js').then(
      // Diagnoses the failure and retries once when transient: the session, or the error to throw.
      ({ recover }) => recover(request, answer, send),
      // The chunk did not load either (the network is likely down): still one specific,
      // retryable error, never the loader's own words. The answer's status is all that is known.
      (): FailureArgs => {
        const { response } = answer;
        return [
          response?.ok ? 'invalid_session_response' : response ? 'session_http_error' : 'session_request_failed',
          'The session request failed. Try again.',
          { retryable: true, ...(response && !response.ok && { httpStatus: response.status }) },
        ];
      },
    ));
  // An error thrown while the element aborts is dropped by the element (a superseded attempt).
  if (Array.isArray(outcome)) throw new CryptoOnrampError(...outcome);
  return outcome;
}

/** One attempt: `fetch` with its own timeout, the body read in full. Throws only when aborted by the element. */
async function send(request: SessionRequest): Promise<Answer> {
  const { url, body, idempotencyKey, timeoutMs, signal } = request;
  const fetchOptions: RequestInit = request.fetchOptions ?? {};
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    // Inside the try: headers or options the browser refuses are a request that could not be sent.
    const headers = new Headers(fetchOptions.headers);
    headers.set('Content-Type', 'application/json');
    headers.set('Accept', 'application/json');
    headers.set('Idempotency-Key', idempotencyKey);
    const signals = [signal, timeout, fetchOptions.signal].filter((s): s is AbortSignal => s instanceof AbortSignal);
    const response = await fetch(url, {
      credentials: 'same-origin',
      ...fetchOptions,
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      signal: AbortSignal.any(signals),
    });
    // Read inside the same try: an answer that breaks off or outlasts the timeout fails the same way.
    return { response, text: await response.text() };
  } catch (error) {
    if (signal.aborted) throw error; // the element gave up on this request: not a failure to report
    return { timedOut: timeout.aborted };
  }
}
