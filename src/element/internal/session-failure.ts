/**
 * A minting request that failed: what went wrong, as the element's error, and the one automatic
 * retry of a transient failure. Loaded by `session-request.ts` only when a request fails, so the
 * drop-in ships it as a lazy chunk beside the entry (crypto-onramp-session-failure.js). It imports
 * nothing from session-request.ts or errors.ts at runtime: see `FailureArgs`.
 */
import { redactSecrets } from '../../shared/redact-secrets.js';
import { isRecord } from '../../shared/is-record.js';
import type { MintResponse } from '../../shared/session.js';
import { parseMintResponse, readJson } from './mint-response.js';
import type { Answer, FailureArgs, SessionRequest } from './session-request.js';

/** HTTP statuses worth one automatic retry: the server said "not now", not "no". */
const TRANSIENT_STATUSES = new Set([408, 429, 502, 503, 504]);
/** Pause before the automatic retry; long enough for a restarting upstream, short for a person. */
export const RETRY_DELAY_MS = 300;

/**
 * After a failed first attempt: retries once, with the same request (so the same idempotency key),
 * when the failure is transient (no answer, or a transient status) and any `Retry-After` fits in
 * the request timeout. Resolves with the session, or with the error of the last attempt; rejects
 * only with the abort's reason when the element gives up during the pause.
 */
export async function recover(
  request: SessionRequest,
  failed: Answer,
  send: (request: SessionRequest) => Promise<Answer>,
): Promise<MintResponse | FailureArgs> {
  const error = failureArgs(request, failed);
  const status = failed.response?.status;
  // A 2xx answer without a session is the endpoint's fault, not the moment's: no retry.
  if (failed.response?.ok || (status !== undefined && !TRANSIENT_STATUSES.has(status)) || request.signal.aborted) return error;
  // The endpoint's `Retry-After` is honoured when it fits in the request timeout; beyond it the
  // error goes to the page, whose view says when to try again.
  const retryAfter = error[2]?.retryAfter;
  const wait = retryAfter === undefined ? RETRY_DELAY_MS : retryAfter * 1000;
  if (wait > request.timeoutMs) return error;
  await delay(wait, request.signal);
  const again = await send(request);
  return (again.response?.ok && parseMintResponse(again.text)) || failureArgs(request, again);
}

/**
 * A failed attempt's error: `session_request_failed` when no answer came, `session_http_error` for
 * a non-2xx one, `invalid_session_response` for a 2xx one without a client secret.
 */
export function failureArgs(request: SessionRequest, answer: Answer): FailureArgs {
  if (!answer.response) {
    return [
      'session_request_failed',
      answer.timedOut
        ? `The session endpoint did not answer within ${request.timeoutMs} ms.`
        : 'The session request could not be sent (network error, blocked request, or fetchOptions the browser refused).',
    ];
  }
  const { ok, status, headers } = answer.response;
  if (!ok) return httpError(status, answer.text, retryAfterSeconds(headers.get('Retry-After')));
  // The value is never echoed: a malformed secret may still be a secret.
  return readJson(answer.text)
    ? ['invalid_session_response', 'The session endpoint answered no client_secret of the form cos_…_secret_….', { param: 'client_secret' }]
    : ['invalid_session_response', 'The session endpoint did not answer a JSON object.'];
}

/** `Retry-After` as whole seconds from now: delay-seconds or an HTTP-date; `undefined` when absent or unreadable. */
export function retryAfterSeconds(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = /^\s*\d+\s*$/.test(value) ? Number(value) : (Date.parse(value) - Date.now()) / 1000;
  return Number.isNaN(seconds) ? undefined : Math.max(0, Math.ceil(seconds));
}

/** A non-2xx answer: the `{ error: { code, message, param } }` body when there is one, secrets redacted. */
function httpError(status: number, text: string, retryAfter: number | undefined): FailureArgs {
  const error = readJson(text)?.['error'];
  const field = (key: string) => (isRecord(error) && typeof error[key] === 'string' ? (error[key] as string) : undefined);
  // The endpoint often passes Stripe's own error on, which may repeat a secret. An empty message
  // says nothing: the element's own sentence then.
  const message = redactSecrets(field('message') || `The session endpoint answered HTTP ${status}.`);
  return [
    'session_http_error',
    retryAfter === undefined ? message : `${message} Try again in ${retryAfter} seconds.`,
    {
      httpStatus: status,
      retryable: status >= 500 || TRANSIENT_STATUSES.has(status),
      ...(field('code') !== undefined && { stripeCode: field('code') }),
      ...(field('param') !== undefined && { param: field('param') }),
      ...(retryAfter !== undefined && { retryAfter }),
    },
  ];
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
