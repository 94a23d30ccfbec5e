/**
 * The CryptoOnrampSession object as Stripe's API returns it (reference page, every key present,
 * `null` where unset), the parameters that create one, and the session the browser SDK delivers.
 */
import type {
  DestinationCurrency,
  DestinationNetwork,
  OnrampSessionStatus,
  SourceCurrency,
} from './enums.js';

/** Per-network wallet addresses. The API names Base's key `base_network`. */
export interface WalletAddresses {
  avalanche?: string | null;
  base_network?: string | null;
  bitcoin?: string | null;
  celo?: string | null;
  ethereum?: string | null;
  optimism?: string | null;
  polygon?: string | null;
  solana?: string | null;
  stellar?: string | null;
  sui?: string | null;
  tempo?: string | null;
  worldchain?: string | null;
  destination_tags?: { stellar?: string | null } | null;
}

export interface OnrampTransactionDetails {
  destination_amount: string | null;
  destination_currencies: DestinationCurrency[] | null;
  destination_currency: DestinationCurrency | null;
  destination_network: DestinationNetwork | null;
  destination_networks: DestinationNetwork[] | null;
  fees: { network_fee_amount: string | null; transaction_fee_amount: string | null } | null;
  lock_wallet_address: boolean | null;
  settlement_speed?: 'instant' | 'standard' | null;
  source_amount: string | null;
  source_currency: SourceCurrency | null;
  transaction_id: string | null;
  wallet_address: string | null;
  wallet_addresses: WalletAddresses | null;
}

/** `crypto.onramp_session` as the HTTP API returns it. */
export interface CryptoOnrampSession {
  id: string;
  object: 'crypto.onramp_session';
  client_secret: string;
  created: number;
  kyc_details_provided: boolean;
  livemode: boolean;
  metadata: Record<string, string> | null;
  redirect_url: string | null;
  status: Exclude<OnrampSessionStatus, 'error'>;
  transaction_details: OnrampTransactionDetails;
}

/**
 * The customer as the site knows them, to pre-fill Stripe's forms: `customer_information` in
 * Stripe's current guide, `kyc_details` in the API reference (same shape; send one of them).
 * A date of birth needs all three parts.
 */
export interface CustomerInformation {
  email?: string;
  first_name?: string;
  last_name?: string;
  dob?: { day: number; month: number; year: number };
  address?: { country?: string; line1?: string; line2?: string; city?: string; state?: string; postal_code?: string };
}

/** Parameters of `POST /v1/crypto/onramp_sessions`, after validation. */
export interface CreateOnrampSessionParams {
  customer_information?: CustomerInformation;
  customer_ip_address?: string;
  destination_amount?: string;
  destination_currencies?: DestinationCurrency[];
  destination_currency?: DestinationCurrency;
  destination_network?: DestinationNetwork;
  destination_networks?: DestinationNetwork[];
  kyc_details?: Record<string, unknown>;
  lock_wallet_address?: boolean;
  metadata?: Record<string, string>;
  settlement_speed?: 'instant' | 'standard';
  source_amount?: string;
  source_currency?: SourceCurrency;
  wallet_addresses?: WalletAddresses;
  expand?: string[];
}

/** A `created` filter: an exact Unix time or a range. */
export type CreatedFilter = number | { gt?: number; gte?: number; lt?: number; lte?: number };

/** Parameters of `GET /v1/crypto/onramp_sessions`. */
export interface ListOnrampSessionsParams {
  created?: CreatedFilter;
  destination_currency?: DestinationCurrency;
  destination_network?: DestinationNetwork;
  status?: Exclude<OnrampSessionStatus, 'error'>;
  limit?: number;
  starting_after?: string;
  ending_before?: string;
}

export interface StripeList<T> {
  object: 'list';
  url: string;
  has_more: boolean;
  data: T[];
}

/**
 * The session as `@stripe/crypto` delivers it in `onramp_ui_loaded` / `onramp_session_updated`
 * payloads (`OnrampSessionResult`), which carries `client_secret`.
 */
export interface BrowserOnrampSession {
  id: string;
  object: string;
  livemode: boolean;
  client_secret?: string;
  status: OnrampSessionStatus;
  quote?: unknown;
  wallet_address?: string | null;
}

/** Stripe's error body: `{ error: { type, code, message, param } }`. */
export interface StripeErrorBody {
  error: {
    type: 'invalid_request_error' | 'api_error' | 'authentication_error' | 'rate_limit_error' | 'idempotency_error';
    code?: string;
    message: string;
    param?: string;
    doc_url?: string;
  };
}

/** What the site's minting endpoint answers the element. */
export interface MintResponse {
  client_secret: string;
  publishable_key?: string;
  redirect_url?: string;
}

/** Stripe's client-secret format; it lives with the other key formats. */
export { CLIENT_SECRET_PATTERN } from './key-formats.js';
