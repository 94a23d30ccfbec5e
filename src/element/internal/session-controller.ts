/**
 * Owns the Stripe lifecycle of one `<crypto-onramp>` and the state it produces, the way `@lit/task`
 * holds its status and value: mint a session and load Stripe's scripts in parallel, create the SDK
 * session, mount it in the light DOM, relay its events as the element's DOM events, and tear all of
 * it down on disconnect so that nothing fires afterwards. Every change of `state`, `session`,
 * `error` or `redirectUrl` asks the host to update. The element owns attributes and rendering.
 *
 * Like a `Task`, it decides itself when to run, in `hostUpdate`: its inputs are an explicit list
 * (`args()`), compared with the last update's by `argsEqual`; a difference forgets the session,
 * and a due attempt starts in the way the mode says (embedded, lazy, redirect, standalone). Its
 * state is read through getters only.
 *
 * Stripe's script is harsher than its types (as observed in a page: docs/architecture.md): every SDK
 * session on the page hears every Stripe frame, so only events carrying this element's session id
 * count; and a frame announces itself again after every (re)load, so "ready" is reported once per
 * mount, whoever announces first.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { OnrampSession, OnrampUIEvents, StripeOnramp } from '@stripe/crypto';
import type { OnrampSessionStatus } from '../../shared/enums.js';
import { CLIENT_SECRET_PATTERN, type BrowserOnrampSession, type MintResponse } from '../../shared/session.js';
import type { CryptoOnrampError, CryptoOnrampErrorDetail } from '../errors.js';
import type { OnrampSessionSnapshot } from '../events.js';
import { emit, toSnapshot } from './emit.js';
import { toOnrampError } from './failures.js';
import { elementError, explain } from './element-error.js';
import type { ErrorLocaleController } from './locale/error-locale-controller.js';
import { createMountNode } from './mount-node.js';
import { checkPublishableKey } from './publishable-key.js';
import { newIdempotencyKey, requestSession } from './session-request.js';
import { returnUrlFor } from './return-url.js';
import { safeHttpUrl } from './safe-url.js';
import { sessionIdOf } from './session-id.js';
import { loadOnramp, preconnectStripeFrame, preloadStripeScripts } from './stripe-loader.js';

export type OnrampTheme = 'light' | 'dark';
/** `idle` (nothing started yet), `loading`, `ready` (Stripe's UI announced itself) or `error`. */
export type SessionState = 'idle' | 'loading' | 'ready' | 'error';

/** What the controller reads from its element at the start of each attempt. */
export interface OnrampConfig {
  sessionUrl: unknown;
  clientSecret: unknown;
  publishableKey: unknown;
  /** Builds the request body; may throw a `CryptoOnrampError` for contradictory presets. */
  body(): Record<string, unknown>;
  fetchOptions: unknown;
  theme: OnrampTheme;
  requestTimeout: number;
  scriptTimeout: number;
  readyTimeout: number;
  /** Where to go back to when the purchase ends (`return-url`), if anywhere. */
  returnUrl: unknown;
  /** `embedded`, `redirect` (a button that mints on click) or `standalone` (a link, no session). */
  mode: string;
  /** `loading="lazy"`: mint only once the host comes near the viewport. */
  lazy: boolean;
}

/** What the controller is given by its element, in the shape of `@lit/task`'s options. */
export interface SessionOptions {
  /** The inputs that make a session, in a fixed order: a change of any (by `argsEqual`) mints anew. */
  args(): readonly unknown[];
  /** Whether two `args()` lists are the same session. */
  argsEqual(a: readonly unknown[], b: readonly unknown[]): boolean;
  /** Read at the start of each attempt (and each update, for the theme and the mode). */
  config(): OnrampConfig;
  /** The element's language, which writes the sentence of an error it shows (element-error.ts `explain`). */
  words: ErrorLocaleController;
}

/** How far outside the viewport `loading="lazy"` starts minting. */
const LAZY_ROOT_MARGIN = '300px';

type Host = ReactiveControllerHost & HTMLElement;

/**
 * What the element sees of the controller: its state, read-only (fields rather than getters: the
 * drop-in's size budget), and the three things it may ask (`forget`, `setTheme`, `redirect`).
 */
