/**
 * Stripe's quotes object as the list the customer chooses from: one choice per currency on a
 * network, with both fees added up, and how its amounts are written.
 */
import { fromScaledInteger, toScaledInteger } from '../../../shared/decimal-amount.js';
import type { OnrampNetworkQuote, OnrampQuotes } from '../../../shared/quotes.js';

export interface QuoteChoice {
  /** `network:currency`: the same choice across re-fetches (quote ids change every time). */
  key: string;
  quote: OnrampNetworkQuote;
  /** Network fee + transaction fee, in the source currency. */
  totalFees: string;
}

/** Every quote in the answer's order (network by network), with its fees totalled. */
export function toChoices(quotes: OnrampQuotes): QuoteChoice[] {
  const choices: QuoteChoice[] = [];
  for (const list of Object.values(quotes.destination_network_quotes)) {
    for (const quote of list ?? []) {
      choices.push({
        key: `${quote.destination_network}:${quote.destination_currency}`,
        quote,
        totalFees: addDecimals(quote.fees.network_fee_monetary, quote.fees.transaction_fee_monetary),
      });
    }
  }
  return choices;
}

/** Exact decimal addition ("0.42" + "1.7" = "2.12"), at least two decimals, as money is written. */
export function addDecimals(a: string, b: string): string {
  const scale = Math.max(decimals(a), decimals(b), 2);
  try {
    return fromScaledInteger(toScaledInteger(a, scale) + toScaledInteger(b, scale), scale, 2);
  } catch {
    return ''; // not plain decimals: the fees are shown one by one, without a total
  }
}

const decimals = (amount: string): number => amount.split('.')[1]?.length ?? 0;

/** How the element writes amounts; built once per render for the page's language. */
/** The locale amounts are written in when the page names none (or one Intl refuses). */
export const FALLBACK_LOCALE = 'en-US';

export class QuoteFormat {
  readonly #money: Intl.NumberFormat | undefined;
  readonly #currency: string;

  /**
   * `locale` is the page's language where the element sits; without one, or with one Intl refuses,
   * `en-US`. Never the machine's own locale: WebKit under `LANG=C.UTF-8` would write "$ 50.76".
   */
  constructor(locale: string | undefined, sourceCurrency: string) {
    this.#currency = sourceCurrency.toUpperCase();
    for (const candidate of [locale || FALLBACK_LOCALE, FALLBACK_LOCALE]) {
      try {
        this.#money = new Intl.NumberFormat(candidate, { style: 'currency', currency: this.#currency });
        return;
      } catch {
        // An invalid language tag, then a currency code Intl does not know: "12.50 XYZ".
      }
    }
  }

  /** `"102.12"` → `$102.12` (in the page's language). */
  money(amount: string): string {
    const value = Number(amount);
    return this.#money && Number.isFinite(value) ? this.#money.format(value) : `${amount} ${this.#currency}`;
  }

  /** `0.0391 ETH`: crypto amounts are shown as the API wrote them, every digit kept. */
  crypto(quote: OnrampNetworkQuote): string {
    return `${quote.destination_amount} ${quote.destination_currency.toUpperCase()}`;
  }
}

/** `ethereum` → `Ethereum`, `base_network` → `Base`: the API's names are lowercase identifiers. */
export function networkName(network: string): string {
  const name = network.replace(/_network$/, '').replace(/_/g, ' ');
  return name.charAt(0).toUpperCase() + name.slice(1);
}
