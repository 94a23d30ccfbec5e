/**
 * The emulator's stand-in for Stripe's two scripts, loaded through the real `@stripe/crypto`
 * loader from Stripe's URLs (answered by the harness's request interception): the interface of
 * `@stripe/crypto`'s types, Stripe's refusals (bad keys, bad secrets, shadow roots, iframes), one
 * iframe per session, events driven from the emulator's test controls, and Stripe's observed
 * harshness (Stripe's script as observed, docs/architecture.md "What was relied on"): every session hears every frame, a moved frame
 * announces itself again, the frame URL carries the secret.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { loadStripeOnramp } from '@stripe/crypto/pure.js';
import type { OnrampSession, OnrampSessionResult, OnrampUIEvents, StripeOnramp } from '@stripe/crypto';

const SECRET_KEY = 'sk_test_stand_in_tests';
/** Stripe.js as far as the onramp needs it (the stand-in defines only this). */
const stripeJs = (): unknown => (window as unknown as { Stripe?: unknown }).Stripe;
type SessionWithAppearance = OnrampSession & { setAppearance?: (options: { theme: 'light' | 'dark' }) => OnrampSession };
/** What Stripe's script's session object has beyond `@stripe/crypto`'s types. */
type ObservedSession = OnrampSession & { dispatchEvent(event: OnrampUIEvents): OnrampSession; session: OnrampSessionResult | null };

let emulatorUrl: string;
let onramp: StripeOnramp;
const containers: HTMLElement[] = [];

