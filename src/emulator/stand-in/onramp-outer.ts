/**
 * The stand-in for https://crypto-js.stripe.com/crypto-onramp-outer.js, serialized into
 * `GET /js/crypto-onramp-outer.js` with the emulator's URL baked in (tests serve it AT Stripe's
 * URL, so it cannot learn the emulator from its own `src`). Behaves as Stripe's script is observed to
 * (as observed in a page: docs/architecture.md), harsh parts included: every SDK session hears every message
 * from the frame's origin, the frame announces itself on every load, the frame URL carries the
 * secret, error texts repeat the value given. `StripeOnramp()` refuses a framed page and a page
 * without Stripe.js; the publishable key and the client secret are validated; one iframe is mounted,
 * in the light DOM only.
 * Runs in the browser: no imports, no outside references.
 */
import type { OnrampSession, OnrampSessionOptions, OnrampUIEventListener, OnrampUIEventMap, OnrampSessionResult } from '@stripe/crypto';
import type { FrameToParentMessage, ParentToFrameMessage, Theme } from './protocol.js';

/**
 * Which version of Stripe's script the stand-in plays. `current`: `appearance` honoured and
 * `session.setAppearance({ theme })`. `legacy`: as older versions observed in the wild, no
 * `setAppearance` and `appearance` ignored (not even checked): the frame is always light.
 */
export type StandInSdk = 'current' | 'legacy';

export interface OnrampOuterConfig {
  emulatorUrl: string;
  messageSource: string;
  sdk: StandInSdk;
  /** `RegExp` sources of the shared formats (src/shared/key-formats.ts): the script has no imports. */
  clientSecretPattern: string;
  publishableKeyPattern: string;
}

