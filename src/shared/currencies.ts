/**
 * What the API knows about currencies and networks: decimals, which currency exists on which
 * network, and the `wallet_addresses` key of each network. The emulator and the server kit's
 * policy read the same tables.
 *
 * The network/currency matrix is a reconstruction from Stripe's docs and onramp UI (Stripe does
 * not publish it as data); it is what the emulator enforces for
 * `crypto_onramp_invalid_destination_currency_and_network_pair`.
 */
import {
  DESTINATION_CURRENCIES,
  DESTINATION_NETWORKS,
  type KnownDestinationCurrency,
  type KnownDestinationNetwork,
  type KnownSourceCurrency,
} from './enums.js';
import { WALLET_ADDRESS_KEYS } from './wallet-address-keys.js';

export { WALLET_ADDRESS_KEYS, walletAddressKeyFor, type WalletAddressKey } from './wallet-address-keys.js';

// The known values' types live in enums.ts, beside their lists, the floor wallet-address-keys.ts
// also stands on; re-exported here, where the tables that use them are.
export type { KnownDestinationCurrency, KnownDestinationNetwork, KnownSourceCurrency };

/** Decimal places each crypto currency carries (the most `destination_amount` may have). */
export const DESTINATION_CURRENCY_DECIMALS: Readonly<Record<KnownDestinationCurrency, number>> = {
  avax: 18,
  btc: 8,
  eth: 18,
  matic: 18,
  sol: 9,
  usdc: 6,
  usdt: 6,
  wld: 18,
  xlm: 7,
};

/** Minor units of each fiat currency (`source_amount` takes no fractional minor units). */
export const SOURCE_CURRENCY_DECIMALS: Readonly<Record<KnownSourceCurrency, number>> = {
  eur: 2,
  gbp: 2,
  usd: 2,
};

/** The currencies available on each network. */
export const NETWORK_CURRENCIES: Readonly<Record<KnownDestinationNetwork, readonly KnownDestinationCurrency[]>> = {
  avalanche: ['avax', 'usdc'],
  base: ['eth', 'usdc'],
  bitcoin: ['btc'],
  celo: ['usdc', 'usdt'],
  ethereum: ['eth', 'usdc', 'usdt'],
  optimism: ['eth', 'usdc'],
  polygon: ['matic', 'usdc', 'usdt'],
  solana: ['sol', 'usdc', 'usdt'],
  stellar: ['xlm', 'usdc'],
  sui: ['usdc'],
  tempo: ['usdc'],
  worldchain: ['eth', 'usdc', 'wld'],
};

/** Networks whose addresses may carry a destination tag (memo) under `wallet_addresses[destination_tags]`. */
export const DESTINATION_TAG_NETWORKS = ['stellar'] as const;

function has<K extends string>(record: Readonly<Record<K, unknown>>, key: string): key is K {
  return Object.prototype.hasOwnProperty.call(record, key);
}

export function isKnownDestinationCurrency(value: string): value is KnownDestinationCurrency {
  return has(DESTINATION_CURRENCY_DECIMALS, value);
}

export function isKnownDestinationNetwork(value: string): value is KnownDestinationNetwork {
  return has(NETWORK_CURRENCIES, value);
}

export function isKnownSourceCurrency(value: string): value is KnownSourceCurrency {
  return has(SOURCE_CURRENCY_DECIMALS, value);
}

/** Decimals of a crypto currency, or `undefined` for one this table does not know. */
export function destinationCurrencyDecimals(currency: string): number | undefined {
  return isKnownDestinationCurrency(currency) ? DESTINATION_CURRENCY_DECIMALS[currency] : undefined;
}

/** Minor units of a fiat currency, or `undefined` for one this table does not know. */
export function sourceCurrencyDecimals(currency: string): number | undefined {
  return isKnownSourceCurrency(currency) ? SOURCE_CURRENCY_DECIMALS[currency] : undefined;
}

export function currenciesOnNetwork(network: string): readonly KnownDestinationCurrency[] {
  return isKnownDestinationNetwork(network) ? NETWORK_CURRENCIES[network] : [];
}

export function networksForCurrency(currency: string): KnownDestinationNetwork[] {
  return DESTINATION_NETWORKS.filter((network) => NETWORK_CURRENCIES[network].some((c) => c === currency));
}

/**
 * Whether some currency of `currencies` is available on some network of `networks`, in
 * O(currencies + networks): the networks the currencies reach are gathered once, then each network
 * is looked up. A value these tables do not know (an open enum) may be available anywhere, so it
 * makes the answer `true`, as Stripe then decides.
 */
export function someCurrencyOnSomeNetwork(currencies: readonly string[], networks: readonly string[]): boolean {
  if (currencies.length === 0 || networks.length === 0) return false;
  const reached = new Set<string>();
  for (const currency of currencies) {
    if (!isKnownDestinationCurrency(currency)) return true;
    for (const network of networksReachedBy(currency)) reached.add(network);
  }
  return networks.some((network) => !isKnownDestinationNetwork(network) || reached.has(network));
}

/**
 * The inverse of NETWORK_CURRENCIES: the networks each currency is available on. Built on first
 * use, so a bundle that only needs `walletAddressKeyFor` (the element) does not carry the work.
 */
let currencyNetworks: Map<string, readonly KnownDestinationNetwork[]> | undefined;
function networksReachedBy(currency: KnownDestinationCurrency): readonly KnownDestinationNetwork[] {
  currencyNetworks ??= new Map(DESTINATION_CURRENCIES.map((known) => [known, networksForCurrency(known)]));
  return currencyNetworks.get(currency) ?? [];
}

export function isCurrencyOnNetwork(currency: string, network: string): boolean {
  return currenciesOnNetwork(network).some((c) => c === currency);
}

/** The network a `wallet_addresses` key belongs to (`base_network` → `base`). */
export function networkForWalletAddressKey(key: string): KnownDestinationNetwork | undefined {
  return DESTINATION_NETWORKS.find((network) => WALLET_ADDRESS_KEYS[network] === key);
}
