/**
 * Stripe's account-less hosted onramp, emulated: `StripeOnramp.Standalone(options).getUrl()` (the
 * stand-in) points at `/hosted` with the options in the query; opening it starts a session with
 * those options, exactly as the API would create one, so the purchase plays as on the hosted page
 * behind `redirect_url` and its status reaches retrieve, list and webhooks.
 */
import { validateCreateParams } from '../shared/validate.js';
import type { ParamError } from '../shared/param-error.js';
import type { CreateOnrampSessionParams } from '../shared/session.js';
import { computeQuote } from './quote.js';

/** The query keys `getUrl()` writes (lists as `key[]`, the amount under its own key). */
export const STANDALONE_KEYS = [
  'destination_currency', 'destination_network', 'supported_destination_currencies[]', 'supported_destination_networks[]',
  'source_amount', 'source_total_amount', 'destination_amount',
] as const;

/** Whether a `/hosted` URL carries standalone options (rather than a session hash). */
export function isStandaloneQuery(query: URLSearchParams): boolean {
  return STANDALONE_KEYS.some((key) => query.has(key)) || query.has('standalone');
}

/**
 * The create parameters the options stand for, validated with the API's rules. A total amount
 * (fees included) becomes the source amount whose quote totals it, to the cent where the
 * destination is known; the standalone onramp sells for US dollars.
 */
export function standaloneParams(query: URLSearchParams): { ok: true; value: CreateOnrampSessionParams } | { ok: false; error: ParamError } {
  const list = (key: string) => (query.getAll(`${key}[]`).length > 0 ? query.getAll(`${key}[]`) : undefined);
  const one = (key: string) => query.get(key) ?? undefined;
  const raw: Record<string, unknown> = {
    destination_currency: one('destination_currency'),
    destination_network: one('destination_network'),
    destination_currencies: list('supported_destination_currencies'),
    destination_networks: list('supported_destination_networks'),
    destination_amount: one('destination_amount'),
    source_amount: one('source_amount'),
  };
  const total = one('source_total_amount');
  if (total !== undefined) raw.source_amount = sourceAmountForTotal(total, raw.destination_currency, raw.destination_network);
  if (raw.source_amount !== undefined) raw.source_currency = 'usd';
  for (const key of Object.keys(raw)) if (raw[key] === undefined) delete raw[key];
  return validateCreateParams(raw, 'json');
}

/** The USD source amount whose total (amount plus fees) is `total`: fees are 1.5% plus the network's fixed fee. */
function sourceAmountForTotal(total: string, currency: unknown, network: unknown): string {
  let source = Number(total);
  if (!Number.isFinite(source) || source <= 0) return total; // the create rules report it
  // Two corrections settle a fee that is linear in the amount.
  for (let i = 0; i < 2; i++) {
    const quote = computeQuote({
      sourceCurrency: 'usd',
      destinationCurrency: typeof currency === 'string' ? currency : 'usdc',
      destinationNetwork: typeof network === 'string' ? network : 'ethereum',
      sourceAmount: source.toFixed(2),
    });
    if (!quote) break;
    source -= Number(quote.totalAmount) - Number(total);
  }
  return Math.max(source, 0.01).toFixed(2);
}
