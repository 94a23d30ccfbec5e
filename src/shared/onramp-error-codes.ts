/** The documented `crypto_onramp_…` error codes of `POST /v1/crypto/onramp_sessions`. */
export const ONRAMP_ERROR_CODES = {
  disabled: 'crypto_onramp_disabled',
  unsupportedCountry: 'crypto_onramp_unsupported_country',
  unsupportableCustomer: 'crypto_onramp_unsupportable_customer',
  invalidSourceDestinationPair: 'crypto_onramp_invalid_source_destination_pair',
  incompleteDestinationPair: 'crypto_onramp_incomplete_destination_currency_and_network_pair',
  invalidDestinationPair: 'crypto_onramp_invalid_destination_currency_and_network_pair',
  missingSourceCurrency: 'crypto_onramp_missing_source_currency',
  invalidSourceAmount: 'crypto_onramp_invalid_source_amount',
  missingDestinationCurrency: 'crypto_onramp_missing_destination_currency',
  invalidDestinationAmount: 'crypto_onramp_invalid_destination_amount',
  invalidCurrenciesAndNetworks: 'crypto_onramp_invalid_destination_currencies_and_networks',
  conflictingDestinationCurrency: 'crypto_onramp_conflicting_destination_currency',
  conflictingDestinationNetwork: 'crypto_onramp_conflicting_destination_network',
  walletAddressesNotAllNetworksSupported: 'crypto_onramp_wallet_addresses_not_all_networks_supported',
  noWalletAddressToLock: 'crypto_onramp_no_wallet_address_to_lock',
  merchantNotProperlySetup: 'crypto_onramp_merchant_not_properly_setup',
} as const;

export type OnrampErrorCode = (typeof ONRAMP_ERROR_CODES)[keyof typeof ONRAMP_ERROR_CODES];
