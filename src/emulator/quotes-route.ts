/**
 * `GET /v1/crypto/onramp/quotes` (and `/v1/crypto/onramp_quotes`): every currency on every
 * network the query allows, priced from the emulator's quote table, in Stripe's answer shape.
 */
import { DESTINATION_CURRENCIES, DESTINATION_NETWORKS } from '../shared/enums.js';
import { isCurrencyOnNetwork, walletAddressKeyFor } from '../shared/currencies.js';
import type { Validation } from '../shared/param-error.js';
import { QUOTES_PATHS, type OnrampNetworkQuote, type OnrampQuotes } from '../shared/quotes.js';
import { QUOTE_DEFAULTS, validateQuotesParams } from '../shared/validate-quotes.js';
import type { FormRecord } from '../shared/form-decoder.js';
import { randomHex } from './ids.js';
import { computeQuote } from './quote.js';

export function isQuotesPath(path: string): boolean {
  return (QUOTES_PATHS as readonly string[]).includes(path);
}

/** Stripe's quote ids are 64 hex digits. */
const newQuotesId = (): string => randomHex(32);

/** The answer to a decoded query string, or the parameter error Stripe would send. */
export function answerQuotes(query: FormRecord, nowMs: number): Validation<OnrampQuotes> {
  const validation = validateQuotesParams(query, 'form');
  if (!validation.ok) return validation;
  const params = validation.value;
  const sourceCurrency = params.source_currency ?? QUOTE_DEFAULTS.source_currency;
  const fixedDestination = params.destination_amount !== undefined;
  const amount = fixedDestination ? { destinationAmount: params.destination_amount } : { sourceAmount: params.source_amount ?? QUOTE_DEFAULTS.source_amount };
  const currencies = params.destination_currencies ?? DESTINATION_CURRENCIES;
  let sourceAmount: string | undefined;
  const byNetwork: Record<string, OnrampNetworkQuote[]> = {};
  for (const network of params.destination_networks ?? DESTINATION_NETWORKS) {
    const quotes: OnrampNetworkQuote[] = [];
    for (const currency of currencies) {
      if (!isCurrencyOnNetwork(currency, network)) continue;
      const quote = computeQuote({ sourceCurrency, destinationCurrency: currency, destinationNetwork: network, ...amount });
      if (!quote) continue;
      sourceAmount ??= quote.sourceAmount;
      quotes.push({
        id: newQuotesId(),
        destination_currency: quote.destinationCurrency,
        destination_amount: quote.destinationAmount,
        destination_network: quote.destinationNetwork,
        fees: { network_fee_monetary: quote.networkFee, transaction_fee_monetary: quote.transactionFee },
        source_total_amount: quote.totalAmount,
      });
    }
    if (quotes.length > 0) byNetwork[walletAddressKeyFor(network) ?? network] = quotes;
  }
  return {
    ok: true,
    value: {
      id: newQuotesId(),
      object: 'crypto.onramp.quotes',
      livemode: false,
      rate_fetched_at: nowMs / 1000,
      source_currency: sourceCurrency,
      // With a fixed crypto amount, the fiat it costs (before fees); otherwise the amount asked about.
      source_amount: sourceAmount ?? params.source_amount ?? QUOTE_DEFAULTS.source_amount,
      destination_network_quotes: byNetwork,
    },
  };
}
