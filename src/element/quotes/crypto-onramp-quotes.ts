import { LitElement, html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { OnrampQuotes } from '../../shared/quotes.js';
import type { CatalogKey, CryptoOnrampMessages } from '../internal/locale/catalog.js';
import { fill } from '../internal/locale/fill.js';
import { QUOTES_WORDS } from '../internal/locale/en-quotes.js';
import { LocaleController } from '../internal/locale/locale-controller.js';
import { parseList } from '../internal/presets.js';
import type { CryptoOnrampQuoteSelectDetail, CryptoOnrampQuotesErrorDetail } from './events.js';
import { applyQuote, findOnramp } from './internal/linked-onramp.js';
import { QuoteFormat, networkName, toChoices, type QuoteChoice } from './internal/quote-choices.js';
import { emit } from '../internal/emit.js';
import { QuotesError, wordedError } from './internal/quotes-error.js';
import { quotesUrl, requestQuotes } from './internal/quotes-request.js';
import { styles } from './crypto-onramp-quotes.styles.js';

export type CryptoOnrampQuotesState = 'idle' | 'loading' | 'ready' | 'error';

/** Properties whose change asks for new quotes (once per task: Lit batches them into one update). */
const QUERY_INPUTS = ['quotesUrl', 'sourceAmount', 'sourceCurrency', 'destinationCurrencies', 'destinationNetworks', 'fetchOptions'] as const;

/** Lists compared by value: a framework re-render passing an equal new array changes nothing. */
const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined): boolean =>
  a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((value, i) => value === b[i]));
const listConverter = { fromAttribute: parseList, toAttribute: (value: string[] | undefined) => value?.join(' ') };
const listChanged = (value: string[] | undefined, old: string[] | undefined): boolean => !sameList(value, old);

/**
 * What the customer would get, per currency and network, fees included, from the site's quotes
 * endpoint (the server kit's `createOnrampQuotesHandler`). Choosing a quote sets the presets of the
 * `<crypto-onramp>` named by `for` (one new session) and fires `crypto-onramp-quote-select`.
 *
 * The quotes are a listbox: Tab reaches it, the arrow keys, Home and End move between quotes, and
 * Enter or Space chooses one. Each quote's accessible name is its visible text, which says the whole
 * of it (amount, network, total and both fees), with pauses a screen reader reads between them.
 *
 * @summary Prices before the onramp opens, as a list of choices.
 *
 * @fires {CustomEvent<CryptoOnrampQuotesLoadDetail>} crypto-onramp-quotes-load - New quotes arrived and are shown. `detail: { quotes }` (Stripe's quotes object).
 * @fires {CustomEvent<CryptoOnrampQuoteSelectDetail>} crypto-onramp-quote-select - A quote was chosen; cancelable (`preventDefault()` leaves the linked onramp as it is). `detail: { destinationCurrency, destinationNetwork, sourceAmount, sourceCurrency, quote }`.
 * @fires {CustomEvent<CryptoOnrampQuotesErrorDetail>} crypto-onramp-quotes-error - Any failure; cancelable (`preventDefault()` hides the built-in error view). `detail: { code, message, retryable, httpStatus?, stripeCode?, param? }`.
 *
 * @slot loading - Replaces the built-in loading view.
 * @slot error - Replaces the built-in error view.
 * @slot empty - Replaces the text shown when the endpoint answers no quotes.
 *
 * @csspart base - The wrapper around everything.
 * @csspart caption - The list's visible label ("What $100.00 buys").
 * @csspart list - The listbox.
 * @csspart option - Each quote.
 * @csspart option-selected - The chosen quote (beside `option`).
 * @csspart loading - The loading view.
 * @csspart error - The error view.
 * @csspart retry-button - The error view's retry button.
 *
 * @cssprop --crypto-onramp-quotes-color - Text color.
 * @cssprop --crypto-onramp-quotes-muted-color - Secondary text color (network, fees).
 * @cssprop --crypto-onramp-quotes-accent-color - Focus ring, chosen quote, spinner and button color.
 * @cssprop --crypto-onramp-quotes-on-accent-color - Text on the accent color.
 * @cssprop --crypto-onramp-quotes-error-color - Error title color.
 * @cssprop --crypto-onramp-quotes-border-color - Border of each quote.
 * @cssprop --crypto-onramp-quotes-selected-background - Background of the chosen quote.
 * @cssprop [--crypto-onramp-quotes-border-radius=8px] - Corner radius of each quote.
 * @cssprop --crypto-onramp-quotes-font-family - Font.
 */
