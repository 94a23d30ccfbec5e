/** Sample addresses per network: valid-looking, owned by nobody, used where the flow needs a default. */
import { DESTINATION_NETWORKS } from '../shared/enums.js';
import type { KnownDestinationNetwork } from '../shared/currencies.js';

const EVM = '0x4242424242424242424242424242424242424242';

export const TEST_WALLET_ADDRESSES: Readonly<Record<KnownDestinationNetwork, string>> = {
  avalanche: EVM,
  base: EVM,
  bitcoin: 'tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx',
  celo: EVM,
  ethereum: EVM,
  optimism: EVM,
  polygon: EVM,
  solana: '4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4T',
  stellar: 'GAAZI4TCR3TY5OJHCTJC2A4QSY6CJWJH5IAJTGKIN2ER7LBNVKOCCWN7',
  sui: `0x${'42'.repeat(32)}`,
  tempo: EVM,
  worldchain: EVM,
};

export function testWalletAddress(network: string): string | null {
  return (DESTINATION_NETWORKS as readonly string[]).includes(network)
    ? TEST_WALLET_ADDRESSES[network as KnownDestinationNetwork]
    : null;
}
