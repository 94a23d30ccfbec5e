/**
 * The `wallet_addresses` key of each network, alone in its module: the element needs only this,
 * and its drop-in must not carry the currency tables (`currencies.ts` re-exports it).
 */
import type { KnownDestinationNetwork } from './enums.js';
import type { WalletAddresses } from './session.js';

export type WalletAddressKey = Exclude<keyof WalletAddresses, 'destination_tags'>;

/** The `wallet_addresses` key of each network: the network's name, except Base's `base_network`. */
export const WALLET_ADDRESS_KEYS: Readonly<Record<KnownDestinationNetwork, WalletAddressKey>> = {
  avalanche: 'avalanche',
  base: 'base_network',
  bitcoin: 'bitcoin',
  celo: 'celo',
  ethereum: 'ethereum',
  optimism: 'optimism',
  polygon: 'polygon',
  solana: 'solana',
  stellar: 'stellar',
  sui: 'sui',
  tempo: 'tempo',
  worldchain: 'worldchain',
};

/** The `wallet_addresses` key for a network (`base` → `base_network`). */
export function walletAddressKeyFor(network: string): WalletAddressKey | undefined {
  return Object.prototype.hasOwnProperty.call(WALLET_ADDRESS_KEYS, network) ? WALLET_ADDRESS_KEYS[network as KnownDestinationNetwork] : undefined;
}
