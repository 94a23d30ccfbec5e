/**
 * How a session moves: the purchase flow's steps (choose a quote, confirm the wallet, pay), the
 * emulated fulfillment that follows payment, and the test controls' direct status changes.
 * Every change goes through the store, so the API, webhooks and browsers all see it.
 */
import { randomBase62, randomHex } from './ids.js';
import type { SessionStore } from './store.js';
import type { ApiStatus, SessionRecord } from './session-record.js';
import { applyQuoteToDetails, DEFAULT_SOURCE_AMOUNT } from './quote.js';
import { isRejectedWalletAddress, TEST_TRIGGERS } from './triggers.js';
import { testWalletAddress } from './test-wallets.js';
import { SESSION_STATUSES, SOURCE_CURRENCIES } from '../shared/enums.js';
import { isCurrencyOnNetwork, sourceCurrencyDecimals, walletAddressKeyFor } from '../shared/currencies.js';
import { checkDecimalAmount } from '../shared/decimal-amount.js';
import { isPlausibleWalletAddress } from '../shared/wallet-address.js';

export type FlowResult = { ok: true } | { ok: false; message: string; field?: string };

export const SETTABLE_STATUSES = [...SESSION_STATUSES, 'error'] as const;
export type SettableStatus = (typeof SETTABLE_STATUSES)[number];

/** Fiat amounts the emulated flow accepts, like a real onramp's per-transaction limits. */
export const PURCHASE_LIMITS = { min: '1.00', max: '20000.00' } as const;

const failed = (message: string, field?: string): FlowResult => ({ ok: false, message, ...(field ? { field } : {}) });

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** A transaction hash in the network's own format. */
function fakeTransactionId(network: string | null): string {
  if (network === 'solana') return randomBase62(88).replace(/[0OIl]/g, '1');
  if (network === 'bitcoin' || network === 'stellar') return randomHex(32);
  return `0x${randomHex(32)}`;
}

export interface FlowOptions {
  nowMs: () => number;
  fulfillmentDelayMs: number;
}

export class SessionFlow {
  #store: SessionStore;
  #options: FlowOptions;
  #timers = new Map<string, NodeJS.Timeout>();

  constructor(store: SessionStore, options: FlowOptions) {
    this.#store = store;
    this.#options = options;
  }

  set fulfillmentDelayMs(ms: number) {
    this.#options.fulfillmentDelayMs = ms;
  }