export class CryptoOnrampQuotes extends LitElement {
  static override styles = styles;

  // `static properties`, as `<crypto-onramp>` declares them, rather than decorators: one way for
  // both elements. The typed, documented fields follow.
  static override properties: PropertyDeclarations = {
    quotesUrl: { attribute: 'quotes-url' },
    for: {},
    sourceAmount: { attribute: 'source-amount' },
    sourceCurrency: { attribute: 'source-currency' },
    destinationCurrencies: { attribute: 'destination-currencies', converter: listConverter, hasChanged: listChanged },
    destinationNetworks: { attribute: 'destination-networks', converter: listConverter, hasChanged: listChanged },
    fetchOptions: { attribute: false },
    requestTimeout: { attribute: false },
    messages: { attribute: false },
  };

  /** The site's quotes endpoint (the kit's quotes handler), resolved against the page. Required. */
  declare quotesUrl?: string;
  /** The id of the `<crypto-onramp>` (in this element's document or shadow root) a chosen quote sets up. */
  declare for?: string;
  /** The fiat amount to price, a decimal string such as `100.00` (the endpoint's default when unset). */
  declare sourceAmount?: string;
  /** The fiat currency, `usd` or `eur` (the endpoint's default when unset). */
  declare sourceCurrency?: string;
  /** Space-separated cryptocurrencies to price; all when unset. */
  declare destinationCurrencies?: string[];
  /** Space-separated networks to price; all when unset. */
  declare destinationNetworks?: string[];

  /** Extra `RequestInit` for the quotes request (headers, `credentials`). */
  declare fetchOptions?: RequestInit;
  /** Milliseconds the quotes endpoint has to answer. */
  requestTimeout = 15_000;
  /**
   * The site's own words over the built-in ones (any key of the English catalog; a missing one
   * falls back): a rewording, or a language the element does not ship.
   */
  declare messages?: CryptoOnrampMessages;

  /** The element's language (its `lang`, else the nearest ancestor's across shadow roots, …), live. */
  readonly #words = new LocaleController(this, QUOTES_WORDS);

  #state: CryptoOnrampQuotesState = 'idle';
  #quotes: OnrampQuotes | null = null;
  #choices: QuoteChoice[] = [];
  #error: CryptoOnrampQuotesErrorDetail | null = null;
  #errorViewPrevented = false;
  /** The chosen quote's `network:currency`, kept while the query stays the same (a retry). */
  #selectedKey: string | undefined;
  /** The URL the shown quotes came from: another query prices something else, so the choice goes. */
  #shownUrl: string | undefined;
  /** The option that holds the listbox's one tab stop. */
  #activeIndex = 0;
  #abort: AbortController | undefined;
  /** A request was cut off by a disconnect: the next connect asks again. */
  #interrupted = false;

  /** `idle`, `loading`, `ready` or `error`; reflected as the `state` attribute for CSS. */
  get state(): CryptoOnrampQuotesState {
    return this.#state;
  }
  /** The last quotes answer, as the endpoint sent it; `null` before the first. */
  get quotes(): OnrampQuotes | null {
    return this.#quotes;
  }
  /** The last error's detail while `state` is `error`, else `null`. */
  get error(): CryptoOnrampQuotesErrorDetail | null {
    return this.#error;
  }

  /** The word `key` names in the element's language, `{0}`, `{1}`, … filled with `params`. */
  #t(key: CatalogKey, ...params: unknown[]): string {
    return fill(this.#words.word(key), params, this.#words.locale);
  }

