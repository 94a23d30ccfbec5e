/**
 * Verifying Stripe's onramp webhooks, so a site confirms a purchase on its server rather than
 * trusting a DOM event (anyone can dispatch `crypto-onramp-status-change` in their own browser).
 */
import type Stripe from 'stripe';
import { isRecord } from '../shared/is-record.js';
import { WEBHOOK_SECRET_PATTERN } from '../shared/key-formats.js';
import type { CryptoOnrampSession } from '../shared/session.js';
import { parseSignatureHeader } from '../shared/stripe-signature-header.js';
import { retrieveOnrampSession, type OnrampRequestOptions, type StripeRawRequester } from './client.js';

/** Stripe's documented type, and the dotted spelling some integrations use. */
export const ONRAMP_SESSION_UPDATED_EVENT_TYPES = [
  'crypto.onramp_session_updated',
  'crypto.onramp_session.updated',
] as const;

export type OnrampSessionUpdatedEventType = (typeof ONRAMP_SESSION_UPDATED_EVENT_TYPES)[number];

export interface OnrampSessionUpdatedEvent {
  id: string;
  object: 'event';
  type: OnrampSessionUpdatedEventType;
  created: number;
  livemode: boolean;
  api_version?: string | null;
  data: { object: CryptoOnrampSession; previous_attributes?: Partial<CryptoOnrampSession> };
  [key: string]: unknown;
}

export type OnrampWebhookResult =
  /** A genuine, signed onramp session update. */
  | { kind: 'onramp_session_updated'; event: OnrampSessionUpdatedEvent; session: CryptoOnrampSession }
  /** A genuine, signed event of another type (answer 2xx so Stripe stops resending it). */
  | { kind: 'ignored'; eventId: string; eventType: string }
  /** Not from Stripe (bad or stale signature, wrong secret) or not a readable event: answer 400. */
  | { kind: 'invalid'; reason: 'signature' | 'payload'; message: string };

export interface VerifyOnrampWebhookOptions {
  /** Largest accepted age of the signature, in seconds. Default: the SDK's (300). */
  toleranceSeconds?: number;
  /**
   * How far in the future a signature's timestamp may be, in seconds (clocks differ a little).
   * Default 60. The SDK checks only the past: a payload signed with a timestamp a year ahead
   * would stay replayable for that year.
   */
  maxClockSkewSeconds?: number;
  /** The clock, in ms since the epoch (tests). Default `Date.now`. */
  now?: () => number;
}

/** The SDK's default tolerance, and the default allowance for a sender's clock running ahead. */
export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 300;
export const DEFAULT_WEBHOOK_CLOCK_SKEW_SECONDS = 60;

const SIGNATURE_HEADER_MESSAGES = {
  no_timestamp: 'The Stripe-Signature header has no timestamp (t=).',
  repeated_timestamp: 'The Stripe-Signature header carries t= more than once.',
  malformed_timestamp: 'The Stripe-Signature header\'s timestamp (t=) is not a number of seconds.',
  no_signature: 'The Stripe-Signature header has no v1 signature.',
} as const;

/** What verification needs from a `Stripe` instance. */
export type StripeWebhookVerifier = Pick<Stripe, 'webhooks'>;

/**
 * Checks the `Stripe-Signature` header over the raw body (the exact bytes received: a body that was
 * parsed and re-serialized no longer matches) and reads the event. Never throws for bad input.
 */
export async function verifyOnrampWebhook(
  stripe: StripeWebhookVerifier,
  rawBody: string | Uint8Array,
  signatureHeader: string | null | undefined,
  secret: string,
  options: VerifyOnrampWebhookOptions = {},
): Promise<OnrampWebhookResult> {
  if (typeof secret !== 'string' || !WEBHOOK_SECRET_PATTERN.test(secret)) {
    // A configuration mistake, not bad input: fail loudly rather than reject every event.
    throw new TypeError('verifyOnrampWebhook: the signing secret must be a webhook secret (whsec_…)');
  }
  if (!signatureHeader) return { kind: 'invalid', reason: 'signature', message: 'The Stripe-Signature header is missing.' };
  // One reading of the header for the freshness checks here and the SDK's own (see the module).
  const header = parseSignatureHeader(signatureHeader);
  if (!header.ok) {
    return { kind: 'invalid', reason: 'signature', message: SIGNATURE_HEADER_MESSAGES[header.reason] };
  }
  const nowMs = (options.now ?? Date.now)();
  const skew = options.maxClockSkewSeconds ?? DEFAULT_WEBHOOK_CLOCK_SKEW_SECONDS;
  if (header.timestamp * 1000 > nowMs + skew * 1000) {
    return { kind: 'invalid', reason: 'signature', message: 'The webhook signature\'s timestamp is in the future (check the sender\'s clock).' };
  }
  let event: unknown;
  try {
    // The async variant works in every runtime (Workers and Deno have only SubtleCrypto). The
    // SDK's `receivedAt` is in milliseconds, like Date.now().
    event = await stripe.webhooks.constructEventAsync(rawBody, signatureHeader, secret, options.toleranceSeconds, undefined, nowMs);
  } catch (error) {
    const isSignatureError = (error as { type?: unknown } | null)?.type === 'StripeSignatureVerificationError';
    return isSignatureError
      ? { kind: 'invalid', reason: 'signature', message: 'The webhook signature does not match (wrong secret, altered or stale payload).' }
      : { kind: 'invalid', reason: 'payload', message: 'The webhook payload is not a JSON event.' };
  }
  if (!isRecord(event) || typeof event['type'] !== 'string' || typeof event['id'] !== 'string') {
    return { kind: 'invalid', reason: 'payload', message: 'The webhook payload is not a Stripe event.' };
  }
  if (!(ONRAMP_SESSION_UPDATED_EVENT_TYPES as readonly string[]).includes(event['type'])) {
    return { kind: 'ignored', eventId: event['id'], eventType: event['type'] };
  }
  const data = event['data'];
  const session = isRecord(data) ? data['object'] : undefined;
  if (!isOnrampSession(session)) {
    return { kind: 'invalid', reason: 'payload', message: 'The event does not carry an onramp session.' };
  }
  return { kind: 'onramp_session_updated', event: event as unknown as OnrampSessionUpdatedEvent, session };
}

/** Whether the crypto has been delivered: the only status on which a purchase is done. */
export function isOnrampComplete(session: Pick<CryptoOnrampSession, 'status'>): boolean {
  return session.status === 'fulfillment_complete';
}

/**
 * Asks Stripe, rather than trusting what a browser reported, whether a session's purchase is
 * complete. Use it when the page says "done" and no webhook has arrived yet.
 */
export async function checkOnrampComplete(
  stripe: StripeRawRequester,
  sessionId: string,
  options?: OnrampRequestOptions,
): Promise<{ complete: boolean; session: CryptoOnrampSession }> {
  const session = await retrieveOnrampSession(stripe, sessionId, options);
  return { complete: isOnrampComplete(session), session };
}

function isOnrampSession(value: unknown): value is CryptoOnrampSession {
  return (
    isRecord(value) &&
    value['object'] === 'crypto.onramp_session' &&
    typeof value['id'] === 'string' &&
    typeof value['status'] === 'string'
  );
}
