import { LitElement, html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { OnrampSessionStatus } from '../shared/enums.js';
import { CryptoOnrampError, toOnrampError, type CryptoOnrampErrorDetail } from './errors.js';
import { sameFetchOptions, sameValue } from './equality.js';
import { emit, toSnapshot, type OnrampSessionSnapshot } from './events.js';
import { OnrampController, type OnrampTheme } from './onramp-controller.js';
import { parseList, presetsToBody } from './presets.js';
import { styles } from './crypto-onramp.styles.js';
import { returnUrlFor } from './internal/return-url.js';
import { safeHttpUrl } from './internal/safe-url.js';

export type CryptoOnrampState = 'idle' | 'loading' | 'ready' | 'error';
export type CryptoOnrampThemeSetting = 'light' | 'dark' | 'auto';
export type CryptoOnrampMode = 'embedded' | 'redirect' | 'standalone';

/** Properties whose change means a different session: any of them mints anew (once per task). */
const SESSION_INPUTS = [
  'sessionUrl', 'clientSecret', 'publishableKey', 'sessionParams', 'fetchOptions',
  'destinationCurrency', 'destinationNetwork', 'sourceCurrency', 'sourceAmount', 'destinationAmount',
  'walletAddress', 'lockWalletAddress', 'destinationCurrencies', 'destinationNetworks', 'mode',
] as const;

/** Lit's `hasChanged` for array and object properties: equal new literals are no change. */
const byValue = (value: unknown, old: unknown) => !sameValue(value, old);

/** A usable timeout in ms (a positive number below setTimeout's limit), else the default. */
const ms = (value: number, fallback: number) => (value > 0 && value < 2 ** 31 ? Number(value) : fallback);

/** How far outside the viewport `loading="lazy"` starts minting. */
const LAZY_ROOT_MARGIN = '300px';

/**
 * Stripe's fiat-to-crypto onramp as a drop-in element. It asks the site's endpoint for a
 * session, loads Stripe's onramp SDK, mounts Stripe's UI and re-emits every session change as
 * DOM events.
 *
 * @summary Stripe's crypto onramp, in one tag.
 *
 * @fires crypto-onramp-ready - Stripe's UI has loaded. `detail: { session }`.
 * @fires crypto-onramp-session-updated - Every session update from Stripe. `detail: { session }`.
 * @fires crypto-onramp-status-change - The session's status changed. `detail: { status, previousStatus, session }`.
 * @fires crypto-onramp-error - Any failure; cancelable (`preventDefault()` hides the built-in error view). `detail: { code, message, retryable, httpStatus?, stripeCode?, param? }`.
 * @fires crypto-onramp-redirect - `mode="redirect"`: the hosted onramp is about to open; cancelable. `detail: { sessionId, url, target }`.
 *
 * @slot loading - Replaces the built-in loading view.
 * @slot error - Replaces the built-in error view.
 * @slot label - The text of the redirect button or the standalone link (default "Buy crypto").
 * @slot mount - Used internally: the light-DOM node Stripe mounts into. Do not fill it.
 *
 * @csspart base - The wrapper around everything.
 * @csspart mount - The area that shows Stripe's UI.
 * @csspart loading - The loading view.
 * @csspart error - The error view.
 * @csspart retry-button - The error view's retry button.
 * @csspart redirect-button - `mode="redirect"`: the button that opens the hosted onramp.
 * @csspart standalone-link - `mode="standalone"`: the link to Stripe's standalone onramp.
 *
 * @cssprop [--crypto-onramp-min-height=480px] - Room reserved for Stripe's UI, so the page does not jump.
 * @cssprop [--crypto-onramp-max-width=500px] - The element's maximum width (Stripe's UI is at most 500px wide).
 * @cssprop [--crypto-onramp-background=transparent] - Background behind the views.
 * @cssprop --crypto-onramp-color - Text color of the built-in views.
 * @cssprop --crypto-onramp-muted-color - Secondary text color.
 * @cssprop --crypto-onramp-accent-color - Spinner and button color.
 * @cssprop --crypto-onramp-error-color - Error title color.
 * @cssprop [--crypto-onramp-border-radius=12px] - Corner radius.
 * @cssprop --crypto-onramp-font-family - Font of the built-in views.
 */
export class CryptoOnramp extends LitElement {
  static override styles = styles;

  // `static properties` rather than decorators: the same declarations in fewer bytes (the drop-in
  // bundle has a size budget). The typed, documented fields follow.
  static override properties: PropertyDeclarations = {
    sessionUrl: { attribute: 'session-url' },
    clientSecret: { attribute: false },
    publishableKey: { attribute: 'publishable-key' },
    theme: { reflect: true },
    destinationCurrency: { attribute: 'destination-currency' },
    destinationNetwork: { attribute: 'destination-network' },
    sourceCurrency: { attribute: 'source-currency' },
    sourceAmount: { attribute: 'source-amount' },
    destinationAmount: { attribute: 'destination-amount' },
    walletAddress: { attribute: 'wallet-address' },
    lockWalletAddress: { attribute: 'lock-wallet-address', type: Boolean },
    destinationCurrencies: { attribute: 'destination-currencies', converter: parseList, hasChanged: byValue },
    destinationNetworks: { attribute: 'destination-networks', converter: parseList, hasChanged: byValue },
    sessionParams: { attribute: false, hasChanged: byValue },
    fetchOptions: { attribute: false, hasChanged: (value: unknown, old: unknown) => !sameFetchOptions(value, old) },
    loading: { reflect: true },
    requestTimeout: { attribute: false },
    scriptTimeout: { attribute: false },
    readyTimeout: { attribute: false },
    mode: {},
    target: {},
    returnUrl: { attribute: 'return-url' },
  };

  /** The site's minting endpoint, resolved against the page. Required unless `clientSecret` is set. */
  declare sessionUrl?: string;
  /** A session minted elsewhere (`cos_…_secret_…`); skips the request. Never reflected to an attribute. */
  declare clientSecret?: string;
  /** `pk_test_…` / `pk_live_…`. Optional when the endpoint answers `publishable_key`. */
  declare publishableKey?: string;
  /** `light`, `dark`, or `auto` (follows `prefers-color-scheme`, live). */
  theme: CryptoOnrampThemeSetting = 'light';
  /** Default crypto currency, e.g. `eth`. */
  declare destinationCurrency?: string;
  /** Default network, e.g. `ethereum`. `wallet-address` applies to it. */
  declare destinationNetwork?: string;
  /** Default fiat currency, e.g. `usd`. */
  declare sourceCurrency?: string;
  /** Default fiat amount, a decimal string such as `100.00`. */
  declare sourceAmount?: string;
  /** Default crypto amount; needs `destination-currency` and `destination-network`. */
  declare destinationAmount?: string;
  /** The customer's wallet address on `destination-network`. */
  declare walletAddress?: string;
  /** Locks the wallet address in Stripe's UI. */
  lockWalletAddress = false;
  /** Space-separated cryptocurrencies the customer may choose from. Compared by value. */
  declare destinationCurrencies?: string[];
  /** Space-separated networks the customer may choose from. Compared by value. */
  declare destinationNetworks?: string[];
  /** Further create parameters, merged over the attributes. Compared by value. */
  declare sessionParams?: Record<string, unknown>;
  /**
   * Extra `RequestInit` for the minting request (headers such as a CSRF token, `credentials`).
   * Compared by value: headers in any form by their normalised entries, a `signal` by identity.
   */
  declare fetchOptions?: RequestInit;
  /** `eager` (default) or `lazy`: mint only when the element comes near the viewport. */
  loading: 'eager' | 'lazy' = 'eager';
  /** Milliseconds the minting endpoint has to answer (each try). */
  requestTimeout = 15_000;
  /** Milliseconds Stripe's scripts have to load. */
  scriptTimeout = 20_000;
  /** Milliseconds Stripe's UI has, after mounting, to announce itself; then a `ready_timeout` error. */
  readyTimeout = 30_000;
  /**
   * `embedded` (default): Stripe's UI in the page. `redirect`: a button that mints and opens the
   * session's hosted onramp (`redirect_url`). `standalone`: a link to Stripe's account-less onramp,
   * no backend needed.
   */
  mode: CryptoOnrampMode = 'embedded';
  /** Where `redirect` and `standalone` open: `_blank` (default, a new tab) or `_self` (this window). */
  target: '_blank' | '_self' = '_blank';
  /**
   * Opened when the status reaches `fulfillment_complete` or `rejected`, with `?session_id=cos_…`;
   * `preventDefault()` on that status-change event stays. http(s) or relative to the page.
   */
  declare returnUrl?: string;

  // Internal state is `#private` (the minifier shortens those names; the drop-in bundle has a
  // size budget). Setters that change what renders call `requestUpdate()` themselves.
  #state: CryptoOnrampState = 'idle';
  #error: CryptoOnrampErrorDetail | null = null;
  #session: OnrampSessionSnapshot | null = null;
  /** Whether the page called `preventDefault()` on the last error event. */
  #errorViewPrevented = false;
  #redirectUrl: string | undefined;
  #lastStatus: OnrampSessionStatus | null = null;
  /** Set by the first update, which starts the first attempt. */
  #begun = false;
  /** `refresh()` asked for a new session; the next update starts it (one mint per task). */
  #refreshing = false;
  /** Re-inserted (a move): the next update re-mounts the session it has, unless it needs a new one. */
  #resuming = false;
  #lazyObserver: IntersectionObserver | undefined;
  #nearViewport = false;
  #colorScheme: MediaQueryList | undefined;
  /** `mode="standalone"`: the link, once built. */
  #link: string | undefined;

  readonly #controller = new OnrampController(
    this,
    () => ({
      sessionUrl: this.sessionUrl,
      clientSecret: this.clientSecret,
      publishableKey: this.publishableKey,
      body: () => presetsToBody(this, this.sessionParams),
      fetchOptions: this.fetchOptions,
      theme: this.#resolvedTheme,
      requestTimeout: ms(this.requestTimeout, 15_000),
      scriptTimeout: ms(this.scriptTimeout, 20_000),
      readyTimeout: ms(this.readyTimeout, 30_000),
    }),
    {
      loading: () => {
        this.#state = 'loading';
        this.#error = null;
        this.requestUpdate();
      },
      // Ready once per mount (the controller decides), session updates, and Stripe's
      // re-announcements after a move, which only refresh the session and its status.
      session: (session, type) => {
        const snapshot = toSnapshot(session);
        // A re-announcement that brings a new status (it changed while the frame reloaded) is an update.
        type ??= snapshot.status !== this.#lastStatus ? 'crypto-onramp-session-updated' : undefined;
        this.#session = snapshot;
        if (type === 'crypto-onramp-ready') this.#state = 'ready';
        this.requestUpdate();
        if (type) emit(this, type, { session: snapshot });
        this.#reportStatus(snapshot);
      },
      failed: (error, { redirectUrl }) => this.#fail(error, redirectUrl),
    },
  );

  /** `idle`, `loading`, `ready` or `error`; reflected as the `state` attribute for CSS. */
  get state(): CryptoOnrampState {
    return this.#state;
  }
  /** The last session Stripe delivered, without `client_secret`; `null` before the first. */
  get session(): OnrampSessionSnapshot | null {
    return this.#session;
  }
  /** The session's status, reflected as the `status` attribute; `null` before the first. */
  get status(): OnrampSessionStatus | null {
    return this.#session?.status ?? null;
  }
  /** The last error's detail while `state` is `error`, else `null`. */
  get error(): CryptoOnrampErrorDetail | null {
    return this.#error;
  }

  /** Mints a fresh session and re-mounts (also what the retry button does). */
  refresh(): void {
    this.#refreshing = true;
    this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#watchColorScheme();
    // A re-insertion (a move in the DOM) re-mounts the session it already has, in the next update,
    // which also sees any input changed in the same task (then it mints once instead).
    this.#resuming = this.hasUpdated;
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#lazyObserver?.disconnect();
    this.#lazyObserver = undefined;
    this.#colorScheme?.removeEventListener('change', this.#onColorSchemeChange);
    this.#colorScheme = undefined;
  }

  // Attempts start here, before rendering, so the first render already shows the loading view
  // and a state change made while starting does not schedule a second update.
  protected override willUpdate(changed: PropertyValues<this>): void {
    const restart =
      !this.#begun ||
      this.#refreshing ||
      // A new session only when an input's value really differs from the last update's (a set and
      // a removal in one task, or an equal new literal, is no change).
      SESSION_INPUTS.some((key) => changed.has(key) && !(key === 'fetchOptions' ? sameFetchOptions : sameValue)(changed.get(key), this[key]));
    const resume = this.#resuming;
    this.#begun = true;
    this.#refreshing = this.#resuming = false;
    if (changed.has('theme')) this.#watchColorScheme();
    if (restart) {
      this.#controller.invalidate();
      this.#resetSessionState();
      this.#begin();
    } else if (resume) {
      this.#begin();
    } else if (changed.has('theme')) {
      this.#controller.setTheme(this.#resolvedTheme);
    } else if (changed.has('loading') && this.#state === 'idle') {
      this.#begin(); // a lazy element made eager starts now
    }
    this.setAttribute('state', this.#state);
    if (this.status === null) this.removeAttribute('status');
    else this.setAttribute('status', this.status);
  }

  get #resolvedTheme(): OnrampTheme {
    if (this.theme === 'dark') return 'dark';
    if (this.theme === 'auto') return this.#colorScheme?.matches ? 'dark' : 'light';
    return 'light';
  }

  #begin(): void {
    if (!this.isConnected) return;
    if (this.returnUrl && !safeHttpUrl(this.returnUrl)) {
      return this.#fail(new CryptoOnrampError('missing_configuration', 'return-url is not http(s).', { param: 'return-url' }));
    }
    if (this.mode === 'redirect') {
      this.#controller.stop();
      return this.#setState('ready');
    }
    if (this.mode === 'standalone') return this.#buildLink();
    if (this.loading === 'lazy' && !this.#nearViewport) {
      this.#observeViewport();
      return;
    }
    this.#controller.start();
  }

  #observeViewport(): void {
    if (this.#lazyObserver) return;
    this.#lazyObserver = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        this.#nearViewport = true;
        this.#lazyObserver?.disconnect();
        this.#lazyObserver = undefined;
        this.#begin();
      },
      { rootMargin: LAZY_ROOT_MARGIN },
    );
    this.#lazyObserver.observe(this);
  }

  #setState(state: CryptoOnrampState, link = this.#link): void {
    this.#state = state;
    this.#link = link;
    this.requestUpdate();
  }

  #buildLink(): void {
    this.#setState('loading');
    this.#controller
      .run(() => import('./internal/standalone.js').then(({ standaloneUrl }) => standaloneUrl(presetsToBody(this, this.sessionParams), ms(this.scriptTimeout, 20_000))))
      .then((link) => link && this.#setState('ready', link));
  }

  /**
   * `mode="redirect"`: the tab first, then the mint, then the URL. The blank tab is opened inside
   * the click because a popup blocker allows `window.open` only during a user gesture (`null`: it
   * was blocked); `opener` is cut as `noopener` would, which `window.open` cannot combine with
   * keeping the tab to navigate later. `_self` opens no tab.
   */
  readonly #redirect = async () => {
    const tab = this.target === '_self' ? undefined : open('', '_blank');
    if (tab) tab.opener = null;
    this.#setState('loading');
    const minted = await this.#controller.mint();
    if (!minted) return tab?.close();
    this.#setState('ready');
    import('./internal/redirect.js').then(
      ({ redirect }) => redirect(this, minted, tab, (error, link) => this.#fail(error, link)),
      (error: unknown) => {
        tab?.close();
        this.#fail(toOnrampError(error));
      },
    );
  };

  #watchColorScheme(): void {
    const wanted = this.theme === 'auto' && typeof matchMedia === 'function';
    if (wanted && !this.#colorScheme) {
      this.#colorScheme = matchMedia('(prefers-color-scheme: dark)');
      this.#colorScheme.addEventListener('change', this.#onColorSchemeChange);
    } else if (!wanted && this.#colorScheme) {
      this.#colorScheme.removeEventListener('change', this.#onColorSchemeChange);
      this.#colorScheme = undefined;
    }
  }

  readonly #onColorSchemeChange = () => this.#controller.setTheme(this.#resolvedTheme);

  #reportStatus(snapshot: OnrampSessionSnapshot): void {
    const status = snapshot.status;
    if (status === this.#lastStatus) return;
    const previousStatus = this.#lastStatus;
    this.#lastStatus = status;
    // Cancelable when it would go back to `return-url`: `preventDefault()` stays on the page.
    const back = returnUrlFor(this.returnUrl, snapshot);
    if (emit(this, 'crypto-onramp-status-change', { status, previousStatus, session: snapshot }, { cancelable: !!back }) && back) {
      location.assign(back);
    }
    if (status === 'error') {
      this.#fail(new CryptoOnrampError('session_error', 'The onramp session ended in an error. Try again to start a new one.'));
    }
  }

  #fail(error: CryptoOnrampError, redirectUrl?: string): void {
    this.#state = 'error';
    this.#error = error.detail;
    this.#redirectUrl = safeHttpUrl(redirectUrl)?.href;
    // Requested before dispatching, so a listener awaiting `updateComplete` sees the error view;
    // the update itself runs after the listeners, when `preventDefault()` is known.
    this.requestUpdate();
    this.#errorViewPrevented = !emit(this, 'crypto-onramp-error', error.detail, { cancelable: true });
  }

  #resetSessionState(): void {
    this.#session = null;
    this.#lastStatus = null;
    this.#redirectUrl = this.#link = undefined;
  }

  protected override render() {
    const state = this.#state;
    const mode = this.mode;
    const busy = state === 'loading' || state === 'idle';
    const label = html`<slot name="label">Buy crypto</slot>`;
    return html`
      <div part="base" class="base ${mode}" aria-busy=${busy ? 'true' : 'false'}>
        ${mode === 'redirect'
          ? html`<button part="redirect-button" ?disabled=${busy} @click=${this.#redirect}>${label}</button>`
          : this.#link
            ? html`<a part="standalone-link" href=${this.#link} target=${this.target} rel="noopener noreferrer">${label}</a>`
            : html`<div part="mount" ?hidden=${state === 'error'}><slot name="mount"></slot></div>`}
        ${busy ? this.#renderLoading() : nothing}
        ${state === 'error' && this.#error && !this.#errorViewPrevented ? this.#renderError() : nothing}
      </div>
    `;
  }

  #renderLoading() {
    return html`
      <div part="loading" class="overlay">
        <slot name="loading">
          <div class="spinner" role="progressbar" aria-label="Loading the crypto onramp"></div>
        </slot>
      </div>
    `;
  }

  #renderError() {
    const error = this.#error!;
    return html`
      <div part="error" class="overlay">
        <slot name="error">
          <p role="alert"><strong>The crypto onramp could not be shown.</strong><br />${error.message}</p>
          ${this.#redirectUrl
            ? html`<a href=${this.#redirectUrl} target="_blank" rel="noopener noreferrer">Open the onramp in a new window</a>`
            : nothing}
          ${error.retryable
            ? html`<button part="retry-button" type="button" @click=${() => this.refresh()}>Try again</button>`
            : nothing}
        </slot>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crypto-onramp': CryptoOnramp;
  }
}