async function api(method: 'GET' | 'POST', path: string, body?: string): Promise<Record<string, unknown>> {
  const response = await fetch(emulatorUrl + path, {
    method,
    headers: { Authorization: `Bearer ${SECRET_KEY}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    ...(body !== undefined ? { body } : {}),
  });
  return (await response.json()) as Record<string, unknown>;
}

async function newSession(body = ''): Promise<{ id: string; client_secret: string }> {
  return (await api('POST', '/v1/crypto/onramp_sessions', body)) as { id: string; client_secret: string };
}

function setStatus(id: string, status: string): Promise<Record<string, unknown>> {
  return api('POST', `/v1/test_helpers/crypto/onramp_sessions/${id}/status`, `status=${status}`);
}

function container(id?: string): HTMLElement {
  const element = document.createElement('div');
  if (id) element.id = id;
  document.body.append(element);
  containers.push(element);
  return element;
}

/** Records a session's events and resolves the n-th one of a type. */
function record(session: OnrampSession) {
  const events: OnrampUIEvents[] = [];
  const waiters: Array<() => void> = [];
  session.addEventListener('*', (event: OnrampUIEvents) => {
    events.push(event);
    waiters.splice(0).forEach((wake) => wake());
  });
  return {
    events,
    async nth(type: OnrampUIEvents['type'], n: number): Promise<OnrampSessionResult> {
      for (;;) {
        const matching = events.filter((e) => e.type === type);
        if (matching.length >= n) return matching[n - 1]!.payload.session;
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
  };
}

describe('emulator stand-in for Stripe.js and crypto-onramp-outer.js', () => {
  before(async () => {
    emulatorUrl = (await executeServerCommand('emulator-url')) as string;
    // This file is about the current SDK, whatever the suite's (the legacy one has its own file).
    await executeServerCommand('stripe-scripts', { mode: 'serve-current' });
    const loaded = await loadStripeOnramp('pk_test_emulator');
    if (!loaded) throw new Error('loadStripeOnramp resolved null');
    onramp = loaded;
  });
  afterEach(() => {
    containers.splice(0).forEach((element) => element.remove());
  });

  describe('globals and keys', () => {
    it('defines window.Stripe and window.StripeOnramp, with the emulator URL baked in', () => {
      expect(stripeJs()).to.be.a('function');
      expect(window.StripeOnramp).to.be.a('function');
      expect((window.StripeOnramp as unknown as { emulatorUrl: string }).emulatorUrl).to.equal(emulatorUrl);
      const stripe = (stripeJs() as (pk: string) => { _registerWrapper: unknown })('pk_test_emulator');
      expect(stripe._registerWrapper).to.be.a('function');
    });

    it('refuses secret keys in Stripe() and anything but pk_test_/pk_live_ in StripeOnramp()', () => {
      const Stripe = stripeJs() as (key: string) => unknown;
      expect(() => Stripe('sk_test_123')).to.throw(/secret key/);
      expect(() => window.StripeOnramp!('sk_test_123')).to.throw(/publishable key/);
      expect(() => window.StripeOnramp!('')).to.throw(/publishable key/);
      expect(() => window.StripeOnramp!('pk_live_123')).not.to.throw();
    });

    it('createSession refuses a client secret of the wrong shape, and its error repeats the value given', () => {
      for (const clientSecret of ['nope', 'cos_abc_secret_has-dash', 'pi_123_secret_abc', 'cos_a_b_secret_c']) {
        let thrown: unknown;
        try {
          onramp.createSession({ clientSecret });
        } catch (error) {
          thrown = error;
        }
        expect(thrown, clientSecret).to.be.an('error');
        // As Stripe's does: the value (which may be a real secret) is in the text.
        expect(String(thrown)).to.equal(`IntegrationError: Invalid client secret: ${clientSecret}`);
      }
      expect(() => onramp.createSession({ clientSecret: 'cos_abc_secret_def', appearance: { theme: 'blue' as 'dark' } })).to.throw(/theme/);
    });

    it('Standalone(options).getUrl() points at the hosted page', () => {
      const url = window.StripeOnramp!.Standalone({ destination_currency: 'eth', destination_network: 'ethereum', amount: { source_amount: '10' } }).getUrl();
      expect(url.startsWith(`${emulatorUrl}/hosted?`)).to.equal(true);
      expect(url).to.contain('source_amount=10');
    });
  });

  describe('mount', () => {
    it('refuses a target inside a shadow root, and one not in the document', async () => {
      const { client_secret } = await newSession();
      const session = onramp.createSession({ clientSecret: client_secret });
      const host = container();
      const inner = document.createElement('div');
      host.attachShadow({ mode: 'open' }).append(inner);
      expect(() => session.mount(inner)).to.throw(/Please mount in the Light DOM/);
      expect(() => session.mount(document.createElement('div'))).to.throw(/Please mount in the Light DOM/);
      expect(() => session.mount('#no-such-element')).to.throw(/could not find/);
      expect(document.querySelectorAll('iframe')).to.have.length(0);
    });

    it('takes an id with or without #, appends one iframe whose URL carries the secret and key, and moves it on a second mount', async () => {
      const { client_secret } = await newSession();
      const session = onramp.createSession({ clientSecret: client_secret });
      const first = container('stand-in-first');
      const second = container('stand-in-second');
      expect(session.mount('#stand-in-first')).to.equal(session);
      const iframe = first.querySelector('iframe')!;
      expect(iframe).to.exist;
      expect(iframe.getAttribute('allow')).to.equal('payment *; camera');
      expect(iframe.getAttribute('frameborder')).to.equal('0');
      expect(iframe.title).to.equal('onramp frame');
      expect(iframe.name).to.equal('onramp');
      // Exactly Stripe's inline style: nothing more (no border reset, no display, no color-scheme).
      expect(iframe.getAttribute('style')).to.equal(
        'aspect-ratio: 2 / 3; width: 100%; min-width: 320px; min-height: 480px; max-width: 500px; max-height: 750px;',
      );
      expect(iframe.src.startsWith(`${emulatorUrl}/embedded?`)).to.equal(true);
      // Stripe's own scheme (as observed, docs/architecture.md "What was relied on"): the secret is in the frame URL.
      const query = new URL(iframe.src).searchParams;
      expect(query.get('clientSecret')).to.equal(client_secret);
      expect(query.get('publishableKey')).to.equal('pk_test_emulator');
      expect(iframe.style.minWidth).to.equal('320px');
      expect(iframe.style.minHeight).to.equal('480px');
      expect(iframe.style.maxWidth).to.equal('500px');
      expect(iframe.style.maxHeight).to.equal('750px');
      expect(iframe.style.aspectRatio).to.equal('2 / 3');
      expect(iframe.style.width).to.equal('100%');
      session.mount('stand-in-second');
      expect(first.querySelector('iframe')).to.equal(null);
      expect(second.querySelector('iframe')).to.equal(iframe);
      expect(document.querySelectorAll('iframe')).to.have.length(1);
    });
  });

  describe('events', () => {
    it('fires onramp_ui_loaded once with the SDK session shape, then onramp_session_updated per status', async () => {
      const created = await newSession('destination_currency=eth&destination_network=ethereum&source_amount=50&source_currency=usd');
      const session = onramp.createSession({ clientSecret: created.client_secret });
      const recorder = record(session);
      const typed: OnrampSessionResult[] = [];
      session.addEventListener('onramp_ui_loaded', (event) => typed.push(event.payload.session));
      session.mount(container());

      const loaded = await recorder.nth('onramp_ui_loaded', 1);
      expect(Object.keys(loaded).sort()).to.deep.equal(['client_secret', 'id', 'livemode', 'object', 'quote', 'status', 'wallet_address']);
      expect(loaded).to.include({ id: created.id, object: 'crypto.onramp_session', livemode: false, client_secret: created.client_secret, status: 'initialized', wallet_address: null });
      expect(loaded.quote?.source_amount).to.equal('50.00');
      expect(loaded.quote?.destination_currency.asset_code).to.equal('eth');
      expect(typed).to.have.length(1);

      await setStatus(created.id, 'requires_payment');
      expect((await recorder.nth('onramp_session_updated', 1)).status).to.equal('requires_payment');
      await setStatus(created.id, 'error');
      expect((await recorder.nth('onramp_session_updated', 2)).status).to.equal('error');
      const retrieved = await api('GET', `/v1/crypto/onramp_sessions/${created.id}`);
      expect(retrieved.status).to.equal('requires_payment', 'error is browser-only');
      await setStatus(created.id, 'rejected');
      expect((await recorder.nth('onramp_session_updated', 3)).status).to.equal('rejected');
      expect(recorder.events.filter((e) => e.type === 'onramp_ui_loaded')).to.have.length(1);
      expect(typed).to.have.length(1);
    });

    it('removeEventListener stops delivery; every method chains', async () => {
      const created = await newSession();
      const session = onramp.createSession({ clientSecret: created.client_secret });
      const removed: string[] = [];
      const listener = (event: OnrampUIEvents) => removed.push(event.type);
      expect(session.addEventListener('onramp_session_updated', listener)).to.equal(session);
      expect(session.removeEventListener('onramp_session_updated', listener)).to.equal(session);
      const recorder = record(session);
      session.mount(container());
      await recorder.nth('onramp_ui_loaded', 1);
      await setStatus(created.id, 'rejected');
      await recorder.nth('onramp_session_updated', 1);
      expect(removed).to.deep.equal([]);
    });

    it('two sessions on one page both hear each frame, with the other session\'s payload (origin-only filtering)', async () => {
      const a = await newSession();
      const b = await newSession();
      const sessionA = onramp.createSession({ clientSecret: a.client_secret }) as ObservedSession;
      const sessionB = onramp.createSession({ clientSecret: b.client_secret }) as ObservedSession;
      const recordA = record(sessionA);
      const recordB = record(sessionB);
      sessionA.mount(container());
      sessionB.mount(container());
      // Each frame's ONRAMP_READY reaches both sessions: two loads each, one of them the other's.
      const loadedA = [await recordA.nth('onramp_ui_loaded', 1), await recordA.nth('onramp_ui_loaded', 2)];
      const loadedB = [await recordB.nth('onramp_ui_loaded', 1), await recordB.nth('onramp_ui_loaded', 2)];
      expect(loadedA.map((s) => s.id).sort()).to.deep.equal([a.id, b.id].sort());
      expect(loadedB.map((s) => s.id).sort()).to.deep.equal([a.id, b.id].sort());

      await setStatus(b.id, 'rejected');
      const heardByA = await recordA.nth('onramp_session_updated', 1);
      const heardByB = await recordB.nth('onramp_session_updated', 1);
      expect(heardByA).to.include({ id: b.id, client_secret: b.client_secret, status: 'rejected' });
      expect(heardByB).to.include({ id: b.id, client_secret: b.client_secret, status: 'rejected' });
      // `session` is the last session seen, whoever's it was.
      expect(sessionA.session).to.include({ id: b.id, status: 'rejected' });
    });

    it('a moved iframe reloads and announces itself again, with the current status', async () => {
      const created = await newSession();
      const session = onramp.createSession({ clientSecret: created.client_secret });
      const recorder = record(session);
      const first = container();
      const second = container();
      session.mount(first);
      expect((await recorder.nth('onramp_ui_loaded', 1)).status).to.equal('initialized');
      const iframe = first.querySelector('iframe');
      await setStatus(created.id, 'requires_payment');
      await recorder.nth('onramp_session_updated', 1);
      session.mount(second);
      expect(second.querySelector('iframe')).to.equal(iframe);
      const again = await recorder.nth('onramp_ui_loaded', 2);
      expect(again).to.include({ id: created.id, client_secret: created.client_secret, status: 'requires_payment' });
      // A container removed and put back reloads the frame too.
      second.remove();
      document.body.append(second);
      expect((await recorder.nth('onramp_ui_loaded', 3)).id).to.equal(created.id);
    });

    it('a well-formed secret the API does not know: the frame loads and never announces itself (Stripe\'s spins)', async () => {
      for (const [clientSecret, known] of [['cos_unknown_secret_nobody', false], [(await newSession()).client_secret, true]] as const) {
        const session = onramp.createSession({ clientSecret });
        const recorder = record(session);
        const host = container();
        session.mount(host);
        const iframe = host.querySelector('iframe')!;
        await new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
        // The frame posts a marker once it has had its answer: whatever it announced came first.
        await executeServerCommand('frame-post-after-start', { clientSecret, message: { type: 'ONRAMP_SESSION_UPDATE', session: { id: 'cos_marker' } } });
        await recorder.nth('onramp_session_updated', 1);
        expect(recorder.events.map((e) => e.type), clientSecret).to.deep.equal(known ? ['onramp_ui_loaded', 'onramp_session_updated'] : ['onramp_session_updated']);
        host.remove();
      }
    });

    it('the session object has mount, addEventListener, removeEventListener, dispatchEvent and session', async () => {
      const created = await newSession();
      const session = onramp.createSession({ clientSecret: created.client_secret }) as ObservedSession;
      for (const method of ['mount', 'addEventListener', 'removeEventListener', 'dispatchEvent'] as const) expect(session[method], method).to.be.a('function');
      expect(session.session).to.equal(null);
      const recorder = record(session);
      const fake = { id: 'cos_dispatched', status: 'initialized' } as OnrampSessionResult;
      expect(session.dispatchEvent({ type: 'onramp_session_updated', payload: { session: fake } })).to.equal(session);
      expect(recorder.events.map((e) => [e.type, e.payload.session.id])).to.deep.equal([['onramp_session_updated', 'cos_dispatched']]);
      session.mount(container());
      const loaded = await recorder.nth('onramp_ui_loaded', 1);
      expect(session.session).to.equal(loaded);
    });
  });

  describe('appearance', () => {
    it('setAppearance switches the frame theme live', async () => {
      const created = await newSession();
      const session: SessionWithAppearance = onramp.createSession({ clientSecret: created.client_secret, appearance: { theme: 'dark' } });
      const recorder = record(session);
      session.mount(container());
      await recorder.nth('onramp_ui_loaded', 1);
      expect(await executeServerCommand('frame-themes')).to.deep.equal(['dark']);
      expect(session.setAppearance).to.be.a('function');
      expect(session.setAppearance!({ theme: 'light' })).to.equal(session);
      let themes: unknown;
      for (let i = 0; i < 50 && JSON.stringify(themes) !== '["light"]'; i++) themes = await executeServerCommand('frame-themes');
      expect(themes).to.deep.equal(['light']);
      expect(() => session.setAppearance!({ theme: 'sepia' as 'light' })).to.throw(/theme/);
    });

  });

  describe('in an iframe', () => {
    it('crypto-onramp-outer.js loads and defines StripeOnramp; calling it throws Stripe\'s IntegrationError', async () => {
      const frame = document.createElement('iframe');
      const loaded = new Promise<void>((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
      frame.srcdoc = `<script>window.errors = []; addEventListener('error', (e) => errors.push(e.message));</script>
        <script src="https://js.stripe.com/v3"></script>
        <script src="https://crypto-js.stripe.com/crypto-onramp-outer.js"></script>`;
      document.body.append(frame);
      containers.push(frame);
      await loaded;
      const inner = frame.contentWindow as unknown as { StripeOnramp?: (pk: string) => unknown; Stripe?: unknown; errors: string[] };
      expect(inner.Stripe).to.be.a('function');
      expect(inner.StripeOnramp).to.be.a('function');
      // Both scripts ran cleanly: the refusal comes only when the page calls the constructor.
      expect(inner.errors).to.deep.equal([]);
      let thrown: unknown;
      try {
        inner.StripeOnramp!('pk_test_emulator');
      } catch (error) {
        thrown = error;
      }
      expect(String(thrown)).to.equal('IntegrationError: Stripe Crypto Onramp is not able to run in an iframe. Please redirect to Onramp at the top level.');
    });
  });
});
