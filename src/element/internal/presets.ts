/**
 * Turns the element's preset attributes into the minting request's JSON body, under the API's
 * own snake_case names, holding only the presets that are set. Whatever a page or a framework put
 * in a preset (a removed attribute's `null`, a number, a string where a list belongs) is read the
 * forgiving way or left out; it never throws a JavaScript error.
 */
import { isRecord } from '../../shared/is-record.js';
import { walletAddressKeyFor } from '../../shared/wallet-address-keys.js';
import { elementError } from './element-error.js';

export interface OnrampPresets {
  destinationCurrency?: string | null | undefined;
  destinationNetwork?: string | null | undefined;
  sourceCurrency?: string | null | undefined;
  sourceAmount?: string | null | undefined;
  destinationAmount?: string | null | undefined;
  walletAddress?: string | null | undefined;
  lockWalletAddress?: boolean | null | undefined;
  destinationCurrencies?: string[] | null | undefined;
  destinationNetworks?: string[] | null | undefined;
}

/**
 * `"eth  usdc"`, `"eth,usdc"` or `['eth', 'usdc']` → `['eth', 'usdc']`; an empty list, or anything
 * else, is no list. Commas too, because that is how Svelte's server and Vue write an array bound to
 * an attribute (`String(array)`); no currency or network name holds one.
 */
export function parseList(value: unknown): string[] | undefined {
  const items = (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/[\s,]+/) : []).filter(Boolean);
  return items.length > 0 ? items : undefined;
}

/** A string or number preset, trimmed; blank, removed (`null`) or anything else is unset. */
const text = (value: unknown): string | undefined =>
  (typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '') || undefined;

export function presetsToBody(presets: OnrampPresets, sessionParams: unknown): Record<string, unknown> {
  if (sessionParams != null && !isRecord(sessionParams)) {
    throw elementError('missing_configuration', 'sessionParams', { param: 'sessionParams' });
  }
  const body: Record<string, unknown> = {
    destination_currency: text(presets.destinationCurrency),
    destination_network: text(presets.destinationNetwork),
    source_currency: text(presets.sourceCurrency),
    source_amount: text(presets.sourceAmount),
    destination_amount: text(presets.destinationAmount),
    destination_currencies: parseList(presets.destinationCurrencies),
    destination_networks: parseList(presets.destinationNetworks),
  };
  const walletAddress = text(presets.walletAddress);
  if (walletAddress) {
    // `wallet-address` applies to `destination-network`; with a single allowed network, to that one.
    const networks = body['destination_networks'] as string[] | undefined;
    const network = (body['destination_network'] as string | undefined) ?? (networks?.length === 1 ? networks[0] : undefined);
    if (!network) {
      throw elementError('missing_configuration', 'walletNetwork', { param: 'wallet_addresses' });
    }
    // The API's key for the network (Base's is `base_network`); a network the rules do not know yet
    // keeps its own name, and the endpoint decides.
    body['wallet_addresses'] = { [walletAddressKeyFor(network) ?? network]: walletAddress };
  }
  if (presets.lockWalletAddress) body['lock_wallet_address'] = true;
  // JSON leaves out the presets that are unset (`undefined`).
  return { ...body, ...sessionParams };
}