  /** The language the element speaks and writes amounts in (a BCP 47 tag), resolved from `lang`. */
  get locale(): string {
    return this.#words.locale;
  }

  /** Asks for the quotes again (also what the retry button does). */
  refresh(): void {
    if (this.isConnected) void this.#load();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#interrupted) this.refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.#abort) {
      this.#abort.abort();
      this.#abort = undefined;
      this.#interrupted = true;
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated || QUERY_INPUTS.some((key) => changed.has(key))) this.refresh();
    this.setAttribute('state', this.#state);
  }

  async #load(): Promise<void> {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.#interrupted = false;
    this.#setState('loading');
    try {
      const url = quotesUrl(this.quotesUrl, this);
      const quotes = await requestQuotes({
        url,
        fetchOptions: this.fetchOptions,
        timeoutMs: this.requestTimeout,
        signal: abort.signal,
      });
      if (abort.signal.aborted) return;
      this.#quotes = quotes;
      this.#choices = toChoices(quotes);
      if (url !== this.#shownUrl) this.#selectedKey = undefined;
      this.#shownUrl = url;
      const selected = this.#choices.findIndex((choice) => choice.key === this.#selectedKey);
      this.#activeIndex = Math.max(selected, 0);
      this.#setState('ready');
      emit(this, 'crypto-onramp-quotes-load', { quotes });
    } catch (error) {
      if (abort.signal.aborted) return; // superseded or disconnected: nothing may fire
      this.#fail(error instanceof QuotesError ? error : wordedError('invalid_quotes_response', 'quotesUnreadable', { cause: error }));
    } finally {
      if (this.#abort === abort) this.#abort = undefined;
    }
  }

  #setState(state: CryptoOnrampQuotesState): void {
    this.#state = state;
    if (state !== 'error') this.#error = null;
    this.setAttribute('state', state);
    this.requestUpdate();
  }

