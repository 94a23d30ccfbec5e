/**
 * Plausibility of a wallet address for a network: the right alphabet, prefix and length. Not a
 * checksum verification (Stripe does the real one); enough to catch an address pasted for the
 * wrong network or a typo'd length before a session is minted.
 */

const EVM_ADDRESS = /^0x[0-9a-fA-F]{40}$/;
/** Legacy (P2PKH/P2SH) addresses, mainnet `1`/`3` and testnet `m`/`n`/`2`, in base58 (literals, so the ReDoS test reads them). */
const BITCOIN_BASE58 = /^[13mn2][1-9A-HJ-NP-Za-km-z]{25,34}$/;
/** SegWit/Taproot bech32(m) addresses, mainnet `bc1`, testnet `tb1`, regtest `bcrt1`, one case only. */
const BITCOIN_BECH32 = /^(bc1|tb1|bcrt1)[ac-hj-np-z02-9]{8,87}$/;
const SOLANA_ADDRESS = /^[1-9A-HJ-NP-Za-km-z]{32,44}$/;
/** Stellar account (G…) and muxed account (M…) strkeys, base32. */
const STELLAR_ADDRESS = /^(G[A-Z2-7]{55}|M[A-Z2-7]{68})$/;
const SUI_ADDRESS = /^0x[0-9a-fA-F]{64}$/;

function isBitcoinAddress(address: string): boolean {
  if (BITCOIN_BASE58.test(address)) return true;
  const lower = address.toLowerCase();
  // bech32 forbids mixed case; an all-uppercase address is valid (QR codes use it).
  return (address === lower || address === address.toUpperCase()) && BITCOIN_BECH32.test(lower);
}

const CHECKS: Readonly<Record<string, (address: string) => boolean>> = {
  avalanche: (a) => EVM_ADDRESS.test(a),
  base: (a) => EVM_ADDRESS.test(a),
  bitcoin: isBitcoinAddress,
  celo: (a) => EVM_ADDRESS.test(a),
  ethereum: (a) => EVM_ADDRESS.test(a),
  optimism: (a) => EVM_ADDRESS.test(a),
  polygon: (a) => EVM_ADDRESS.test(a),
  solana: (a) => SOLANA_ADDRESS.test(a),
  stellar: (a) => STELLAR_ADDRESS.test(a),
  sui: (a) => SUI_ADDRESS.test(a),
  tempo: (a) => EVM_ADDRESS.test(a),
  worldchain: (a) => EVM_ADDRESS.test(a),
};

/**
 * Whether `address` looks like an address on `network` (the network's API name: `base`, not
 * `base_network`). False for a network this module does not know.
 */
export function isPlausibleWalletAddress(network: string, address: string): boolean {
  if (typeof address !== 'string' || address.length > 128) return false;
  const check = Object.prototype.hasOwnProperty.call(CHECKS, network) ? CHECKS[network] : undefined;
  return check ? check(address) : false;
}

/** A Stellar memo: text up to 28 bytes or a 64-bit id. */
export function isPlausibleDestinationTag(tag: string): boolean {
  if (/^\d{1,20}$/.test(tag)) return BigInt(tag) <= 0xffffffffffffffffn;
  return tag.length > 0 && new TextEncoder().encode(tag).length <= 28;
}
