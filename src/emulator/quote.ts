/**
 * Deterministic prices and fees, so quotes are stable across runs and tests can assert on them.
 * All arithmetic is on scaled integers (BigInt): 18-decimal amounts never pass through floats.
 */
import type { OnrampTransactionDetails } from '../shared/session.js';
import {
  destinationCurrencyDecimals,
  isKnownDestinationCurrency,
  isKnownDestinationNetwork,
  isKnownSourceCurrency,
  sourceCurrencyDecimals,
  type KnownDestinationCurrency,
  type KnownDestinationNetwork,
  type KnownSourceCurrency,
} from '../shared/currencies.js';
import { fromScaledInteger, toScaledInteger } from '../shared/decimal-amount.js';

/** Emulated market prices in US dollars. */
export const USD_PRICES: Readonly<Record<KnownDestinationCurrency, string>> = {
  avax: '30.00', btc: '65000.00', eth: '3000.00', matic: '0.50', sol: '150.00', usdc: '1.00', usdt: '1.00', wld: '2.00', xlm: '0.10',
};
const FIAT_PER_USD: Readonly<Record<KnownSourceCurrency, string>> = { usd: '1', eur: '0.92', gbp: '0.79' };
const NETWORK_FEES_USD: Readonly<Record<KnownDestinationNetwork, string>> = {
  avalanche: '0.02', base: '0.01', bitcoin: '1.50', celo: '0.01', ethereum: '1.20', optimism: '0.02', polygon: '0.01',
  solana: '0.01', stellar: '0.01', sui: '0.01', tempo: '0.01', worldchain: '0.01',
};
/** Stripe's onramp charges a percentage transaction fee; 1.5% here. */
const TRANSACTION_FEE_BASIS_POINTS = 150n;
/** Quoted crypto amounts are shown with at most 8 decimals (still within every currency's precision). */
const MAX_QUOTE_DECIMALS = 8;
/** The fiat amount the flow suggests when the session sets none. */
export const DEFAULT_SOURCE_AMOUNT = '100.00';

const WAD = 18;
const ONE = 10n ** 18n;

export interface QuoteRequest {
  sourceCurrency: string;
  destinationCurrency: string;
  destinationNetwork: string;
  /** Exactly one of the two amounts drives the quote. */
  sourceAmount?: string;
  destinationAmount?: string;
}

export interface Quote {
  fixedSide: 'source' | 'destination';
  sourceCurrency: KnownSourceCurrency;
  destinationCurrency: KnownDestinationCurrency;
  destinationNetwork: KnownDestinationNetwork;
  sourceAmount: string;
  destinationAmount: string;
  networkFee: string;
  transactionFee: string;
  totalFee: string;
  totalAmount: string;
}

const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b;
const roundDiv = (a: bigint, b: bigint): bigint => (a + b / 2n) / b;

/** A quote for the request, or `null` when a currency or network is unknown to the price table. */
export function computeQuote(request: QuoteRequest): Quote | null {
  const { sourceCurrency, destinationCurrency, destinationNetwork } = request;
  if (!isKnownSourceCurrency(sourceCurrency) || !isKnownDestinationCurrency(destinationCurrency) || !isKnownDestinationNetwork(destinationNetwork)) {
    return null;
  }
  const fiatDecimals = sourceCurrencyDecimals(sourceCurrency) ?? 2;
  const cryptoDecimals = Math.min(destinationCurrencyDecimals(destinationCurrency) ?? MAX_QUOTE_DECIMALS, MAX_QUOTE_DECIMALS);
  const fiatPerUsd = toScaledInteger(FIAT_PER_USD[sourceCurrency], WAD);
  // Price of one unit of crypto in the fiat currency, scaled by 10^18.
  const price = (toScaledInteger(USD_PRICES[destinationCurrency], WAD) * fiatPerUsd) / ONE;
  const fiatUnit = 10n ** BigInt(WAD - fiatDecimals);

  let sourceMinor: bigint;
  let destinationAmount: string;
  if (request.destinationAmount !== undefined) {
    const destination = toScaledInteger(request.destinationAmount, WAD);
    sourceMinor = ceilDiv((destination * price) / ONE, fiatUnit);
    destinationAmount = request.destinationAmount;
  } else {
    sourceMinor = toScaledInteger(request.sourceAmount ?? DEFAULT_SOURCE_AMOUNT, fiatDecimals);
    const destinationUnits = (sourceMinor * fiatUnit * 10n ** BigInt(cryptoDecimals)) / price;
    destinationAmount = fromScaledInteger(destinationUnits, cryptoDecimals);
  }
  const networkFee = roundDiv(toScaledInteger(NETWORK_FEES_USD[destinationNetwork], WAD) * fiatPerUsd, ONE * fiatUnit);
  const transactionFee = roundDiv(sourceMinor * TRANSACTION_FEE_BASIS_POINTS, 10000n);
  const money = (minor: bigint): string => fromScaledInteger(minor, fiatDecimals, fiatDecimals);
  return {
    fixedSide: request.destinationAmount !== undefined ? 'destination' : 'source',
    sourceCurrency,
    destinationCurrency,
    destinationNetwork,
    sourceAmount: money(sourceMinor),
    destinationAmount,
    networkFee: money(networkFee),
    transactionFee: money(transactionFee),
    totalFee: money(networkFee + transactionFee),
    totalAmount: money(sourceMinor + networkFee + transactionFee),
  };
}