export type SessionView = Readonly<Pick<SessionController, 'state' | 'session' | 'error' | 'errorViewPrevented' | 'redirectUrl' | 'link'>> &
  Pick<SessionController, 'forget' | 'setTheme' | 'redirect'>;

/** The SDK session last created, with what a re-mount after a move needs. */
interface SdkSession {
  session: OnrampSession;
  clientSecret: string;
  theme: OnrampTheme;
  /** The last session Stripe delivered for it, once its UI has loaded. */
  last?: BrowserOnrampSession;
}

export class SessionController implements ReactiveController {
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
   * Kept across a disconnect: a move re-mounts it (Stripe's `mount()` moves its iframe) rather than
   * creating another, because every `createSession` adds a window listener that Stripe never removes.
   */
  #sdk: SdkSession | undefined;
  /** Detaches the mounted session's listener and removes its mount node (Stripe's UI with it). */
  #unmount: (() => void) | undefined;
  #readyTimer: ReturnType<typeof setTimeout> | undefined;
  /** The theme the SDK session has or will be created with; set from the config before every create. */
  #theme!: OnrampTheme;

  // The state the element reads, through `SessionView` (read-only): only the controller writes it.
  /** What the element shows. */
  state: SessionState = 'idle';
  /** The last session Stripe delivered, without `client_secret`; `null` before the first. */
  session: OnrampSessionSnapshot | null = null;
  /** The last error's detail while `state` is `error`, else `null`. */
  error: CryptoOnrampErrorDetail | null = null;
  /** Whether the page called `preventDefault()` on the last error event. */
  errorViewPrevented = false;
  /** The hosted onramp's URL (http(s) only), for the error view's "open in a new window" link. */
  redirectUrl: string | undefined;
  /** `mode="standalone"`: the link to Stripe's standalone onramp, once built. */
  link: string | undefined;
  /**
   * Whether an attempt is due: set at first, by `forget()` and by a re-insertion (a move, which
   * re-mounts the session it has); cleared by whatever starts or stops one (`#stop`).
   */
  #pending = true;
  #lastStatus: OnrampSessionStatus | null = null;
  /** The inputs as the last update saw them. */
  #args: readonly unknown[] | undefined;

  readonly #host: Host;
  readonly #options: SessionOptions;
  /** `loading="lazy"`: watches for the host coming within `LAZY_ROOT_MARGIN` of the viewport. */
  #observer: IntersectionObserver | undefined;
  /** `loading="lazy"`: set once the host has come near the viewport; it stays set. */
  #near = false;

  constructor(host: Host, options: SessionOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /**
   * Before each render: a change of the inputs forgets the session; then a due attempt starts as
   * the mode says, only in a document (not while detached, nor under server-side rendering, which
   * skips this hook). Several changes in one task are one update, so they start one attempt; a
   * state change made while starting is rendered by this same update.
   */
  hostUpdate(): void {
    const { args, argsEqual, config: read } = this.#options;
    const inputs = args();
    if (this.#args && !argsEqual(this.#args, inputs)) this.forget();
    this.#args = inputs;
    const config = read();
    if (!this.#pending) return this.setTheme(config.theme);
    if (!this.#host.isConnected) return;
    if (config.returnUrl && !safeHttpUrl(config.returnUrl)) {
      this.#fail(elementError('missing_configuration', 'returnUrl', { param: 'return-url' }));
    } else if (config.mode === 'redirect') {
      this.#ready();
    } else if (config.mode === 'standalone') {
      void this.#runTask(() => import('./standalone.js').then(({ standaloneUrl }) => standaloneUrl(config.body(), config.scriptTimeout))).then(
        (link) => link && this.#ready(link),
      );
    } else if (config.lazy && !this.#near) this.#observe();
    else this.#start();
  }

  /**
   * `loading="lazy"`: waits for the host to come near the viewport, then updates it (which starts
   * the attempt). Like `IntersectionController` from @lit-labs/observers, the observer lives only
   * until then, or until a disconnect.
   */
  #observe(): void {
    if (this.#observer) return;
    const host = this.#host;
    (this.#observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        this.#near = true;
        this.#unobserve();
        host.requestUpdate();
      },
      { rootMargin: LAZY_ROOT_MARGIN },
    )).observe(host);
  }

  #unobserve(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
  }

  /**
   * Forgets the session: the next start mints a new one under a new idempotency key, and the
   * session, its last status and the redirect URL are cleared.
   */
  forget(): void {
    this.#minted = undefined;
    this.#sdk = undefined;
    this.#idempotencyKey = newIdempotencyKey();
    this.session = this.#lastStatus = null;
    this.redirectUrl = this.link = undefined;
    this.#due();
  }

  /** Starts (or restarts) the attempt to show a session. Never throws, never rejects. */
  #start(): void {
    // `#runTask` has just started a new attempt when it calls the task.
    void this.#runTask((signal) => this.#run(this.#attempt, signal));
  }

  /**
   * Runs `task` as the element's current attempt, superseding any other (Stripe's UI included),
   * showing `loading` meanwhile: its result, or `undefined` when it failed (shown and reported)
   * or was superseded. The redirect and standalone modes run through it. Never rejects.
   */
  async #runTask<T>(task: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
    this.#stop();
    const attempt = this.#attempt;
    this.state = 'loading';
    this.error = null;
    this.#host.requestUpdate();
    try {
      const result = await task((this.#abort = new AbortController()).signal);
      if (attempt === this.#attempt) return result;
    } catch (error) {
      this.#failAttempt(attempt, error);
    }
    return undefined;
  }

  /**
   * `mode="redirect"`'s click, after the element opened `tab` inside it (`_blank`; `null`: the
   * popup was blocked; `undefined`: `_self`). The redirect loads on demand (redirect.ts); the
   * session is minted (or reused) as the embedded flow would, with the same request, key and
   * errors, and its hosted onramp opened. A chunk that cannot load closes the tab and ends in one
   * retryable error.
   */
  redirect(tab: Window | null | undefined): void {
    import('./redirect.js').then(
      async ({ redirect }) => {
        const minted = await this.#runTask((signal) => this.#mint(this.#options.config(), signal));
        if (!minted) return tab?.close();
        this.#minted = minted;
        this.#ready();
        redirect(this.#host, minted, tab, this.#fail);
      },
      (error: unknown) => {
        tab?.close();
        this.#fail(toOnrampError(error));
      },
    );
  }

  /** The redirect and standalone modes: `ready` (nothing else running), with the standalone link if there is one. */
  #ready(link = this.link): void {
    this.#stop();
    this.state = 'ready';
    this.link = link;
    this.#host.requestUpdate();
  }

  /** An error found outside an attempt (a bad `return-url`, the redirect's): shown and reported. */
  readonly #fail = (error: CryptoOnrampError, redirectUrl?: string): void => {
    this.#stop();
    void this.#showError(error, redirectUrl);
  };

  /**
   * Aborts what is in flight and removes Stripe's UI; keeps the minted session for a re-mount. No
   * attempt is due any more: whatever stops one either starts the next (`#runTask`, `#ready`,
   * `#fail`) or is a disconnect, after which a re-insertion makes one due again.
   */
  #stop(): void {
    this.#pending = false;
    this.#attempt++;
    this.#abort?.abort();
    this.#abort = undefined;
    this.#teardownStripe();
  }

  hostConnected(): void {
    // The first connection starts the first attempt; a re-insertion (a move in the DOM) re-mounts
    // the session it already has. Either happens in the host's next update, which also sees any
    // input changed in the same task (then it mints once instead).
    this.#due();
  }

  hostDisconnected(): void {
    this.#stop();
    this.#unobserve();
  }

  #due(): void {
    this.#pending = true;
    this.#host.requestUpdate();
  }

