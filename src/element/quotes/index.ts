/** Everything `<crypto-onramp-quotes>` exports, without registering it. */
export { CryptoOnrampQuotes, type CryptoOnrampQuotesState } from './crypto-onramp-quotes.js';
export type { CryptoOnrampMessages } from '../internal/locale/catalog.js';
export type {
  CryptoOnrampQuoteSelectDetail,
  CryptoOnrampQuotesErrorCode,
  CryptoOnrampQuotesErrorDetail,
  CryptoOnrampQuotesEventMap,
  CryptoOnrampQuotesLoadDetail,
  OnrampNetworkQuote,
  OnrampQuotes,
} from './events.js';
