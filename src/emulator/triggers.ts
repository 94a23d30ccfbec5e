/**
 * Documented test triggers: values that make the emulator answer the way Stripe answers in
 * situations a test cannot otherwise reach. They use reserved documentation address ranges
 * (RFC 5737, RFC 3849) and well-known test values, so no real customer data ever triggers one.
 */
import { isIpInRange } from '../shared/ip-address.js';
import { ONRAMP_ERROR_CODES as E } from '../shared/onramp-error-codes.js';
import type { CreateOnrampSessionParams } from '../shared/session.js';
import type { StripeError } from './responses.js';

export const TEST_TRIGGERS = {
  /** `customer_ip_address` here → 400 `crypto_onramp_unsupported_country` (TEST-NET-3, and IPv6's documentation prefix). */
  unsupportedCountryRanges: ['203.0.113.0/24', '2001:db8::/32'],
  /** `customer_ip_address` here → 400 `crypto_onramp_unsupportable_customer` (TEST-NET-2). */
  unsupportableCustomerRanges: ['198.51.100.0/24'],
  /** `customer_ip_address` here → 400 `crypto_onramp_disabled`, `type: api_error` (TEST-NET-1). */
  onrampDisabledRanges: ['192.0.2.0/24'],
  /** `customer_ip_address` here → 400 `crypto_onramp_merchant_not_properly_setup` (IPv6 documentation prefix of RFC 9637). */
  merchantNotSetUpRanges: ['3fff::/20'],
  /** Confirming this wallet address in the purchase flow → session `rejected` (the EVM burn address). */
  rejectedWalletAddress: '0x000000000000000000000000000000000000dEaD',
  /** Paying with this card in the flow → declined; the session stays `requires_payment`. */
  declinedCardNumber: '4000000000000002',
} as const;

export interface TriggeredError {
  status: number;
  error: StripeError;
}

/**
 * The create-request triggers in the order they are checked: the ranges of `customer_ip_address`
 * and the error each answers (all 400s, as Stripe's; `param` only where Stripe names one).
 */
const IP_TRIGGERS: readonly { ranges: readonly string[]; error: StripeError }[] = [
  {
    ranges: TEST_TRIGGERS.unsupportedCountryRanges,
    error: {
      type: 'invalid_request_error',
      code: E.unsupportedCountry,
      message: 'The crypto onramp is not available in the region of customer_ip_address.',
      param: 'customer_ip_address',
    },
  },
  {
    ranges: TEST_TRIGGERS.unsupportableCustomerRanges,
    error: {
      type: 'invalid_request_error',
      code: E.unsupportableCustomer,
      message: 'This customer cannot be onboarded to the crypto onramp.',
      param: 'customer_ip_address',
    },
  },
  {
    ranges: TEST_TRIGGERS.merchantNotSetUpRanges,
    error: {
      type: 'invalid_request_error',
      code: E.merchantNotProperlySetup,
      message: 'Your business name or URL is missing in the Dashboard; complete your account details before creating onramp sessions.',
    },
  },
  {
    ranges: TEST_TRIGGERS.onrampDisabledRanges,
    error: { type: 'api_error', code: E.disabled, message: 'Crypto onramp session creation is temporarily disabled. Please try again later.' },
  },
];

/** The error a create request triggers, if any. */
export function createRequestTrigger(params: CreateOnrampSessionParams): TriggeredError | null {
  const ip = params.customer_ip_address;
  if (ip === undefined) return null;
  const trigger = IP_TRIGGERS.find(({ ranges }) => ranges.some((range) => isIpInRange(ip, range)));
  return trigger ? { status: 400, error: { ...trigger.error } } : null;
}

export function isRejectedWalletAddress(address: string): boolean {
  return address.toLowerCase() === TEST_TRIGGERS.rejectedWalletAddress.toLowerCase();
}