  /** An error's detail, with the element's own sentence (`wordedError`) in the element's language. */
  #detailOf(error: QuotesError & { words?: [keyof typeof QUOTES_WORDS, ...unknown[]] }): CryptoOnrampQuotesErrorDetail {
    if (error.words) error.detail.message = this.#t(...error.words);
    return error.detail;
  }

  #fail(error: QuotesError): void {
    const detail = (this.#error = this.#detailOf(error));
    this.#setState('error');
    // Cancelable: `preventDefault()` hides the built-in error view.
    this.#errorViewPrevented = !emit(this, 'crypto-onramp-quotes-error', detail, true);
  }

  /** Chooses a quote: the event first (cancelable), then the linked onramp's presets, in this task. */
  #choose(index: number): void {
    const choice = this.#choices[index];
    const quotes = this.#quotes;
    if (!choice || !quotes) return;
    this.#activeIndex = index;
    const detail: CryptoOnrampQuoteSelectDetail = {
      destinationCurrency: choice.quote.destination_currency,
      destinationNetwork: choice.quote.destination_network,
      sourceAmount: quotes.source_amount,
      sourceCurrency: quotes.source_currency,
      quote: choice.quote,
    };
    this.#selectedKey = choice.key;
    this.requestUpdate();
    // Cancelable: `preventDefault()` leaves the linked onramp as it is.
    if (!emit(this, 'crypto-onramp-quote-select', detail, true) || !this.for) return;
    try {
      applyQuote(findOnramp(this, this.for), detail);
    } catch (error) {
      // The quotes stay on screen: only the link is wrong, which the page's author must fix.
      if (error instanceof QuotesError) emit(this, 'crypto-onramp-quotes-error', this.#detailOf(error), true);
    }
  }

  readonly #onKeyDown = (event: KeyboardEvent): void => {
    const last = this.#choices.length - 1;
    const moves: Record<string, number> = {
      ArrowDown: Math.min(this.#activeIndex + 1, last),
      ArrowRight: Math.min(this.#activeIndex + 1, last),
      ArrowUp: Math.max(this.#activeIndex - 1, 0),
      ArrowLeft: Math.max(this.#activeIndex - 1, 0),
      Home: 0,
      End: last,
    };
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.#choose(this.#activeIndex);
    } else if (event.key in moves) {
      event.preventDefault();
      this.#focusOption(moves[event.key]!);
    }
  };

  #focusOption(index: number): void {
    this.#activeIndex = index;
    this.requestUpdate();
    this.renderRoot.querySelectorAll<HTMLElement>('[role="option"]')[index]?.focus();
  }

  protected override render() {
    const state = this.#state;
    return html`
      <div part="base" class="base" aria-busy=${state === 'loading' || state === 'idle' ? 'true' : 'false'} dir=${this.#t('dir')}>
        <p class="announce" role="status">${this.#announcement()}</p>
        ${state === 'loading' || state === 'idle' ? this.#renderLoading() : nothing}
        ${state === 'error' && this.#error && !this.#errorViewPrevented ? this.#renderError(this.#error) : nothing}
        ${state === 'ready' && this.#quotes ? this.#renderList(this.#quotes) : nothing}
      </div>
    `;
  }

  /**
   * What a screen reader is told when new quotes arrive (another amount, a retry): the region is
   * always there, so a change of its text is announced. Errors have their own alert.
   */
  #announcement(): string {
    const quotes = this.#quotes;
    if (this.#state !== 'ready' || !quotes) return '';
    const count = this.#choices.length;
    const amount = new QuoteFormat(this.locale, quotes.source_currency).money(quotes.source_amount);
    return count === 0 ? this.#t('quotesCountZero', amount) : this.#t(count === 1 ? 'quotesCountOne' : 'quotesCountOther', count, amount);
  }

  #renderLoading() {
    return html`
      <div part="loading" class="status">
        <slot name="loading"><div class="spinner" role="progressbar" aria-label=${this.#t('quotesLoading')}></div></slot>
      </div>
    `;
  }

  #renderError(error: CryptoOnrampQuotesErrorDetail) {
    return html`
      <div part="error" class="status">
        <slot name="error">
          <p role="alert"><strong>${this.#t('quotesErrorTitle')}</strong><br />${error.message}</p>
          ${error.retryable ? html`<button part="retry-button" type="button" @click=${() => this.refresh()}>${this.#t('quotesRetry')}</button>` : nothing}
        </slot>
      </div>
    `;
  }

  #renderList(quotes: OnrampQuotes) {
    const format = new QuoteFormat(this.locale, quotes.source_currency);
    if (this.#choices.length === 0) {
      return html`<p class="status"><slot name="empty">${this.#t('quotesEmpty')}</slot></p>`;
    }
    return html`
      <p part="caption" class="caption" id="caption">${this.#t('quotesCaption', format.money(quotes.source_amount))}</p>
      <div part="list" role="listbox" aria-labelledby="caption" @keydown=${this.#onKeyDown}>
        ${this.#choices.map((choice, index) => {
          const selected = choice.key === this.#selectedKey;
          const { quote } = choice;
          const { network_fee_monetary, transaction_fee_monetary } = quote.fees;
          return html`
            <div
              part=${selected ? 'option option-selected' : 'option'}
              role="option"
              aria-selected=${selected ? 'true' : 'false'}
              tabindex=${index === this.#activeIndex ? '0' : '-1'}
              data-key=${choice.key}
              @click=${() => this.#choose(index)}
              @focus=${() => (this.#activeIndex = index)}
            >
              <span class="receive">${format.crypto(quote)}</span>
              <span class="network">${this.#t('quotesNetwork', networkName(quote.destination_network))}</span><span class="announce">, </span>
              <span class="total">${this.#t('quotesTotal', format.money(quote.source_total_amount))}</span><span class="announce">, </span>
              <span class="fees">${choice.totalFees
                ? this.#t('quotesFees', format.money(choice.totalFees), format.money(network_fee_monetary), format.money(transaction_fee_monetary))
                : this.#t('quotesFeesUntotalled', format.money(network_fee_monetary), format.money(transaction_fee_monetary))}</span>
            </div>
          `;
        })}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crypto-onramp-quotes': CryptoOnrampQuotes;
  }
}
