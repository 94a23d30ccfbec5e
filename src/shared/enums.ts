/**
 * The enums of Stripe's CryptoOnrampSession, from the reference extract
 * (`shared/reference/onramp-openapi-extract.json`). Stripe treats these as open enums and adds
 * currencies and networks over time, so the types accept any string beside the known values
 * (`KnownOr<T>`), while validation checks against the lists below.
 */

/** A known literal, or any other string (keeps editor completion for the known ones). */
export type KnownOr<T extends string> = T | (string & {});

export const DESTINATION_CURRENCIES = [
  'avax', 'btc', 'eth', 'matic', 'sol', 'usdc', 'usdt', 'wld', 'xlm',
] as const;
export type DestinationCurrency = KnownOr<(typeof DESTINATION_CURRENCIES)[number]>;

export const DESTINATION_NETWORKS = [
  'avalanche', 'base', 'bitcoin', 'celo', 'ethereum', 'optimism', 'polygon', 'solana', 'stellar',
  'sui', 'tempo', 'worldchain',
] as const;
export type DestinationNetwork = KnownOr<(typeof DESTINATION_NETWORKS)[number]>;

export const SOURCE_CURRENCIES = ['eur', 'gbp', 'usd'] as const;
export type SourceCurrency = KnownOr<(typeof SOURCE_CURRENCIES)[number]>;

export const SESSION_STATUSES = [
  'initialized', 'rejected', 'requires_payment', 'fulfillment_processing', 'fulfillment_complete',
] as const;
/** `error` appears only on the browser-side session (`@stripe/crypto`), never from the API. */
export type OnrampSessionStatus = KnownOr<(typeof SESSION_STATUSES)[number] | 'error'>;

export const SETTLEMENT_SPEEDS = ['instant', 'standard'] as const;
