/** Builds the CryptoOnrampSession object for validated create parameters, as the reference page shows it. */
import type { CreateOnrampSessionParams, CryptoOnrampSession, WalletAddresses } from '../shared/session.js';
import { DESTINATION_CURRENCIES, DESTINATION_NETWORKS } from '../shared/enums.js';
import { currenciesOnNetwork, isCurrencyOnNetwork, WALLET_ADDRESS_KEYS } from '../shared/currencies.js';
import { newClientSecret, newSessionHash, newSessionId } from './ids.js';
import { applyQuoteToDetails } from './quote.js';
import type { SessionRecord } from './session-record.js';

/** `wallet_addresses` as the API returns it: every network key present, null where unset. */
export function fullWalletAddresses(given: WalletAddresses): WalletAddresses {
  const out: Record<string, unknown> = {};
  for (const key of Object.values(WALLET_ADDRESS_KEYS).sort()) out[key] = given[key] ?? null;
  out.destination_tags = { stellar: given.destination_tags?.stellar ?? null };
  return out as WalletAddresses;
}

/** Unset lists default to everything supported, narrowed by the other list when it is set. */
function defaultCurrencies(networks: readonly string[] | undefined): string[] {
  if (!networks) return [...DESTINATION_CURRENCIES];
  return DESTINATION_CURRENCIES.filter((currency) => networks.some((network) => isCurrencyOnNetwork(currency, network)));
}

function defaultNetworks(currencies: readonly string[] | undefined): string[] {
  if (!currencies) return [...DESTINATION_NETWORKS];
  return DESTINATION_NETWORKS.filter((network) => currenciesOnNetwork(network).some((c) => currencies.includes(c)));
}

export interface SessionContext {
  nowSeconds: number;
  /** The emulator's public URL, for `redirect_url`. */
  baseUrl: string;
  apiVersion: string | null;
}

export function hostedPageUrl(baseUrl: string, sessionHash: string): string {
  return `${baseUrl}/hosted?session_hash=${encodeURIComponent(sessionHash)}`;
}

export function buildSessionRecord(params: CreateOnrampSessionParams, context: SessionContext): Omit<SessionRecord, 'seq'> {
  const id = newSessionId();
  const sessionHash = newSessionHash();
  // Either name for the customer's details (the guide's and the API reference's).
  const customer = params.customer_information ?? params.kyc_details;
  const session: CryptoOnrampSession = {
    id,
    object: 'crypto.onramp_session',
    client_secret: newClientSecret(id),
    created: context.nowSeconds,
    kyc_details_provided: customer !== undefined && Object.keys(customer).length > 0,
    livemode: false,
    metadata: { ...params.metadata },
    redirect_url: hostedPageUrl(context.baseUrl, sessionHash),
    status: 'initialized',
    transaction_details: {
      destination_amount: params.destination_amount ?? null,
      destination_currencies: params.destination_currencies ?? defaultCurrencies(params.destination_networks),
      destination_currency: params.destination_currency ?? null,
      destination_network: params.destination_network ?? null,
      destination_networks: params.destination_networks ?? defaultNetworks(params.destination_currencies),
      fees: null,
      lock_wallet_address: params.lock_wallet_address ?? false,
      // A private-preview field: present only when the caller used it, so the object otherwise
      // matches the public reference page key for key.
      ...(params.settlement_speed ? { settlement_speed: params.settlement_speed } : {}),
      source_amount: params.source_amount ?? null,
      source_currency: params.source_currency ?? null,
      transaction_id: null,
      wallet_address: null,
      wallet_addresses: params.wallet_addresses ? fullWalletAddresses(params.wallet_addresses) : null,
    },
  };
  // "When left null, a default value is computed": fill the other amount and the fees.
  applyQuoteToDetails(session.transaction_details);
  return {
    session,
    sessionHash,
    browserStatus: null,
    revision: 1,
    apiVersion: context.apiVersion,
    fulfillAt: null,
    ...(customer !== undefined ? { customerInformation: { ...customer } } : {}),
  };
}

/** The session as the API returns it now (its hosted URL follows the emulator's current address). */
export function presentSession(record: SessionRecord, baseUrl: string): CryptoOnrampSession {
  return { ...record.session, redirect_url: hostedPageUrl(baseUrl, record.sessionHash) };
}
