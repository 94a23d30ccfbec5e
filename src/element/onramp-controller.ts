/**
 * Owns the Stripe lifecycle of one `<crypto-onramp>`: mint a session and load Stripe's scripts in
 * parallel, create the SDK session, mount it in the light DOM, relay its events, and tear all of
 * it down on disconnect so that nothing fires afterwards. The element owns attributes, rendering
 * and events; this class owns time and Stripe.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { OnrampSession, OnrampUIEvents, StripeOnramp } from '@stripe/crypto';
import type { BrowserOnrampSession, MintResponse } from '../shared/session.js';
import { CryptoOnrampError, toOnrampError } from './errors.js';
import { createMountNode, type MountNode } from './mount-node.js';
import { checkPublishableKey } from './publishable-key.js';
import { newIdempotencyKey, requestSession } from './session-request.js';
import { loadOnramp, preloadStripeScripts } from './stripe-loader.js';

export type OnrampTheme = 'light' | 'dark';

/** What the controller reads from its element at the start of each attempt. */
export interface OnrampConfig {
  sessionUrl: string | undefined;
  clientSecret: string | undefined;
  publishableKey: string | undefined;
  /** Builds the request body; may throw a `CryptoOnrampError` for contradictory presets. */
  body(): Record<string, unknown>;
  fetchOptions: RequestInit | undefined;
  theme: OnrampTheme;
  requestTimeout: number;
  scriptTimeout: number;
}

export interface OnrampCallbacks {
  loading(): void;
  /** Stripe's UI rendered (`onramp_ui_loaded`). */
  uiLoaded(session: BrowserOnrampSession): void;
  /** A kept SDK session whose UI had loaded was mounted again (a move): Stripe sends no new event. */
  resumed(): void;
  sessionUpdated(session: BrowserOnrampSession): void;
  failed(error: CryptoOnrampError, context: { redirectUrl: string | undefined }): void;
}

type Host = ReactiveControllerHost & HTMLElement;

export class OnrampController implements ReactiveController {
  /** Bumped by every start and stop: async work from an older attempt sees it and gives up. */
  #attempt = 0;
  #abort: AbortController | undefined;
  /** The minted session, kept across a disconnect so a move in the DOM re-mounts it. */
  #minted: MintResponse | undefined;
  #idempotencyKey = newIdempotencyKey();
  #onramp: StripeOnramp | undefined;
  /** The mounted SDK session, whose events reach the element. */
  #session: OnrampSession | undefined;
  /**
   * The SDK session last created, kept across a disconnect: a move re-mounts it (Stripe's
   * `mount()` moves its iframe) rather than creating another, because every `createSession` adds a
   * window listener that Stripe never removes.
   */
  #sdk: { session: OnrampSession; clientSecret: string; theme: OnrampTheme; loaded: boolean } | undefined;
  #sessionListener: ((event: OnrampUIEvents) => void) | undefined;
  #mountNode: MountNode | undefined;
  #theme: OnrampTheme = 'light';

  readonly #host: Host;
  readonly #config: () => OnrampConfig;
  readonly #callbacks: OnrampCallbacks;

  constructor(host: Host, config: () => OnrampConfig, callbacks: OnrampCallbacks) {
    this.#host = host;
    this.#config = config;
    this.#callbacks = callbacks;
    host.addController(this);
  }

  /** Forget the current session: the next start mints a new one under a new idempotency key. */
  invalidate(): void {
    this.#minted = undefined;
    this.#sdk = undefined;
    this.#idempotencyKey = newIdempotencyKey();
  }

  /** Starts (or restarts) the attempt to show a session. Never throws, never rejects. */
  start(): void {
    this.stop();
    const attempt = this.#attempt;
    const abort = (this.#abort = new AbortController());
    this.#callbacks.loading();
    void this.#run(attempt, abort.signal).catch((error: unknown) => {
      if (attempt !== this.#attempt) return; // superseded or disconnected: nothing may fire
      const failure = toOnrampError(error, 'mount_failed', 'The onramp could not be shown');
      this.#teardownStripe();
      this.#callbacks.failed(failure, { redirectUrl: this.#minted?.redirect_url });
    });
  }

  /** Aborts what is in flight and removes Stripe's UI; keeps the minted session for a re-mount. */
  stop(): void {
    this.#attempt++;
    this.#abort?.abort();
    this.#abort = undefined;
    this.#teardownStripe();
  }

  hostDisconnected(): void {
    this.stop();
  }

