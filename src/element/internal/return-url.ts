/**
 * The trip back (Stripe's mobile web-view recipe): when the purchase ends (`fulfillment_complete`
 * or `rejected`), `return-url` is opened in the same window with the session id, never the client
 * secret, as `?session_id=cos_…`.
 */
import type { OnrampSessionSnapshot } from '../events.js';
import { safeHttpUrl } from './safe-url.js';

/** Where to go back to after this session update, if anywhere: http(s) only, resolved against the page. */
export function returnUrlFor(returnUrl: unknown, { status, id }: OnrampSessionSnapshot): string | undefined {
  const url = status === 'fulfillment_complete' || status === 'rejected' ? safeHttpUrl(returnUrl) : undefined;
  url?.searchParams.set('session_id', id);
  return url?.href;
}
