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
import { elementError } from './element-error.js';
import { send, type SessionRequest } from './mint-attempt.js';
import { parseMintResponse } from './mint-response.js';

export type { SessionRequest } from './mint-attempt.js';

/** A fresh random key: 128 random bits in hex (`crypto.randomUUID` would exist only in secure contexts). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `crypto-onramp-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export async function requestSession(request: SessionRequest): Promise<MintResponse> {
  const answer = await send(request);
  return (
    (answer.response?.ok && parseMintResponse(answer.text)) ||
    import('./session-failure.js').then(
      // Diagnoses the failure and retries once when transient: the session, or its error thrown
      // (an error thrown while the element aborts is dropped by the element: a superseded attempt).
      ({ recover }) => recover(request, answer, { send, error: elementError }),
      // The chunk did not load either (the network is likely down): still one specific,
      // retryable error, never the loader's own words. The answer's status is all that is known.
      () => {
        const { response } = answer;
        throw elementError(
          response?.ok ? 'invalid_session_response' : response ? 'session_http_error' : 'session_request_failed',
          'requestFailed',
          { retryable: true, ...(response && !response.ok && { httpStatus: response.status }) },
        );
      },
    )
  );
}

