/**
 * The parameters a browser may send to the minting endpoint: the element's presets and nothing
 * else. `customer_ip_address`, `metadata` and `kyc_details` are the server's to set; a page that
 * sends them is refused with Stripe's `parameter_unknown`, the same answer as for a typo, so the
 * endpoint reveals nothing about what the server would have accepted.
 */
import type { CreateOnrampSessionParams } from '../shared/session.js';

export const BROWSER_PARAMS = [
  'destination_currency',
  'destination_network',
  'destination_currencies',
  'destination_networks',
  'source_currency',
  'source_amount',
  'destination_amount',
  'wallet_addresses',
  'lock_wallet_address',
] as const satisfies readonly (keyof CreateOnrampSessionParams)[];

export type BrowserParam = (typeof BROWSER_PARAMS)[number];

/** The presets as the page sent them, after validation. */
export type BrowserParams = Pick<CreateOnrampSessionParams, BrowserParam>;

const ALLOWED: ReadonlySet<string> = new Set(BROWSER_PARAMS);

/** The first top-level key the browser may not send, in the body's own order; `undefined` if none. */
export function findUnknownBrowserParam(body: Record<string, unknown>): string | undefined {
  // Object.keys sees own keys only, `__proto__` included when JSON.parse created it as one.
  return Object.keys(body).find((key) => !ALLOWED.has(key));
}
