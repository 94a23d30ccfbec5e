/**
 * The enums of Stripe's CryptoOnrampSession, from the reference extract
 * (`shared/reference/onramp-openapi-extract.json`). Stripe treats these as open enums and adds
 * currencies and networks over time, so the types accept any string beside the known values
 * (`KnownOr<T>`), while validation checks against the lists below. The known values alone are the
 * `Known…` types.
 */

/** A known literal, or any other string (keeps editor completion for the known ones). */
export type KnownOr<T extends string> = T | (string & {});

export const DESTINATION_CURRENCIES = [
  'avax', 'btc', 'eth', 'matic', 'sol', 'usdc', 'usdt', 'wld', 'xlm',
] as const;
/** A destination currency the lists name (the open enum's known values). */
export type KnownDestinationCurrency = (typeof DESTINATION_CURRENCIES)[number];
export type DestinationCurrency = KnownOr<KnownDestinationCurrency>;

export const DESTINATION_NETWORKS = [
  'avalanche', 'base', 'bitcoin', 'celo', 'ethereum', 'optimism', 'polygon', 'solana', 'stellar',
  'sui', 'tempo', 'worldchain',
] as const;
export type KnownDestinationNetwork = (typeof DESTINATION_NETWORKS)[number];
export type DestinationNetwork = KnownOr<KnownDestinationNetwork>;

export const SOURCE_CURRENCIES = ['eur', 'gbp', 'usd'] as const;
export type KnownSourceCurrency = (typeof SOURCE_CURRENCIES)[number];
export type SourceCurrency = KnownOr<KnownSourceCurrency>;

export const SESSION_STATUSES = [
  'initialized', 'rejected', 'requires_payment', 'fulfillment_processing', 'fulfillment_complete',
] as const;
/** `error` appears only on the browser-side session (`@stripe/crypto`), never from the API. */
export type OnrampSessionStatus = KnownOr<(typeof SESSION_STATUSES)[number] | 'error'>;

export const SETTLEMENT_SPEEDS = ['instant', 'standard'] as const;