export function onrampOuterStandIn(config: OnrampOuterConfig): void {
  /** Stripe's own error class name: its messages read `IntegrationError: …` in a console. */
  class IntegrationError extends Error {
    constructor(message: string) {
      super(message);
      this.name = 'IntegrationError';
    }
  }
  type AnyListener = OnrampUIEventListener<keyof OnrampUIEventMap>;
  type EventType = keyof OnrampUIEventMap | '*';
  type SessionWithAppearance = OnrampSession & {
    setAppearance?: (options: { theme: Theme }) => OnrampSession;
    session: OnrampSessionResult | null;
  };

  const origin = new URL(config.emulatorUrl).origin;
  const CLIENT_SECRET = new RegExp(config.clientSecretPattern);
  const PUBLISHABLE_KEY = new RegExp(config.publishableKeyPattern);
  const MIN_SIZE = { width: 320, height: 480 };
  const MAX_SIZE = { width: 500, height: 750 };

  function checkTheme(theme: unknown): Theme {
    if (theme !== 'light' && theme !== 'dark') {
      throw new IntegrationError(`Invalid appearance.theme: expected "light" or "dark", got ${JSON.stringify(theme)}.`);
    }
    return theme;
  }

  function lightDomError(reason: string): Error {
    return new IntegrationError(`Onramp cannot be mounted ${reason}. Please mount in the Light DOM of a connected element (not inside a ShadowRoot).`);
  }

  function resolveMountTarget(target: unknown): HTMLElement {
    let node: unknown = target;
    if (typeof target === 'string') {
      // Stripe's mount() looks the id up with document.getElementById: it cannot see into shadow roots.
      node = document.getElementById(target.replace(/^#/, ''));
      if (!node) throw new IntegrationError(`Onramp could not find an element with id ${JSON.stringify(target)} to mount into.`);
    }
    if (!(node instanceof HTMLElement)) throw new IntegrationError('mount() expects a DOM element or the id of one.');
    if (!node.isConnected) throw lightDomError('into an element that is not in the document');
    if (node.getRootNode() instanceof ShadowRoot) throw lightDomError('inside a ShadowRoot');
    return node;
  }

  /**
   * Emulator only (Stripe's UI picks its own language): the language of the place the frame is
   * mounted in, the nearest `lang` up the composed tree: through the slot a node is projected into
   * (a mount node projected into a component reads that component's `lang`), to a shadow root's
   * host, up to `<html lang>`; else the browser's. `lang=""` says unknown: the browser's too.
   */
  function pageLanguage(node: Element): string {
    for (let at: Element | null = node; at; ) {
      const lang = at.getAttribute('lang');
      if (lang !== null) return lang || navigator.language;
      const parent: Node | null = at.parentNode;
      at = at.assignedSlot ?? (parent instanceof ShadowRoot ? parent.host : at.parentElement);
    }
    return navigator.language;
  }

  function createSession(publishableKey: string, options: OnrampSessionOptions): OnrampSession {
    if (typeof options !== 'object' || options === null) throw new IntegrationError('createSession() expects an options object with a clientSecret.');
    const clientSecret: unknown = options.clientSecret;
    if (typeof clientSecret !== 'string' || !CLIENT_SECRET.test(clientSecret)) {
      // Stripe's text repeats the value it was given, whatever it holds (a secret included).
      throw new IntegrationError(`Invalid client secret: ${String(clientSecret)}`);
    }
    const legacy = config.sdk === 'legacy';
    let theme: Theme = legacy || options.appearance?.theme === undefined ? 'light' : checkTheme(options.appearance.theme);
    const listeners = new Map<EventType, Set<AnyListener>>();
    let iframe: HTMLIFrameElement | null = null;

    function dispatch(event: { type: keyof OnrampUIEventMap; payload: { session: OnrampSessionResult } }): void {
      const targets = [...(listeners.get(event.type) ?? []), ...(listeners.get('*') ?? [])];
      for (const listener of targets) {
        try {
          listener(event as OnrampUIEventMap[keyof OnrampUIEventMap]);
        } catch (error) {
          // A throwing listener must not stop the others; report it as the browser would.
          setTimeout(() => {
            throw error;
          });
        }
      }
    }

    function post(message: ParentToFrameMessage): void {
      iframe?.contentWindow?.postMessage(message, origin);
    }

    // Like Stripe's: one listener per session for the page's lifetime (never removed), and it checks
    // the ORIGIN ONLY, not which frame sent the message nor for which session. So every session on
    // the page hears every frame, with the other session's payload; the page must sort them out.
    // Nothing is deduplicated: each frame load is an `onramp_ui_loaded`, each update an event.
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (event.origin !== origin) return;
      // Not checked, as in Stripe's: an unexpected shape throws here, uncaught in the page (reading
      // `type` of a `null` message is a TypeError).
      const data = event.data as FrameToParentMessage;
      switch (data.type) {
        case 'ONRAMP_READY':
        case 'ONRAMP_SESSION_UPDATE': {
          const seen = data.session as unknown as OnrampSessionResult;
          session.session = seen;
          dispatch({ type: data.type === 'ONRAMP_READY' ? 'onramp_ui_loaded' : 'onramp_session_updated', payload: { session: seen } });
          break;
        }
        case 'ONRAMP_ERROR':
          // Stripe's script re-throws its frame's error, uncaught in the page: no event reaches listeners.
          throw new Error(data.error.message);
      }
    });

    const session: SessionWithAppearance = {
      mount(target: string | HTMLElement) {
        const container = resolveMountTarget(target);
        // Stripe's scheme: the secret and the key in the frame's URL. `locale` is the emulator's own
        // (read at each mount: a frame moved elsewhere reloads anyway, in that place's language).
        const query = new URLSearchParams({ clientSecret, publishableKey, ...(legacy ? {} : { theme }), locale: pageLanguage(container) });
        const src = `${config.emulatorUrl}/embedded?${query.toString()}`;
        if (!iframe) {
          iframe = document.createElement('iframe');
          iframe.src = src;
          // Stripe's frame element, attribute for attribute (as observed).
          iframe.setAttribute('frameborder', '0');
          iframe.setAttribute('allow', 'payment *; camera');
          iframe.title = 'onramp frame';
          iframe.name = 'onramp';
          Object.assign(iframe.style, {
            aspectRatio: '2 / 3',
            width: '100%',
            minWidth: `${MIN_SIZE.width}px`,
            minHeight: `${MIN_SIZE.height}px`,
            maxWidth: `${MAX_SIZE.width}px`,
            maxHeight: `${MAX_SIZE.height}px`,
          });
        }
        // Mounting again moves the one iframe (which reloads it; the session resumes).
        else if (iframe.src !== src) iframe.src = src;
        container.appendChild(iframe);
        return session;
      },
      addEventListener(type: EventType, listener: AnyListener) {
        if (typeof listener !== 'function') throw new IntegrationError('addEventListener() expects a function.');
        let set = listeners.get(type);
        if (!set) listeners.set(type, (set = new Set()));
        set.add(listener);
        return session;
      },
      removeEventListener(type: EventType, listener: AnyListener) {
        listeners.get(type)?.delete(listener);
        return session;
      },
      dispatchEvent(event: { type: keyof OnrampUIEventMap; payload: { session: OnrampSessionResult } }) {
        dispatch(event);
        return session;
      },
      /** The last session a frame reported to this session's listener (any frame's, as in Stripe's). */
      session: null as OnrampSessionResult | null,
    } as SessionWithAppearance;

    if (!legacy) {
      session.setAppearance = (appearance: { theme: Theme }) => {
        theme = checkTheme(appearance?.theme);
        post({ source: config.messageSource, type: 'appearance', theme });
        return session;
      };
    }
    return session;
  }

  // Like Stripe's, the script itself loads anywhere (a framed page included); the constructor refuses.
  function StripeOnramp(publishableKey: unknown) {
    if (window.self !== window.top) {
      throw new IntegrationError('Stripe Crypto Onramp is not able to run in an iframe. Please redirect to Onramp at the top level.');
    }
    if (typeof (window as unknown as { Stripe?: unknown }).Stripe !== 'function') {
      throw new IntegrationError('Please include StripeJS alongside Stripe Crypto Onramp');
    }
    if (typeof publishableKey !== 'string' || !PUBLISHABLE_KEY.test(publishableKey)) {
      throw new IntegrationError('Invalid publishable key: StripeOnramp() expects a pk_test_… or pk_live_… key.');
    }
    return { createSession: (options: OnrampSessionOptions) => createSession(publishableKey, options), _registerWrapper() {} };
  }

  /**
   * `StripeOnramp.Standalone(options).getUrl()`, a static: no key, no session, no Stripe.js. As
   * Stripe documents it, `destination_currency` and `destination_network` come together and
   * `amount` holds one of `source_amount`, `source_total_amount`, `destination_amount`; the lists
   * are `supported_destination_*`. The URL is the emulator's hosted page with the options in its
   * query (lists as `key[]`), which starts a session with them.
   */
  const STANDALONE_AMOUNTS = ['source_amount', 'source_total_amount', 'destination_amount'];
  const STANDALONE_OPTIONS = ['destination_currency', 'destination_network', 'supported_destination_currencies', 'supported_destination_networks', 'amount'];
  StripeOnramp.Standalone = (options: unknown) => {
    if (typeof options !== 'object' || options === null) throw new IntegrationError('Standalone() expects an options object.');
    const given = options as Record<string, unknown>;
    const unknown = Object.keys(given).find((key) => !STANDALONE_OPTIONS.includes(key));
    if (unknown) throw new IntegrationError(`Unrecognized Standalone() option: ${unknown}.`);
    if ((given.destination_currency === undefined) !== (given.destination_network === undefined)) {
      throw new IntegrationError('destination_currency must be specified along with destination_network.');
    }
    const query = new URLSearchParams();
    for (const key of ['destination_currency', 'destination_network']) {
      const value = given[key];
      if (value === undefined) continue;
      if (typeof value !== 'string') throw new IntegrationError(`Invalid ${key}: expected a string.`);
      query.set(key, value);
    }
    for (const key of ['supported_destination_currencies', 'supported_destination_networks']) {
      const value = given[key];
      if (value === undefined) continue;
      if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw new IntegrationError(`Invalid ${key}: expected an array of strings.`);
      for (const item of value) query.append(`${key}[]`, item);
    }
    if (given.amount !== undefined) {
      const amount = given.amount;
      const keys = typeof amount === 'object' && amount !== null ? Object.keys(amount) : [];
      if (keys.length !== 1 || !STANDALONE_AMOUNTS.includes(keys[0]!)) {
        throw new IntegrationError(`Invalid amount: set exactly one of ${STANDALONE_AMOUNTS.join(', ')}.`);
      }
      const value = (amount as Record<string, unknown>)[keys[0]!];
      if (typeof value !== 'string') throw new IntegrationError(`Invalid amount.${keys[0]}: expected a numerical string.`);
      query.set(keys[0]!, value);
    }
    query.set('standalone', '1');
    return { getUrl: (): string => `${config.emulatorUrl}/hosted?${query.toString()}` };
  };
  /** Emulator only: where this stand-in talks to, so a test page can reach the emulator's API. */
  StripeOnramp.emulatorUrl = config.emulatorUrl;

  (window as unknown as { StripeOnramp: unknown }).StripeOnramp = StripeOnramp;
}
