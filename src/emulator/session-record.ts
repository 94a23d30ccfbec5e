/** What the emulator keeps per session: the API object plus the state only the emulator needs. */
import type { CryptoOnrampSession } from '../shared/session.js';

export type ApiStatus = CryptoOnrampSession['status'];

export interface SessionRecord {
  /** Creation order; breaks ties between sessions created in the same second (newest first). */
  seq: number;
  /** The object the HTTP API returns (its `redirect_url` is re-derived from the current URL). */
  session: CryptoOnrampSession;
  /** Credential of the hosted page and of the browser event stream; not the client secret. */
  sessionHash: string;
  /** A status only the browser sees (`error`), set by the test controls; cleared by the next API status. */
  browserStatus: 'error' | null;
  /** Bumped on every change so browsers can drop stale pushes. */
  revision: number;
  /** `Stripe-Version` of the creating request, used for webhook events. */
  apiVersion: string | null;
  /** When a session in `fulfillment_processing` completes by itself (ms since epoch), or null. */
  fulfillAt: number | null;
  /** The customer's pre-filled details (`customer_information` or `kyc_details`); never in the API's answers. */
  customerInformation?: Record<string, unknown>;
}

/** The status the browser stand-in reports: the API status unless a browser-only one is set. */
export function browserStatusOf(record: SessionRecord): ApiStatus | 'error' {
  return record.browserStatus ?? record.session.status;
}