  /** Applies a theme, keeping the session: `setAppearance` where the SDK has it, else re-create. */
  setTheme(theme: OnrampTheme): void {
    if (theme === this.#theme) return;
    this.#theme = theme;
    const session = this.#session as (OnrampSession & { setAppearance?: (a: { theme: OnrampTheme }) => unknown }) | undefined;
    if (!session || !this.#onramp || !this.#minted) return;
    const attempt = this.#attempt;
    try {
      if (typeof session.setAppearance === 'function') {
        session.setAppearance({ theme });
        return;
      }
      // No setAppearance: a new SDK session on the same client secret resumes where the customer was.
      this.#teardownStripe();
      this.#sdk = undefined;
      this.#mountSession(this.#onramp, this.#minted.client_secret, attempt);
    } catch (error) {
      this.#failAttempt(attempt, toOnrampError(error, 'mount_failed', 'stripeTheme'));
    }
  }

  /** Ends an attempt in an error, unless a newer attempt (or a disconnect) superseded it. */
  #failAttempt(attempt: number, error: unknown): void {
    if (attempt !== this.#attempt) return;
    this.#teardownStripe();
    void this.#showError(toOnrampError(error), this.#minted?.redirect_url);
  }

  /**
   * Shows and reports an error, once its sentence is in (`explain`: an error of the element's own
   * configuration waits for the sentences' chunk, any other is shown at once), unless a newer
   * attempt or a disconnect came first.
   */
  async #showError(error: CryptoOnrampError, redirectUrl?: string): Promise<void> {
    const attempt = this.#attempt;
    const host = this.#host;
    const explaining = explain(error, this.#options.words);
    const detail = explaining ? await explaining : error.detail;
    if (attempt !== this.#attempt) return;
    this.state = 'error';
    this.error = detail;
    this.redirectUrl = safeHttpUrl(redirectUrl)?.href;
    // Requested before dispatching, so a listener awaiting `updateComplete` sees the error view;
    // the update itself runs after the listeners, when `preventDefault()` is known.
    host.requestUpdate();
    this.errorViewPrevented = !emit(host, 'crypto-onramp-error', detail, true);
  }

  /**
   * A session of this element's own arrived from Stripe: `type` is the event it makes, if any
   * (ready once per mount, session updates; Stripe's re-announcements after a move make none).
   */
  #received(payload: BrowserOnrampSession, type?: 'crypto-onramp-ready' | 'crypto-onramp-session-updated'): void {
    const session = toSnapshot(payload);
    const { status } = session;
    const previousStatus = this.#lastStatus;
    // A re-announcement that brings a new status (it changed while the frame reloaded) is an update.
    type ??= status !== previousStatus ? 'crypto-onramp-session-updated' : undefined;
    this.session = session;
    if (type === 'crypto-onramp-ready') this.state = 'ready';
    this.#host.requestUpdate();
    if (type) emit(this.#host, type, { session });
    if (status === previousStatus) return;
    this.#lastStatus = status;
    // Cancelable when it would go back to `return-url`: `preventDefault()` stays on the page.
    const back = returnUrlFor(this.#options.config().returnUrl, session);
    if (emit(this.#host, 'crypto-onramp-status-change', { status, previousStatus, session }, !!back) && back) {
      location.assign(back);
    }
    if (status === 'error') {
      void this.#showError(elementError('session_error', 'sessionError'));
    }
  }

  async #run(attempt: number, signal: AbortSignal): Promise<void> {
    const config = this.#options.config();
    this.#theme = config.theme;
    const secret = config.clientSecret;
    // Refused before Stripe sees it: Stripe's error would repeat the value. Never echoed here either.
    if (secret != null && !(typeof secret === 'string' && CLIENT_SECRET_PATTERN.test(secret))) {
      throw elementError('invalid_client_secret', 'clientSecret', { param: 'clientSecret' });
    }
    if (secret == null && !config.sessionUrl) {
      // Not yet: a server-rendered page upgrades the element before its framework hydrates and
      // sets the properties (a client secret, an endpoint). The page has its chance until it has
      // loaded and one task more; a property set meanwhile supersedes this attempt, which then
      // fails unseen (`#failAttempt` drops an older attempt's error).
      if (document.readyState != 'complete') await new Promise((done) => addEventListener('load', () => setTimeout(done), { once: true }));
      throw elementError('missing_configuration', 'noSessionUrl');
    }
    // Stripe's script refuses to run in a framed page: mint anyway, for the hosted fallback.
    const framed = window.self !== window.top;
    const knownKey = config.publishableKey ? checkPublishableKey(config.publishableKey) : undefined;
    // The request goes out first: it waits on the site's server and Stripe's API, the longer road.
    const minting = this.#mint(config, signal);
    let scripts: Promise<StripeOnramp> | undefined;
    if (!framed) {
      preconnectStripeFrame();
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
      throw elementError('unsupported_context', minted.redirect_url ? 'framedHosted' : 'framed', { retryable: false });
    }
    const publishableKey = knownKey ?? checkPublishableKey(minted.publishable_key);
    const onramp = await (scripts ?? loadOnramp(publishableKey, config.scriptTimeout));
    if (attempt !== this.#attempt) return;
    this.#onramp = onramp;
    this.#mountSession(onramp, minted.client_secret, attempt);
  }

  async #mint(config: OnrampConfig, signal: AbortSignal): Promise<MintResponse> {
    if (config.clientSecret != null) return { client_secret: config.clientSecret as string };
    if (this.#minted) return this.#minted;
    const fetchOptions = config.fetchOptions;
    if (fetchOptions != null && typeof fetchOptions !== 'object') {
      throw elementError('missing_configuration', 'fetchOptions', { param: 'fetchOptions' });
    }
    let url: string;
    try {
      url = new URL(String(config.sessionUrl), document.baseURI).href;
    } catch {
      throw elementError('missing_configuration', 'sessionUrl', { param: 'session-url' });
    }
    return requestSession({
      url,
      body: config.body(),
      idempotencyKey: this.#idempotencyKey,
      fetchOptions: fetchOptions as RequestInit | undefined,
      timeoutMs: config.requestTimeout,
      signal,
    });
  }

  #mountSession(onramp: StripeOnramp, clientSecret: string, attempt: number): void {
    const theme = this.#theme;
    // The session id is the secret's `cos_…` prefix: the one thing that tells this element's
    // events from those of every other Stripe frame on the page.
    const sessionId = sessionIdOf(clientSecret);
    const kept = this.#sdk?.clientSecret === clientSecret && this.#sdk.theme === theme ? this.#sdk : undefined;
    let session: OnrampSession;
    try {
      session = kept?.session ?? onramp.createSession({ clientSecret, appearance: { theme } });
    } catch (error) {
      throw toOnrampError(error, 'mount_failed', 'stripeCreate');
    }
    const sdk: SdkSession = (this.#sdk = kept ?? { session, clientSecret, theme });
    /** Whether this mount has reported ready: a kept session that had loaded reports it at once. */
    let announced = false;
    const listener = (event: OnrampUIEvents) => {
      const payload = event?.payload?.session as BrowserOnrampSession | undefined;
      // A late event from a torn-down session, or another session's event, must not reach the page.
      if (attempt !== this.#attempt || this.#session !== session || payload?.id !== sessionId) return;
      if (event.type === 'onramp_ui_loaded') {
        sdk.last = payload;
        clearTimeout(this.#readyTimer);
        this.#received(payload, announced ? undefined : 'crypto-onramp-ready');
        announced = true;
      } else if (event.type === 'onramp_session_updated') {
        sdk.last = payload;
        this.#received(payload, 'crypto-onramp-session-updated');
      }
    };
    this.#session = session;
    session.addEventListener('*', listener);
    const mountNode = createMountNode(this.#host, 'mount');
    // Stripe has no unmount: removing the container removes its iframe (Stripe's React sample does the same).
    this.#unmount = () => {
      session.removeEventListener('*', listener);
      mountNode.remove();
    };
    try {
      session.mount(mountNode.node);
    } catch (error) {
      this.#sdk = undefined; // a retry starts from a fresh SDK session
      throw toOnrampError(error, 'mount_failed', 'stripeMount');
    }
    if (kept?.last) {
      // A move: the session had loaded. Stripe's reloaded frame may announce it again, or not.
      announced = true;
      this.#received(kept.last, 'crypto-onramp-ready');
      return;
    }
    const { readyTimeout } = this.#options.config();
    this.#readyTimer = setTimeout(() => this.#failAttempt(attempt, elementError('ready_timeout', 'readyTimeout', {}, readyTimeout)), readyTimeout);
  }

  #teardownStripe(): void {
    clearTimeout(this.#readyTimer);
    this.#unmount?.();
    this.#unmount = this.#session = undefined; // `#sdk` stays, for a re-mount after a move
  }
}
