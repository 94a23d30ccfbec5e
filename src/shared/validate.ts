/**
 * The API's rules, written once: the emulator validates what reaches it with these, and the
 * server kit validates the browser's JSON with the same functions before anything reaches Stripe.
 */
export { validateCreateParams, CREATE_PARAMS, METADATA_LIMITS } from './validate-create.js';
export { validateListParams, LIST_PARAMS, LIST_LIMIT } from './validate-list.js';
export { validateRetrieveParams, RETRIEVE_PARAMS } from './validate-retrieve.js';
export {
  validateQuotesParams,
  QUOTES_PARAMS,
  QUOTE_DEFAULTS,
  QUOTE_SOURCE_CURRENCIES,
} from './validate-quotes.js';
export {
  GENERIC_CODES,
  paramError,
  type ParamEncoding,
  type ParamError,
  type Validation,
  type ValidateOptions,
} from './param-error.js';
export { ONRAMP_ERROR_CODES, type OnrampErrorCode } from './onramp-error-codes.js';
export {
  DESTINATION_CURRENCY_DECIMALS,
  SOURCE_CURRENCY_DECIMALS,
  NETWORK_CURRENCIES,
  WALLET_ADDRESS_KEYS,
  DESTINATION_TAG_NETWORKS,
  currenciesOnNetwork,
  destinationCurrencyDecimals,
  isCurrencyOnNetwork,
  isKnownDestinationCurrency,
  isKnownDestinationNetwork,
  isKnownSourceCurrency,
  networkForWalletAddressKey,
  networksForCurrency,
  sourceCurrencyDecimals,
  walletAddressKeyFor,
  type KnownDestinationCurrency,
  type KnownDestinationNetwork,
  type KnownSourceCurrency,
  type WalletAddressKey,
} from './currencies.js';
export { isPlausibleWalletAddress, isPlausibleDestinationTag } from './wallet-address.js';
export {
  checkDecimalAmount,
  isPositiveDecimalAmount,
  significantDecimals,
  type DecimalAmountCheck,
  type DecimalAmountProblem,
} from './decimal-amount.js';
export { isIpAddress, isIpInRange, parseIpAddress } from './ip-address.js';
