import { LitElement, html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { OnrampSessionStatus } from '../shared/enums.js';
import type { CryptoOnrampErrorDetail } from './errors.js';
import type { OnrampSessionSnapshot } from './events.js';
import { ColorSchemeController } from './internal/color-scheme-controller.js';
import type { CryptoOnrampMessages } from './internal/locale/catalog.js';
import { ONRAMP_WORDS } from './internal/locale/en-onramp.js';
import { ErrorLocaleController } from './internal/locale/error-locale-controller.js';
import { styles } from './internal/crypto-onramp.styles.js';
import { asSent, sameValue } from './internal/equality.js';
import { parseList, presetsToBody } from './internal/presets.js';
import { SessionController, type OnrampTheme, type SessionState, type SessionView } from './internal/session-controller.js';

// The unregistered entry (`crypto-onramp-element/crypto-onramp.js`) is complete on its own: the
// class, its error class and its event types.
export { CryptoOnrampError, type CryptoOnrampErrorCode, type CryptoOnrampErrorDetail } from './errors.js';
export type {
  CryptoOnrampEventMap,
  CryptoOnrampReadyDetail,
  CryptoOnrampRedirectDetail,
  CryptoOnrampSessionUpdatedDetail,
  CryptoOnrampStatusChangeDetail,
  OnrampSessionSnapshot,
} from './events.js';
export type { OnrampSessionStatus } from '../shared/enums.js';
export type { CryptoOnrampMessages } from './internal/locale/catalog.js';

/** `idle`, `loading`, `ready` or `error`: what the element shows. */
export type CryptoOnrampState = SessionState;
export type CryptoOnrampThemeSetting = 'light' | 'dark' | 'auto';
/** `embedded` (Stripe's UI in the page), `redirect` (the session's hosted onramp) or `standalone` (Stripe's account-less onramp). */
export type CryptoOnrampMode = 'embedded' | 'redirect' | 'standalone';

/** A usable timeout in ms (a positive number below setTimeout's limit), else the default. */
const ms = (value: number, fallback: number) => (value > 0 && value < 2 ** 31 ? Number(value) : fallback);

const unhyphenated = (name: string) => name.replace(/-/g, '');

/**
 * Stripe's fiat-to-crypto onramp as a drop-in element. It asks the site's endpoint for a
 * session, loads Stripe's onramp SDK, mounts Stripe's UI and re-emits every session change as
 * DOM events.
 *
 * Import `crypto-onramp-element` to register it as `<crypto-onramp>`, or import the class from
 * `crypto-onramp-element/crypto-onramp.js` and register it under a name of your own.
 *
 * @example
 * ```html
 * <crypto-onramp session-url="/api/onramp-session" destination-currency="usdc" destination-network="base"></crypto-onramp>
 * <script type="module">
 *   import 'crypto-onramp-element';
 *   document.querySelector('crypto-onramp').addEventListener('crypto-onramp-status-change', (event) => {
 *     if (event.detail.status === 'fulfillment_complete') showReceipt(event.detail.session);
 *   });
 * </script>
 * ```
 *
 * @summary Stripe's crypto onramp, in one tag.
 *
 * @fires {CustomEvent<CryptoOnrampReadyDetail>} crypto-onramp-ready - Stripe's UI has loaded (once per mount). `detail: { session }`.
 * @fires {CustomEvent<CryptoOnrampSessionUpdatedDetail>} crypto-onramp-session-updated - Every session update from Stripe. `detail: { session }`.
 * @fires {CustomEvent<CryptoOnrampStatusChangeDetail>} crypto-onramp-status-change - The session's status changed; cancelable when it would go back to `return-url` (`fulfillment_complete`, `rejected`). `detail: { status, previousStatus, session }`.
 * @fires {CustomEvent<CryptoOnrampRedirectDetail>} crypto-onramp-redirect - `mode="redirect"`: the hosted onramp is about to open; cancelable (`preventDefault()` stays). `detail: { sessionId, url, target }`.
 * @fires {CustomEvent<CryptoOnrampErrorDetail>} crypto-onramp-error - Any failure; cancelable (`preventDefault()` hides the built-in error view). `detail: { code, message, retryable, httpStatus?, stripeCode?, param?, retryAfter? }`.
 *
 * @slot loading - Replaces the built-in loading view.
 * @slot error - Replaces the built-in error view.
 * @slot label - The text of the redirect button or the standalone link (default "Buy crypto").
 * @slot mount - The light-DOM node Stripe mounts into: the element appends it, or uses a `<div slot="mount" data-crypto-onramp-mount>` child the page rendered (server-rendered React and Preact render one).
 *
 * @csspart base - The wrapper around everything.
 * @csspart mount - The area that shows Stripe's UI.
 * @csspart loading - The loading view.
 * @csspart error - The error view.
 * @csspart retry-button - The error view's retry button.
 * @csspart redirect-button - `mode="redirect"`: the button that mints and opens the hosted onramp.
 * @csspart standalone-link - `mode="standalone"`: the link to Stripe's standalone onramp.
 *
 * @cssprop [--crypto-onramp-min-height=480px] - Room reserved for Stripe's UI, so the page does not jump.
 * @cssprop [--crypto-onramp-max-width=500px] - The element's maximum width (Stripe's UI is at most 500px wide).
 * @cssprop [--crypto-onramp-background=transparent] - Background behind the views.
 * @cssprop [--crypto-onramp-color=light-dark(#1a1f36, #e3e8ee)] - Text color of the built-in views.
 * @cssprop [--crypto-onramp-muted-color=light-dark(#5b6178, #a3acb9)] - Secondary text color (the spinner's track).
 * @cssprop [--crypto-onramp-accent-color=light-dark(#5851ec, #a39dff)] - Spinner and button color.
 * @cssprop [--crypto-onramp-on-accent-color=light-dark(#fff, #0a0b1e)] - Text on the accent color (button and link).
 * @cssprop [--crypto-onramp-error-color=light-dark(#c0123c, #ff8fa6)] - Error title color.
 * @cssprop [--crypto-onramp-border-radius=12px] - Corner radius.
 * @cssprop [--crypto-onramp-font-family=system-ui, sans-serif] - Font of the built-in views.
 */
export class CryptoOnramp extends LitElement {
  static override styles = styles;

  // `static properties` rather than decorators: the same declarations in fewer bytes (the drop-in
  // bundle has a size budget). The typed, documented fields follow.
  static override properties: PropertyDeclarations = {
    // The session inputs, up to `theme`: a change to any of them mints anew (SESSION_INPUTS below,
    // the session controller's `args`).
    sessionUrl: { attribute: 'session-url' },
    clientSecret: { attribute: false },
    publishableKey: { attribute: 'publishable-key' },
    sessionParams: { attribute: false },
    fetchOptions: { attribute: false },
    destinationCurrency: { attribute: 'destination-currency' },
    destinationNetwork: { attribute: 'destination-network' },
    sourceCurrency: { attribute: 'source-currency' },
    sourceAmount: { attribute: 'source-amount' },
    destinationAmount: { attribute: 'destination-amount' },
    walletAddress: { attribute: 'wallet-address' },
    lockWalletAddress: { attribute: 'lock-wallet-address', type: Boolean },
    destinationCurrencies: { attribute: 'destination-currencies', converter: parseList },
    destinationNetworks: { attribute: 'destination-networks', converter: parseList },
    mode: {},
    theme: { reflect: true },
    loading: { reflect: true },
    requestTimeout: { attribute: false },
    scriptTimeout: { attribute: false },
    readyTimeout: { attribute: false },
    target: {},
    returnUrl: { attribute: 'return-url' },
    messages: { attribute: false },
  };

  /** The site's minting endpoint, resolved against the page. Required unless `clientSecret` is set. */
  declare sessionUrl?: string;
  /** A session minted elsewhere (`cos_…_secret_…`); skips the request. Never reflected to an attribute. */
  declare clientSecret?: string;
  /**
   * `pk_test_…` / `pk_live_…`. Optional when the endpoint answers `publishable_key`; set here, it
   * lets Stripe's scripts load and run while the session is minted.
   */
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
   * `preventDefault()` on that status-change event stays. http(s), or a path resolved against the page.
   */
  declare returnUrl?: string;
  /**
   * The site's own words over the built-in ones (any key of the English catalog; a missing one
   * falls back): a rewording, or a language the element does not ship.
   */
  declare messages?: CryptoOnrampMessages;

  // A camelCase prop on the plain tag is written by React's, Vue's and Svelte's servers as an
  // attribute of that name, which HTML lowercases (`destinationcurrency`), and React does not set
  // it as a property when it hydrates: read those names as the kebab-case attributes.
  static override get observedAttributes(): string[] {
    const names = super.observedAttributes;
    return names.concat(names.map(unhyphenated));
  }
  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(CryptoOnramp.observedAttributes.find((kebab) => unhyphenated(kebab) == name) ?? name, old, value);
  }

  /** The element's language (its `lang`, else the nearest ancestor's across shadow roots, …), live. */
  readonly #words = new ErrorLocaleController(this, ONRAMP_WORDS);
  /**
   * `theme="auto"`: the system's colour scheme, live. Declared first, so that it follows a change
   * of `theme` before the session controller reads the theme in the same update.
   */
  readonly #colorScheme = new ColorSchemeController(
    this,
    () => this.theme === 'auto',
    () => this.#onramp.setTheme(this.#resolvedTheme),
  );
  /**
   * The Stripe lifecycle and the state it produces (session, status, error, redirect URL). It
   * decides itself when to mint: `args` are the session's inputs (SESSION_INPUTS), compared by value
   * (`fetchOptions` as they would be sent), so an equal new literal, or a set and a removal in one
   * task, is no change.
   */
  readonly #onramp: SessionView = new SessionController(this, {
    args: () => SESSION_INPUTS.map((key) => (key == 'fetchOptions' ? asSent(this[key]) : this[key])),
    argsEqual: sameValue,
    config: () => ({
      sessionUrl: this.sessionUrl,
      clientSecret: this.clientSecret,
      publishableKey: this.publishableKey,
      body: () => presetsToBody(this, this.sessionParams),
      fetchOptions: this.fetchOptions,
      theme: this.#resolvedTheme,
      requestTimeout: ms(this.requestTimeout, 15_000),
      scriptTimeout: ms(this.scriptTimeout, 20_000),
      readyTimeout: ms(this.readyTimeout, 30_000),
      returnUrl: this.returnUrl,
      mode: this.mode,
      lazy: this.loading === 'lazy',
    }),
    words: this.#words,
  });

  /** `idle`, `loading`, `ready` or `error`; reflected as the `state` attribute for CSS. */
  get state(): CryptoOnrampState {
    return this.#onramp.state;
  }
  /** The last session Stripe delivered, without `client_secret`; `null` before the first. */
  get session(): OnrampSessionSnapshot | null {
    return this.#onramp.session;
  }
  /** The session's status, reflected as the `status` attribute; `null` before the first. */
  get status(): OnrampSessionStatus | null {
    return this.#onramp.session?.status ?? null;
  }
  /** The last error's detail while `state` is `error`, else `null`. */
  get error(): CryptoOnrampErrorDetail | null {
    return this.#onramp.error;
  }

  /** The language the element speaks and writes numbers in (a BCP 47 tag), resolved from `lang`. */
  get locale(): string {
    return this.#words.locale;
  }

  /** Mints a fresh session and re-mounts (also what the retry button does). */
  refresh(): void {
    this.#onramp.forget();
  }

  // The session controller has decided in its `hostUpdate`, which Lit runs after `willUpdate`:
  // its state is reflected here, before rendering, so the first render's attribute is already
  // `loading` and a state change made while starting schedules no second update.
  protected override update(changed: PropertyValues<this>): void {
    this.setAttribute('state', this.state);
    const status = this.status;
    if (status) this.setAttribute('status', status);
    else this.removeAttribute('status');
    super.update(changed);
  }

  /**
   * `mode="redirect"`: the tab first, inside the click, because a popup blocker allows
   * `window.open` only during a user gesture (`null`: it was blocked); `_self` opens no tab. The
   * controller mints and redirects.
   */
  #redirect() {
    this.#onramp.redirect(this.target === '_self' ? undefined : open('', '_blank'));
  }

  get #resolvedTheme(): OnrampTheme {
    return this.theme === 'dark' || (this.theme === 'auto' && this.#colorScheme.dark) ? 'dark' : 'light';
  }

  protected override render() {
    const { state, error, errorViewPrevented, link } = this.#onramp;
    const mode = this.mode;
    const busy = state === 'loading' || state === 'idle';
    const t = this.#words;
    // The class is the mode: redirect and standalone reserve no room for Stripe's UI. Lit writes
    // `busy` as "true"/"false" and calls event listeners on the element (its `host`). The retry
    // calls `refresh()` as it is when clicked, which a page may have wrapped.
    return html`
      <div part="base" class="base ${mode}" aria-busy=${busy} dir=${t.word('dir')}>
        ${mode === 'redirect'
          ? html`<button part="redirect-button" ?disabled=${busy} @click=${this.#redirect}><slot name="label">${t.word('buy')}</slot></button>`
          : link
            ? html`<a part="standalone-link" href=${link} target=${this.target} rel="noopener noreferrer"><slot name="label">${t.word('buy')}</slot></a>`
            : html`<div part="mount" ?hidden=${state === 'error'}><slot name="mount"></slot></div>`}
        ${busy ? this.#renderLoading() : nothing}
        ${state === 'error' && error && !errorViewPrevented ? this.#renderError(error) : nothing}
      </div>
    `;
  }

  #renderLoading() {
    return html`
      <div part="loading" class="overlay">
        <slot name="loading">
          <div class="spinner" role="progressbar" aria-label=${this.#words.word('loading')}></div>
        </slot>
      </div>
    `;
  }

  #renderError(error: CryptoOnrampErrorDetail) {
    const redirectUrl = this.#onramp.redirectUrl;
    const t = this.#words;
    return html`
      <div part="error" class="overlay">
        <slot name="error">
          <p role="alert"><strong>${t.word('errorTitle')}</strong><br>${t.message(error)}</p>
          ${redirectUrl
            ? html`<a href=${redirectUrl} target="_blank" rel="noopener noreferrer">${t.word('newWindow')}</a>`
            : nothing}
          ${error.retryable
            ? html`<button part="retry-button" type="button" @click=${() => this.refresh()}>${t.word('retry')}</button>`
            : nothing}
        </slot>
      </div>
    `;
  }
}

/**
 * The session's inputs: the properties declared before `theme`, in `properties` above, where the
 * group is marked. A change of any of them (by value) mints anew; the rest (theme, loading,
 * timeouts, target, return URL) apply to the session the element has. Read off the declarations
 * rather than listed again: a second list of the fifteen names cost the drop-in's entry 93 B gzip, which its budget lacks.
 */
const PROPERTY_NAMES = Object.keys(CryptoOnramp.properties) as Array<keyof CryptoOnramp>;
const SESSION_INPUTS = PROPERTY_NAMES.slice(0, PROPERTY_NAMES.indexOf('theme'));

declare global {
  interface HTMLElementTagNameMap {
    'crypto-onramp': CryptoOnramp;
  }
}
