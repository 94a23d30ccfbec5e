/** What the purchase page sees of a session (`BrowserSessionView`), built from a record. */
import { SOURCE_CURRENCIES } from '../shared/enums.js';
import { currenciesOnNetwork, walletAddressKeyFor } from '../shared/currencies.js';
import type { BrowserSessionPayload, BrowserSessionView } from './stand-in/protocol.js';
import { browserStatusOf, type SessionRecord } from './session-record.js';
import { computeQuote, currencyDisplayName, DEFAULT_SOURCE_AMOUNT, toSessionQuote, type SessionQuote } from './quote.js';
import { TEST_TRIGGERS } from './triggers.js';

function sessionQuote(record: SessionRecord, nowSeconds: number): SessionQuote | null {
  const d = record.session.transaction_details;
  if (!d.source_currency || !d.destination_currency || !d.destination_network || d.source_amount === null) return null;
  const quote = computeQuote({
    sourceCurrency: d.source_currency,
    destinationCurrency: d.destination_currency,
    destinationNetwork: d.destination_network,
    sourceAmount: d.source_amount,
  });
  // The quote id is stable per revision, so one state of the session is one quote.
  return quote ? toSessionQuote(quote, `cqt_${record.session.id.slice(4)}${record.revision}`, nowSeconds, d.transaction_id) : null;
}

/** `OnrampSessionResult` less `client_secret` (the page's script adds it back). */
export function browserSessionPayload(record: SessionRecord, nowSeconds: number): BrowserSessionPayload {
  return {
    id: record.session.id,
    object: 'crypto.onramp_session',
    livemode: record.session.livemode,
    status: browserStatusOf(record),
    quote: sessionQuote(record, nowSeconds),
    wallet_address: record.session.transaction_details.wallet_address,
  };
}

export function browserSessionView(record: SessionRecord, nowSeconds: number): BrowserSessionView {
  const d = record.session.transaction_details;
  const currencies = d.destination_currencies ?? [];
  const networks = d.destination_networks ?? [];
  const networkCurrencies: Record<string, string[]> = {};
  const suggested: Record<string, string | null> = {};
  for (const network of networks) {
    networkCurrencies[network] = currenciesOnNetwork(network).filter((c) => currencies.includes(c));
    const key = walletAddressKeyFor(network);
    suggested[network] = (key ? d.wallet_addresses?.[key] : null) ?? null;
  }
  const names: Record<string, string> = {};
  for (const currency of [...currencies, ...SOURCE_CURRENCIES]) names[currency] = currencyDisplayName(currency);
  return {
    revision: record.revision,
    session_hash: record.sessionHash,
    session: browserSessionPayload(record, nowSeconds),
    details: {
      source_amount: d.source_amount,
      source_currency: d.source_currency,
      destination_amount: d.destination_amount,
      destination_currency: d.destination_currency,
      destination_network: d.destination_network,
      destination_currencies: currencies,
      destination_networks: networks,
      lock_wallet_address: d.lock_wallet_address === true,
      wallet_address: d.wallet_address,
      transaction_id: d.transaction_id,
    },
    options: {
      source_currencies: [...SOURCE_CURRENCIES],
      network_currencies: networkCurrencies,
      suggested_wallets: suggested,
      currency_names: names,
      default_source_amount: DEFAULT_SOURCE_AMOUNT,
    },
    test_values: {
      card_number: '4242 4242 4242 4242',
      declined_card_number: TEST_TRIGGERS.declinedCardNumber.replace(/(\d{4})(?=\d)/g, '$1 '),
      rejected_wallet_address: TEST_TRIGGERS.rejectedWalletAddress,
    },
  };
}
