/**
 * Types shared by the emulator (Node) and the code it serializes into the browser. Type-only at
 * the browser end: the serialized functions cannot import runtime values, so constants travel in
 * their config argument instead.
 */
import type { SessionQuote } from '../quote.js';

export type Theme = 'light' | 'dark';

/** The browser session of `@stripe/crypto` (`OnrampSessionResult`), less the client secret. */
export interface BrowserSessionPayload {
  id: string;
  object: 'crypto.onramp_session';
  livemode: boolean;
  status: string;
  quote: SessionQuote | null;
  wallet_address: string | null;
}

/** What the purchase page needs to render a session. */
export interface BrowserSessionView {
  revision: number;
  session_hash: string;
  session: BrowserSessionPayload;
  details: {
    source_amount: string | null;
    source_currency: string | null;
    destination_amount: string | null;
    destination_currency: string | null;
    destination_network: string | null;
    destination_currencies: string[];
    destination_networks: string[];
    lock_wallet_address: boolean;
    wallet_address: string | null;
    transaction_id: string | null;
  };
  options: {
    source_currencies: string[];
    /** For each of the session's networks, the session's currencies available on it. */
    network_currencies: Record<string, string[]>;
    /** The address the merchant suggested per network (from `wallet_addresses`). */
    suggested_wallets: Record<string, string | null>;
    currency_names: Record<string, string>;
    default_source_amount: string;
  };
  test_values: { card_number: string; declined_card_number: string; rejected_wallet_address: string };
}

/** A quote preview for the amounts being typed, before anything is saved. */
export interface QuotePreview {
  destination_amount: string;
  network_fee: string;
  transaction_fee: string;
  total_amount: string;
}

export type BrowserApiResponse = { view: BrowserSessionView } | { error: { message: string; field?: string } };
export type QuotePreviewResponse = { quote: QuotePreview } | { error: { message: string; field?: string } };

/** The session as Stripe's frame posts it to the page: the browser session with its `client_secret`. */
export type FrameSessionPayload = BrowserSessionPayload & { client_secret: string };

/** page → iframe (the stand-in's own message: how Stripe's frame learns a new theme is not observed). */
export type ParentToFrameMessage = { source: string; type: 'appearance'; theme: Theme };

/**
 * iframe → page, in Stripe's own shapes (as Stripe's script was observed to send them: docs/architecture.md). Like Stripe's, they
 * carry no tag and no session marker: the page's script can tell them apart only by origin.
 */
export type FrameToParentMessage =
  | { type: 'ONRAMP_READY'; session: FrameSessionPayload }
  | { type: 'ONRAMP_SESSION_UPDATE'; session: FrameSessionPayload }
  | { type: 'ONRAMP_ERROR'; error: { message: string } };

/** Tags the page → frame messages, so the frame ignores anyone else's. */
export const MESSAGE_SOURCE = 'crypto-onramp-emulator';
