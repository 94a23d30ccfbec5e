/**
 * Stripe's Quotes API (`GET /v1/crypto/onramp/quotes`): prices before the widget opens. The
 * parameters, the answer's shape, and where it lives; the rules are in `validate-quotes.ts`.
 */
import type { DestinationCurrency, DestinationNetwork, SourceCurrency } from './enums.js';

/** The documented path first; one upgrade guide names the second, and Stripe's clients may use either. */
export const QUOTES_PATHS = ['/v1/crypto/onramp/quotes', '/v1/crypto/onramp_quotes'] as const;

/** Parameters of the quotes endpoint, after validation (lists deduplicated and sorted). */
export interface OnrampQuotesParams {
  /** `usd` or `eur`. Default `usd`. */
  source_currency?: SourceCurrency;
  /** Fiat to spend, e.g. `"100.00"` (the default). Not with `destination_amount`. */
  source_amount?: string;
  /** Crypto to receive; needs exactly one value in each of the two lists. Not with `source_amount`. */
  destination_amount?: string;
  destination_currencies?: DestinationCurrency[];
  destination_networks?: DestinationNetwork[];
}

/** One currency on one network. Amounts are decimal strings; fees are in the source currency. */
export interface OnrampNetworkQuote {
  id: string;
  destination_currency: DestinationCurrency;
  destination_amount: string;
  destination_network: DestinationNetwork;
  fees: { network_fee_monetary: string; transaction_fee_monetary: string };
  /** What the customer pays in all: the source amount plus both fees. */
  source_total_amount: string;
}

/** The answer: quotes per network, keyed by the network's `wallet_addresses` key (Base is `base_network`). */
export interface OnrampQuotes {
  id: string;
  object: 'crypto.onramp.quotes';
  livemode: boolean;
  /** When the exchange rates were read, in seconds since the epoch (with a fraction). */
  rate_fetched_at: number;
  source_currency: SourceCurrency;
  source_amount: string;
  destination_network_quotes: Partial<Record<string, OnrampNetworkQuote[]>>;
}
