/**
 * The events of `<crypto-onramp-quotes>`, typed in `GlobalEventHandlersEventMap` so that
 * `el.addEventListener('crypto-onramp-quote-select', e => e.detail.quote)` type-checks.
 */
import type { OnrampNetworkQuote, OnrampQuotes } from '../../shared/quotes.js';

export type { OnrampNetworkQuote, OnrampQuotes } from '../../shared/quotes.js';

/** New quotes arrived and are on screen. */
export interface CryptoOnrampQuotesLoadDetail {
  /** Stripe's quotes object, as the endpoint answered it. */
  quotes: OnrampQuotes;
}

/** What choosing a quote means for the onramp: the presets it sets on the linked `<crypto-onramp>`. */
export interface CryptoOnrampQuoteSelectDetail {
  destinationCurrency: string;
  /** The network's own name (`base`), not the answer's key for it (`base_network`). */
  destinationNetwork: string;
  /** The fiat amount the quote prices, before fees (`"100.00"`). */
  sourceAmount: string;
  /** The fiat currency of the amount and the fees (`usd`). */
  sourceCurrency: string;
  /** The quote as Stripe's Quotes API answered it, fees included. */
  quote: OnrampNetworkQuote;
}

export type CryptoOnrampQuotesErrorCode =
  /** No `quotes-url`, or one that is not a URL. */
  | 'missing_configuration'
  /** The quotes endpoint could not be reached, or did not answer in time. */
  | 'quotes_request_failed'
  /** The quotes endpoint answered a non-2xx status. */
  | 'quotes_http_error'
  /** The answer was not Stripe's quotes object. */
  | 'invalid_quotes_response'
  /** A quote was chosen, but `for` names no `<crypto-onramp>` in this element's root. */
  | 'onramp_not_found';

export interface CryptoOnrampQuotesErrorDetail {
  code: CryptoOnrampQuotesErrorCode;
  message: string;
  /** Whether `refresh()` (the retry button) may succeed without changing anything else. */
  retryable: boolean;
  httpStatus?: number;
  /** `error.code` from the endpoint's `{ error: { code, message, param } }` body. */
  stripeCode?: string;
  param?: string;
}

export interface CryptoOnrampQuotesEventMap {
  'crypto-onramp-quotes-load': CustomEvent<CryptoOnrampQuotesLoadDetail>;
  'crypto-onramp-quote-select': CustomEvent<CryptoOnrampQuoteSelectDetail>;
  'crypto-onramp-quotes-error': CustomEvent<CryptoOnrampQuotesErrorDetail>;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-interface
  interface GlobalEventHandlersEventMap extends CryptoOnrampQuotesEventMap {}
}