/** Fills in the amount the session left null and the fees, when the details determine a quote. */
export function applyQuoteToDetails(details: OnrampTransactionDetails): void {
  const { source_currency, destination_currency, destination_network, source_amount, destination_amount } = details;
  if (!source_currency || !destination_currency || !destination_network) return;
  if (source_amount === null && destination_amount === null) return;
  const quote = computeQuote({
    sourceCurrency: source_currency,
    destinationCurrency: destination_currency,
    destinationNetwork: destination_network,
    ...(destination_amount !== null && source_amount === null ? { destinationAmount: destination_amount } : { sourceAmount: source_amount ?? undefined }),
  });
  if (!quote) return;
  // Keep the amount the caller gave exactly as written; fill in only the computed one.
  details.source_amount = source_amount ?? quote.sourceAmount;
  details.destination_amount = destination_amount ?? quote.destinationAmount;
  details.fees = { network_fee_amount: quote.networkFee, transaction_fee_amount: quote.transactionFee };
}

const CURRENCY_NAMES: Readonly<Record<string, string>> = {
  avax: 'Avalanche', btc: 'Bitcoin', eth: 'Ethereum', matic: 'Polygon', sol: 'Solana', usdc: 'USD Coin', usdt: 'Tether USD',
  wld: 'Worldcoin', xlm: 'Stellar Lumens', usd: 'US Dollar', eur: 'Euro', gbp: 'British Pound',
};
const FIAT_SYMBOLS: Readonly<Record<string, string>> = { usd: '$', eur: '€', gbp: '£' };

export function currencyDisplayName(code: string): string {
  return CURRENCY_NAMES[code] ?? code.toUpperCase();
}

/** The `Currency` shape of `@stripe/crypto`'s `SessionQuote`. */
export interface QuoteCurrency {
  id: string;
  asset_display_name: string;
  asset_code: string;
  currency_minor_units: number;
  currency_symbol: string | null;
  currency_symbol_location: 'prefix' | 'suffix' | null;
  currency_network: string;
}

/** `@stripe/crypto`'s `SessionQuote`. */
export interface SessionQuote {
  id: string;
  source_currency: QuoteCurrency;
  destination_currency: QuoteCurrency;
  source_amount: string;
  destination_amount: string;
  total_amount: string;
  fees: { network_fee: string; transaction_fee: string; total_fee: string };
  expiration: number | null;
  fixed_currency_side: 'source' | 'destination';
  blockchain_tx_id: string | null;
  time_to_expiration: number | null;
}

/** How long a quote is good for, as Stripe's UI counts it down. */
export const QUOTE_LIFETIME_SECONDS = 30;

export function toSessionQuote(quote: Quote, id: string, nowSeconds: number, transactionId: string | null): SessionQuote {
  return {
    id,
    source_currency: {
      id: quote.sourceCurrency,
      asset_display_name: currencyDisplayName(quote.sourceCurrency),
      asset_code: quote.sourceCurrency,
      currency_minor_units: sourceCurrencyDecimals(quote.sourceCurrency) ?? 2,
      currency_symbol: FIAT_SYMBOLS[quote.sourceCurrency] ?? null,
      currency_symbol_location: 'prefix',
      currency_network: 'fiat',
    },
    destination_currency: {
      id: `${quote.destinationCurrency}-${quote.destinationNetwork}`,
      asset_display_name: currencyDisplayName(quote.destinationCurrency),
      asset_code: quote.destinationCurrency,
      currency_minor_units: destinationCurrencyDecimals(quote.destinationCurrency) ?? 0,
      currency_symbol: null,
      currency_symbol_location: null,
      currency_network: quote.destinationNetwork,
    },
    source_amount: quote.sourceAmount,
    destination_amount: quote.destinationAmount,
    total_amount: quote.totalAmount,
    fees: { network_fee: quote.networkFee, transaction_fee: quote.transactionFee, total_fee: quote.totalFee },
    expiration: nowSeconds + QUOTE_LIFETIME_SECONDS,
    fixed_currency_side: quote.fixedSide,
    blockchain_tx_id: transactionId,
    time_to_expiration: QUOTE_LIFETIME_SECONDS,
  };
}
