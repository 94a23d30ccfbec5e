/**
 * Turns the element's preset attributes into the minting request's JSON body, under the API's
 * own snake_case names, holding only the presets that are set.
 */
import { walletAddressKeyFor } from '../shared/currencies.js';
import { CryptoOnrampError } from './errors.js';

export interface OnrampPresets {
  destinationCurrency?: string | undefined;
  destinationNetwork?: string | undefined;
  sourceCurrency?: string | undefined;
  sourceAmount?: string | undefined;
  destinationAmount?: string | undefined;
  walletAddress?: string | undefined;
  lockWalletAddress?: boolean | undefined;
  destinationCurrencies?: string[] | undefined;
  destinationNetworks?: string[] | undefined;
}


/** `"eth  usdc"` → `['eth', 'usdc']`; an empty or blank list is no list. */
export function parseList(value: string | null | undefined): string[] | undefined {
  const items = (value ?? '').split(/\s+/).filter(Boolean);
  return items.length > 0 ? items : undefined;
}

const nonEmpty = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

export function presetsToBody(
  presets: OnrampPresets,
  sessionParams: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (nonEmpty(presets.destinationCurrency)) body['destination_currency'] = presets.destinationCurrency.trim();
  if (nonEmpty(presets.destinationNetwork)) body['destination_network'] = presets.destinationNetwork.trim();
  if (nonEmpty(presets.sourceCurrency)) body['source_currency'] = presets.sourceCurrency.trim();
  if (nonEmpty(presets.sourceAmount)) body['source_amount'] = presets.sourceAmount.trim();
  if (nonEmpty(presets.destinationAmount)) body['destination_amount'] = presets.destinationAmount.trim();
  if (presets.destinationCurrencies?.length) body['destination_currencies'] = [...presets.destinationCurrencies];
  if (presets.destinationNetworks?.length) body['destination_networks'] = [...presets.destinationNetworks];
  if (nonEmpty(presets.walletAddress)) {
    // `wallet-address` applies to `destination-network`; with a single allowed network, to that one.
    const network = body['destination_network'] ?? (presets.destinationNetworks?.length === 1 ? presets.destinationNetworks[0] : undefined);
    if (typeof network !== 'string') {
      throw new CryptoOnrampError(
        'missing_configuration',
        'wallet-address needs destination-network (or a single destination-networks value) to say which network it is for.',
        { param: 'wallet_addresses' },
      );
    }
    // The API's key for the network (Base's is `base_network`); a network the rules do not know yet
    // keeps its own name, and the endpoint decides.
    body['wallet_addresses'] = { [walletAddressKeyFor(network) ?? network]: presets.walletAddress.trim() };
  }
  if (presets.lockWalletAddress) body['lock_wallet_address'] = true;
  return sessionParams ? { ...body, ...sessionParams } : body;
}