  /** Step 1: the customer picks what to buy and for how much. Changes details, not the status. */
  selectQuote(record: SessionRecord, input: { sourceAmount: unknown; sourceCurrency: unknown; destinationCurrency: unknown; destinationNetwork: unknown }): FlowResult {
    if (record.session.status !== 'initialized' || record.browserStatus) return failed('This purchase can no longer be changed.');
    const details = record.session.transaction_details;
    const { sourceAmount, sourceCurrency, destinationCurrency, destinationNetwork } = input;
    if (typeof sourceCurrency !== 'string' || !(SOURCE_CURRENCIES as readonly string[]).includes(sourceCurrency)) {
      return failed('Choose a currency to pay with.', 'source_currency');
    }
    if (typeof destinationCurrency !== 'string' || !(details.destination_currencies ?? []).includes(destinationCurrency)) {
      return failed('Choose a cryptocurrency this purchase offers.', 'destination_currency');
    }
    if (typeof destinationNetwork !== 'string' || !(details.destination_networks ?? []).includes(destinationNetwork)) {
      return failed('Choose a network this purchase offers.', 'destination_network');
    }
    if (!isCurrencyOnNetwork(destinationCurrency, destinationNetwork)) {
      return failed(`${destinationCurrency.toUpperCase()} is not available on ${destinationNetwork}.`, 'destination_network');
    }
    const amount = this.previewCheck(sourceAmount, sourceCurrency);
    if (!amount.ok || typeof sourceAmount !== 'string') return amount;
    this.#store.update(record, (r) => {
      const d = r.session.transaction_details;
      d.source_currency = sourceCurrency;
      d.source_amount = sourceAmount;
      d.destination_currency = destinationCurrency;
      d.destination_network = destinationNetwork;
      d.destination_amount = null;
      applyQuoteToDetails(d);
    });
    return { ok: true };
  }

  /** Whether a fiat amount is one the flow accepts (also used for quote previews). */
  previewCheck(sourceAmount: unknown, sourceCurrency: string): FlowResult {
    if (!(SOURCE_CURRENCIES as readonly string[]).includes(sourceCurrency)) return failed('Choose a currency to pay with.', 'source_currency');
    const decimals = sourceCurrencyDecimals(sourceCurrency) ?? 2;
    if (typeof sourceAmount !== 'string' || !checkDecimalAmount(sourceAmount, decimals).ok) {
      return failed(`Enter an amount such as 100 or 100.50 (at most ${decimals} decimal places).`, 'source_amount');
    }
    const value = Number(sourceAmount);
    if (value < Number(PURCHASE_LIMITS.min) || value > Number(PURCHASE_LIMITS.max)) {
      return failed(`Enter an amount between ${PURCHASE_LIMITS.min} and ${PURCHASE_LIMITS.max}.`, 'source_amount');
    }
    return { ok: true };
  }

  /** Step 2: the customer confirms the wallet; onboarding ends here (`requires_payment`, or `rejected`). */
  confirmWallet(record: SessionRecord, address: unknown): FlowResult {
    if (record.session.status !== 'initialized' || record.browserStatus) return failed('The wallet can no longer be changed.');
    const details = record.session.transaction_details;
    const network = details.destination_network;
    if (!network || details.destination_amount === null) return failed('Choose what to buy first.');
    const key = walletAddressKeyFor(network);
    const locked = details.lock_wallet_address && key ? details.wallet_addresses?.[key] ?? null : null;
    const wallet = locked ?? (typeof address === 'string' ? address.trim() : '');
    if (!isPlausibleWalletAddress(network, wallet)) {
      return failed(`Enter a valid ${network} wallet address.`, 'wallet_address');
    }
    const rejected = isRejectedWalletAddress(wallet);
    this.#store.update(record, (r) => {
      r.session.transaction_details.wallet_address = wallet;
      r.session.status = rejected ? 'rejected' : 'requires_payment';
    });
    return { ok: true };
  }

  /** Step 3: payment. A declined card leaves the session at `requires_payment`, as Stripe's does. */
  pay(record: SessionRecord, cardNumber: unknown): FlowResult {
    if (record.session.status !== 'requires_payment' || record.browserStatus) return failed('This purchase is not waiting for payment.');
    const digits = typeof cardNumber === 'string' ? cardNumber.replace(/[\s-]/g, '') : '';
    if (!/^\d{12,19}$/.test(digits) || !luhnValid(digits)) return failed('Your card number is invalid.', 'card_number');
    if (digits === TEST_TRIGGERS.declinedCardNumber) return failed('Your card was declined. Try another card.', 'card_number');
    this.#transition(record, 'fulfillment_processing', null, true);
    return { ok: true };
  }

  /**
   * The test controls: any status, including the browser-only `error`. A session set to
   * `fulfillment_processing` this way stays there until told otherwise (only a payment in the
   * flow completes by itself), so tests control every step.
   */
  setStatus(record: SessionRecord, status: SettableStatus, requestId: string | null): SessionRecord {
    if (status === 'error') {
      return this.#store.update(record, (r) => {
        r.browserStatus = 'error';
      }, requestId);
    }
    this.#transition(record, status, requestId);
    return record;
  }

  /** Re-arms fulfillment timers for sessions restored in `fulfillment_processing`. */
  resume(): void {
    for (const record of this.#store.all()) {
      if (record.session.status === 'fulfillment_processing' && record.fulfillAt !== null) this.#schedule(record);
    }
  }

  close(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  #transition(record: SessionRecord, status: ApiStatus, requestId: string | null, completeLater = false): void {
    const timer = this.#timers.get(record.session.id);
    if (timer) clearTimeout(timer);
    this.#timers.delete(record.session.id);
    this.#store.update(record, (r) => {
      r.browserStatus = null;
      r.session.status = status;
      r.fulfillAt = completeLater ? this.#options.nowMs() + this.#options.fulfillmentDelayMs : null;
      if (status === 'requires_payment' || status === 'fulfillment_processing' || status === 'fulfillment_complete') fillPurchase(r);
      if (status === 'fulfillment_complete' && r.session.transaction_details.transaction_id === null) {
        r.session.transaction_details.transaction_id = fakeTransactionId(r.session.transaction_details.destination_network);
      }
    }, requestId);
    if (completeLater) this.#schedule(record);
  }

  #schedule(record: SessionRecord): void {
    const wait = Math.max(0, (record.fulfillAt ?? 0) - this.#options.nowMs());
    const timer = setTimeout(() => {
      this.#timers.delete(record.session.id);
      if (record.session.status === 'fulfillment_processing') this.#transition(record, 'fulfillment_complete', null);
    }, wait);
    timer.unref();
    this.#timers.set(record.session.id, timer);
  }
}

/**
 * A session that reaches payment through the test controls skipped the flow's choices: give it
 * the ones the flow would have defaulted to, so the object looks like a real purchase.
 */
function fillPurchase(record: SessionRecord): void {
  const d = record.session.transaction_details;
  if (!d.destination_currency || !d.destination_network) {
    const networks = d.destination_network ? [d.destination_network] : d.destination_networks ?? [];
    const currencies = d.destination_currency ? [d.destination_currency] : d.destination_currencies ?? [];
    for (const currency of currencies) {
      const network = networks.find((n) => isCurrencyOnNetwork(currency, n));
      if (network) {
        d.destination_currency = currency;
        d.destination_network = network;
        break;
      }
    }
  }
  d.source_currency ??= 'usd';
  if (d.source_amount === null && d.destination_amount === null) d.source_amount = DEFAULT_SOURCE_AMOUNT;
  if (d.destination_amount === null || d.fees === null) applyQuoteToDetails(d);
  if (d.wallet_address === null && d.destination_network) {
    const key = walletAddressKeyFor(d.destination_network);
    d.wallet_address = (key ? d.wallet_addresses?.[key] : null) ?? testWalletAddress(d.destination_network);
  }
}
