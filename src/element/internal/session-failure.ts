/**
 * A minting request that failed: what went wrong, as the element's error, and the one automatic
 * retry of a transient failure. Loaded by `session-request.ts` only when a request fails, so the
 * drop-in ships it as a lazy chunk beside the entry (crypto-onramp-session-failure.js). What it
 * needs of the entry comes in as arguments (`Mint`): `send` for the retry, rather than importing
 * session-request.ts back, and `elementError`, with which it names its errors' sentences by key (the
 * words are in the messages chunk, in every language). (A chunk that imported errors.ts or
 * element-error.ts itself made Rolldown move them, and what they share with the other lazy
 * chunks, out of the entry into a third file every page would then load.)
 */
import { redactSecrets } from '../../shared/redact-secrets.js';
import { isRecord } from '../../shared/is-record.js';
import type { MintResponse } from '../../shared/session.js';
import { isRetryableStatus, TRANSIENT_STATUSES } from '../../shared/transient-status.js';
import type { CryptoOnrampError } from '../errors.js';
import type { elementError } from './element-error.js';
import type { Answer, SessionRequest } from './mint-attempt.js';
import { parseMintResponse, readJson } from './mint-response.js';
/** What the chunk is handed by the entry. */
export interface Mint {
  /** One more attempt of the same request (same idempotency key). */
  send(request: SessionRequest): Promise<Answer>;
  /** The entry's `elementError`, for the errors thrown. */
  error: typeof elementError;
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
  const error = sessionFailure(request, failed, mint.error);
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
  throw sessionFailure(request, again, mint.error);
}

/**
 * A failed attempt's error: `session_request_failed` when no answer came, `session_http_error` for
 * a non-2xx one, `invalid_session_response` for a 2xx one without a client secret.
 */
export function sessionFailure(request: SessionRequest, answer: Answer, elementError: Mint['error']): CryptoOnrampError {
  if (!answer.response) {
    return answer.timedOut
      ? elementError('session_request_failed', 'requestTimeout', {}, request.timeoutMs)
      : elementError('session_request_failed', 'requestUnsent');
  }
  const { ok, status, headers } = answer.response;
  if (!ok) return httpError(elementError, status, answer.text, retryAfterSeconds(headers.get('Retry-After')));
  // The value is never echoed: a malformed secret may still be a secret.
  return readJson(answer.text)
    ? elementError('invalid_session_response', 'noClientSecret', { param: 'client_secret' })
    : elementError('invalid_session_response', 'notJson');
}

/** `Retry-After` as whole seconds from now: delay-seconds or an HTTP-date; `undefined` when absent or unreadable. */
export function retryAfterSeconds(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = /^\s*\d+\s*$/.test(value) ? Number(value) : (Date.parse(value) - Date.now()) / 1000;
  return Number.isNaN(seconds) ? undefined : Math.max(0, Math.ceil(seconds));
}

/**
 * A non-2xx answer: the `{ error: { code, message, param } }` body when there is one, secrets
 * redacted. Its message is the endpoint's own words, as they are, else the element's sentence;
 * either is followed by the element's "try again in" when the endpoint sent `Retry-After`.
 */
function httpError(elementError: Mint['error'], status: number, text: string, retryAfter: number | undefined): CryptoOnrampError {
  const error = readJson(text)?.['error'];
  const field = (key: string) => (isRecord(error) && typeof error[key] === 'string' ? (error[key] as string) : undefined);
  // The endpoint often passes Stripe's own error on, which may repeat a secret. An empty message
  // says nothing: the element's own sentence then. The status is a code, not a number to write
  // the language's way.
  const theirs = field('message');
  return elementError(
    'session_http_error',
    'httpStatus',
    {
      httpStatus: status,
      retryable: isRetryableStatus(status),
      ...(field('code') !== undefined && { stripeCode: field('code') }),
      ...(field('param') !== undefined && { param: field('param') }),
      ...(retryAfter !== undefined && { retryAfter }),
    },
    String(status),
    theirs ? redactSecrets(theirs) : undefined,
    retryAfter,
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
