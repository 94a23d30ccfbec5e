/**
 * A minting request that failed: what went wrong, as the element's error, and the one automatic
 * retry of a transient failure. Loaded by `session-request.ts` only when a request fails, so the
 * drop-in ships it as a lazy chunk beside the entry (crypto-onramp-session-failure.js). What it
 * needs of the entry comes in as arguments (`Mint`): `send` for the retry, rather than importing
 * session-request.ts back, and `CryptoOnrampError`, with which it builds the error it throws whole.
 * (A chunk that imported errors.ts itself made Rolldown move errors.ts, and what it shares with
 * the other lazy chunks, out of the entry into a third file every page would then load.)
 */
import { redactSecrets } from '../../shared/redact-secrets.js';
import { isRecord } from '../../shared/is-record.js';
import type { MintResponse } from '../../shared/session.js';
import { isRetryableStatus, TRANSIENT_STATUSES } from '../../shared/transient-status.js';
import type { CryptoOnrampError } from '../errors.js';
import type { Answer, SessionRequest } from './mint-attempt.js';
import { parseMintResponse, readJson } from './mint-response.js';
/** What the chunk is handed by the entry. */
export interface Mint {
  /** One more attempt of the same request (same idempotency key). */
  send(request: SessionRequest): Promise<Answer>;
  /** The element's error class, for the error thrown. */
  Error: typeof CryptoOnrampError;
}

/** Pause before the automatic retry; long enough for a restarting upstream, short for a person. */
export const RETRY_DELAY_MS = 300;

/**
 * After a failed first attempt: retries once, with the same request (so the same idempotency key),
 * when the failure is transient (no answer, or a transient status) and any `Retry-After` fits in
 * the request timeout. Resolves with the session; rejects with the last attempt's error, or with
 * the abort's reason when the element gives up during the pause.
 */
export async function recover(
  request: SessionRequest,
  failed: Answer,
  mint: Mint,
): Promise<MintResponse> {
  const error = sessionFailure(request, failed, mint.Error);
  const status = failed.response?.status;
  // A 2xx answer without a session is the endpoint's fault, not the moment's: no retry.
  if (failed.response?.ok || (status !== undefined && !TRANSIENT_STATUSES.has(status)) || request.signal.aborted) throw error;
  // The endpoint's `Retry-After` is honoured when it fits in the request timeout; beyond it the
  // error goes to the page, whose view says when to try again.
  const { retryAfter } = error.detail;
  const wait = retryAfter === undefined ? RETRY_DELAY_MS : retryAfter * 1000;
  if (wait > request.timeoutMs) throw error;
  await delay(wait, request.signal);
  const again = await mint.send(request);
  const minted = again.response?.ok && parseMintResponse(again.text);
  if (minted) return minted;
  throw sessionFailure(request, again, mint.Error);
}

/**
 * A failed attempt's error: `session_request_failed` when no answer came, `session_http_error` for
 * a non-2xx one, `invalid_session_response` for a 2xx one without a client secret.
 */
export function sessionFailure(request: SessionRequest, answer: Answer, OnrampError: typeof CryptoOnrampError): CryptoOnrampError {
  if (!answer.response) {
    return new OnrampError(
      'session_request_failed',
      answer.timedOut
        ? `The session endpoint did not answer within ${request.timeoutMs} ms.`
        : 'The session request could not be sent (network error, blocked request, or fetchOptions the browser refused).',
    );
  }
  const { ok, status, headers } = answer.response;
  if (!ok) return httpError(OnrampError, status, answer.text, retryAfterSeconds(headers.get('Retry-After')));
  // The value is never echoed: a malformed secret may still be a secret.
  return readJson(answer.text)
    ? new OnrampError('invalid_session_response', 'The session endpoint answered no client_secret of the form cos_…_secret_….', { param: 'client_secret' })
    : new OnrampError('invalid_session_response', 'The session endpoint did not answer a JSON object.');
}

/** `Retry-After` as whole seconds from now: delay-seconds or an HTTP-date; `undefined` when absent or unreadable. */
export function retryAfterSeconds(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = /^\s*\d+\s*$/.test(value) ? Number(value) : (Date.parse(value) - Date.now()) / 1000;
  return Number.isNaN(seconds) ? undefined : Math.max(0, Math.ceil(seconds));
}

/** A non-2xx answer: the `{ error: { code, message, param } }` body when there is one, secrets redacted. */
function httpError(OnrampError: typeof CryptoOnrampError, status: number, text: string, retryAfter: number | undefined): CryptoOnrampError {
  const error = readJson(text)?.['error'];
  const field = (key: string) => (isRecord(error) && typeof error[key] === 'string' ? (error[key] as string) : undefined);
  // The endpoint often passes Stripe's own error on, which may repeat a secret. An empty message
  // says nothing: the element's own sentence then.
  const message = redactSecrets(field('message') || `The session endpoint answered HTTP ${status}.`);
  return new OnrampError(
    'session_http_error',
    retryAfter === undefined ? message : `${message} Try again in ${retryAfter} seconds.`,
    {
      httpStatus: status,
      retryable: isRetryableStatus(status),
      ...(field('code') !== undefined && { stripeCode: field('code') }),
      ...(field('param') !== undefined && { param: field('param') }),
      ...(retryAfter !== undefined && { retryAfter }),
    },
  );
}

/** Waits `ms`, or rejects with the abort's reason as soon as `signal` aborts. */
function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}