  /** Applies a theme, keeping the session: `setAppearance` where the SDK has it, else re-create. */
  setTheme(theme: OnrampTheme): void {
    if (theme === this.#theme) return;
    this.#theme = theme;
    const session = this.#session as (OnrampSession & { setAppearance?: (a: { theme: OnrampTheme }) => unknown }) | undefined;
    if (!session || !this.#onramp || !this.#minted) return;
    if (typeof session.setAppearance === 'function') {
      session.setAppearance({ theme });
      return;
    }
    // No setAppearance: a new SDK session on the same client secret resumes where the customer was.
    try {
      this.#teardownStripe();
      this.#sdk = undefined;
      this.#mountSession(this.#onramp, this.#minted.client_secret, this.#attempt);
    } catch (error) {
      this.#callbacks.failed(toOnrampError(error, 'mount_failed', 'The onramp could not be re-created'), {
        redirectUrl: this.#minted.redirect_url,
      });
    }
  }

  async #run(attempt: number, signal: AbortSignal): Promise<void> {
    const config = this.#config();
    this.#theme = config.theme;
    if (config.clientSecret === undefined && !config.sessionUrl) {
      throw new CryptoOnrampError('missing_configuration', 'Set the session-url attribute (your minting endpoint) or the clientSecret property.');
    }
    // Stripe's script refuses to run in a framed page: mint anyway, for the hosted fallback.
    const framed = window.self !== window.top;
    const knownKey = config.publishableKey ? checkPublishableKey(config.publishableKey) : undefined;
    // The request goes out first: it waits on the site's server and Stripe's API, the longer road.
    const minting = this.#mint(config, signal);
    let scripts: Promise<StripeOnramp> | undefined;
    if (!framed) {
      if (knownKey) {
        scripts = loadOnramp(knownKey, config.scriptTimeout);
        scripts.catch(() => {}); // awaited below; a mint failure is the one reported
      } else {
        preloadStripeScripts();
      }
    }

    const minted = await minting;
    if (attempt !== this.#attempt) return;
    this.#minted = minted;
    if (framed) {
      throw new CryptoOnrampError(
        'unsupported_context',
        minted.redirect_url
          ? "Stripe's onramp cannot run inside a framed page; it can open in a new window instead."
          : "Stripe's onramp cannot run inside a framed page (an iframe). Open this page on its own.",
        { retryable: false },
      );
    }
    const publishableKey = knownKey ?? checkPublishableKey(minted.publishable_key);
    const onramp = await (scripts ?? loadOnramp(publishableKey, config.scriptTimeout));
    if (attempt !== this.#attempt) return;
    this.#onramp = onramp;
    this.#mountSession(onramp, minted.client_secret, attempt);
  }

  async #mint(config: OnrampConfig, signal: AbortSignal): Promise<MintResponse> {
    if (config.clientSecret !== undefined) return { client_secret: config.clientSecret };
    if (this.#minted) return this.#minted;
    let url: string;
    try {
      url = new URL(config.sessionUrl ?? '', document.baseURI).href;
    } catch {
      throw new CryptoOnrampError('missing_configuration', 'session-url is not a valid URL.', { param: 'session-url' });
    }
    return requestSession({
      url,
      body: config.body(),
      idempotencyKey: this.#idempotencyKey,
      fetchOptions: config.fetchOptions,
      timeoutMs: config.requestTimeout,
      signal,
    });
  }

  #mountSession(onramp: StripeOnramp, clientSecret: string, attempt: number): void {
    const theme = this.#theme;
    const kept = this.#sdk?.clientSecret === clientSecret && this.#sdk.theme === theme ? this.#sdk : undefined;
    let session: OnrampSession;
    try {
      session = kept?.session ?? onramp.createSession({ clientSecret, appearance: { theme } });
    } catch (error) {
      throw toOnrampError(error, 'mount_failed', 'Stripe refused to create the onramp session');
    }
    const sdk = (this.#sdk = kept ?? { session, clientSecret, theme, loaded: false });
    const listener = (event: OnrampUIEvents) => {
      // A late event from a torn-down session must not reach the page.
      if (attempt !== this.#attempt || this.#session !== session) return;
      const payload = event.payload.session as unknown as BrowserOnrampSession;
      if (event.type === 'onramp_ui_loaded') {
        sdk.loaded = true;
        this.#callbacks.uiLoaded(payload);
      }
      else if (event.type === 'onramp_session_updated') this.#callbacks.sessionUpdated(payload);
    };
    this.#session = session;
    this.#sessionListener = listener;
    session.addEventListener('*', listener);
    this.#mountNode = createMountNode(this.#host, 'mount');
    try {
      session.mount(this.#mountNode.node);
    } catch (error) {
      this.#sdk = undefined; // a retry starts from a fresh SDK session
      throw toOnrampError(error, 'mount_failed', 'Stripe could not mount the onramp');
    }
    if (kept?.loaded) this.#callbacks.resumed();
  }

  #teardownStripe(): void {
    if (this.#session && this.#sessionListener) this.#session.removeEventListener('*', this.#sessionListener);
    this.#session = undefined; // `#sdk` stays, for a re-mount after a move
    this.#sessionListener = undefined;
    // Stripe has no unmount: removing the container removes its iframe (Stripe's React sample does the same).
    this.#mountNode?.remove();
    this.#mountNode = undefined;
  }
}
