/**
 * The happy path of <crypto-onramp> against the emulator's stand-in, loaded through the real
 * `@stripe/crypto` loader at Stripe's URLs: the minting request, the events, the light-DOM mount,
 * theme changes, preset changes, disconnect and moves.
 */
import { expect } from '@open-wc/testing';
import { cleanup, createOnramp, driveStatus, frameThemes, iframes, mountNodes, newLog, nextTask, requestLog, sdkHasSetAppearance } from './support/helpers.js';

const SESSION = '/test-api/session';

/**
 * Stripe's frame URL carries the secret (`?clientSecret=…`, Stripe's own scheme as
 * observed, docs/architecture.md "What was relied on"; the stand-in does the same): that one is Stripe's doing, not the element's.
 */
function withoutStripeFrameUrls(html: string): string {
  return html.replace(/ src="[^"]*\/embedded\?clientSecret=[^"]*"/g, '');
}

describe('<crypto-onramp>', () => {
  afterEach(cleanup);

  it('sends the minting request the contract describes', async () => {
    const log = newLog();
    const { events } = createOnramp({
      attributes: {
        'session-url': `${SESSION}?log=${log}`,
        'destination-currency': 'eth',
        'destination-network': 'ethereum',
        'wallet-address': '0x4675c7e5baafbffbca748158becba61ef3b0a263',
        'destination-currencies': 'eth  usdc',
        'lock-wallet-address': '',
        'source-currency': 'usd',
        'source-amount': '100.00',
      },
    });
    await events.nth('crypto-onramp-ready', 1);
    const [request, ...more] = await requestLog(log);
    expect(more).to.have.length(0);
    expect(request!.headers['content-type']).to.equal('application/json');
    expect(request!.headers['accept']).to.equal('application/json');
    expect(request!.headers['idempotency-key']).to.match(/^crypto-onramp-[0-9a-f-]{32,36}$/);
    expect(request!.body).to.deep.equal({
      destination_currency: 'eth',
      destination_network: 'ethereum',
      wallet_addresses: { ethereum: '0x4675c7e5baafbffbca748158becba61ef3b0a263' },
      destination_currencies: ['eth', 'usdc'],
      lock_wallet_address: true,
      source_currency: 'usd',
      source_amount: '100.00',
    });
  });

  it('sends only the presets that are set, with sessionParams merged over them', async () => {
    const log = newLog();
    const { events } = createOnramp({
      attributes: { 'session-url': `${SESSION}?log=${log}`, 'destination-network': 'base', 'destination-currency': 'eth' },
      sessionParams: { destination_networks: ['base', 'ethereum'], destination_currency: 'usdc' },
    });
    await events.nth('crypto-onramp-ready', 1);
    const [request] = await requestLog(log);
    expect(request!.body).to.deep.equal({
      destination_network: 'base',
      destination_currency: 'usdc',
      destination_networks: ['base', 'ethereum'],
    });
  });

  it("names Base's wallet key as the API does (base_network)", async () => {
    const log = newLog();
    const { events } = createOnramp({
      attributes: {
        'session-url': `${SESSION}?log=${log}`,
        'destination-currency': 'usdc',
        'destination-network': 'base',
        'wallet-address': '0x4675c7e5baafbffbca748158becba61ef3b0a263',
      },
    });
    await events.nth('crypto-onramp-ready', 1);
    const [request] = await requestLog(log);
    expect(request!.body['wallet_addresses']).to.deep.equal({ base_network: '0x4675c7e5baafbffbca748158becba61ef3b0a263' });
  });

  it('fires ready and a first status change, reflects state and status, and never exposes the secret', async () => {
    const { el, events } = createOnramp({ attributes: { 'session-url': SESSION } });
    await el.updateComplete;
    expect(el.getAttribute('state')).to.equal('loading');
    const ready = await events.nth('crypto-onramp-ready', 1);
    expect(ready.bubbles && ready.composed).to.equal(true);
    expect(ready.detail.session.id).to.match(/^cos_/);
    expect(ready.detail.session).to.not.have.property('client_secret');
    await el.updateComplete;
    expect(el.state).to.equal('ready');
    expect(el.getAttribute('state')).to.equal('ready');
    expect(el.getAttribute('status')).to.equal('initialized');
    expect(el.session).to.deep.equal(ready.detail.session);

    const [change] = events.of('crypto-onramp-status-change');
    expect(change).to.deep.include({ status: 'initialized', previousStatus: null });
    // Nothing the element exposes carries a client secret (Stripe's own frame URL aside).
    const exposed = JSON.stringify(events.events.map((e) => e.detail)) + withoutStripeFrameUrls(el.outerHTML + document.body.innerHTML);
    expect(exposed).to.not.match(/_secret_/);
  });

  it('re-emits every session update and each status change once', async () => {
    const { el, events } = createOnramp({ attributes: { 'session-url': SESSION } });
    await events.nth('crypto-onramp-ready', 1);
    const id = el.session!.id;

    for (const status of ['requires_payment', 'fulfillment_processing', 'fulfillment_complete']) {
      const updated = events.next('crypto-onramp-session-updated');
      await driveStatus(id, status);
      expect((await updated).detail.session.status).to.equal(status);
    }
    await el.updateComplete;
    expect(el.getAttribute('status')).to.equal('fulfillment_complete');
    expect(events.of('crypto-onramp-status-change').map((d) => [d.previousStatus, d.status])).to.deep.equal([
      [null, 'initialized'],
      ['initialized', 'requires_payment'],
      ['requires_payment', 'fulfillment_processing'],
      ['fulfillment_processing', 'fulfillment_complete'],
    ]);
    expect(events.count('crypto-onramp-error')).to.equal(0);
  });

  it("mounts Stripe's iframe in the document's light DOM, projected through the mount slot", async () => {
    const { el, events } = createOnramp({ attributes: { 'session-url': SESSION } });
    await events.nth('crypto-onramp-ready', 1);
    const [node] = mountNodes();
    expect(node!.parentElement).to.equal(el);
    expect(node!.getRootNode()).to.equal(document);
    expect(node!.querySelector('iframe')).to.exist;
    const slot = el.shadowRoot!.querySelector('slot[name="mount"]') as HTMLSlotElement;
    expect(slot.assignedElements()).to.deep.equal([node]);
    expect(slot.closest('[part="mount"]')).to.exist;
  });

  it('loads the Stripe scripts once for every element on the page', async () => {
    const a = createOnramp({ attributes: { 'session-url': SESSION } });
    const b = createOnramp({ attributes: { 'session-url': SESSION, theme: 'dark' } });
    await Promise.all([a.events.nth('crypto-onramp-ready', 1), b.events.nth('crypto-onramp-ready', 1)]);
    expect(document.querySelectorAll('script[src^="https://js.stripe.com/v3"]')).to.have.length(1);
    expect(document.querySelectorAll('script[src="https://crypto-js.stripe.com/crypto-onramp-outer.js"]')).to.have.length(1);
    expect(a.el.session!.id).to.not.equal(b.el.session!.id);
    expect(iframes()).to.have.length(2);
  });

  it('keeps the session on a theme change and mints nothing (setAppearance, or a re-created SDK session)', async () => {
    const log = newLog();
    const { el, events } = createOnramp({ attributes: { 'session-url': `${SESSION}?log=${log}` } });
    await events.nth('crypto-onramp-ready', 1);
    const [iframe] = iframes();
    const sessionId = el.session!.id;
    el.theme = 'dark';
    await el.updateComplete;
    await nextTask();
    if (!sdkHasSetAppearance()) {
      // The older SDK (STAND_IN_SDK=legacy): a new SDK session on the same secret, a new frame,
      // one ready for that mount; its frame stays light (that SDK ignores appearance).
      await events.nth('crypto-onramp-ready', 2);
      expect(iframes()).to.have.length(1).and.not.include(iframe);
      expect(el.session!.id).to.equal(sessionId);
      expect(await requestLog(log)).to.have.length(1);
      return;
    }
    expect(iframes()).to.deep.equal([iframe]);
    expect(el.session!.id).to.equal(sessionId);
    expect(await requestLog(log)).to.have.length(1);
    // setAppearance reaches the iframe by postMessage: allow it a bounded number of turns.
    let themes = await frameThemes();
    for (let i = 0; i < 50 && themes[0] !== 'dark'; i++) themes = await frameThemes();
    expect(themes).to.deep.equal(['dark']);
  });

  it('mints once for several preset changes in one task, and discards the stale session', async () => {
    const log = newLog();
    const { el, events } = createOnramp({ attributes: { 'session-url': `${SESSION}?log=${log}` } });
    await events.nth('crypto-onramp-ready', 1);
    const first = el.session!.id;
    el.destinationCurrency = 'usdc';
    el.destinationNetwork = 'solana';
    el.setAttribute('source-currency', 'usd');
    el.setAttribute('source-amount', '50');
    const ready = await events.nth('crypto-onramp-ready', 2);
    const requests = await requestLog(log);
    expect(requests).to.have.length(2);
    expect(requests[1]!.body).to.deep.equal({
      destination_currency: 'usdc',
      destination_network: 'solana',
      source_currency: 'usd',
      source_amount: '50',
    });
    expect(requests[1]!.headers['idempotency-key']).to.not.equal(requests[0]!.headers['idempotency-key']);
    expect(ready.detail.session.id).to.not.equal(first);
    expect(iframes()).to.have.length(1);
    expect(mountNodes()).to.have.length(1);
  });

  it('discards a response that a newer request superseded', async () => {
    const log = newLog();
    const { el, events } = createOnramp({ attributes: { 'session-url': `/test-api/gated?log=${log}` } });
    await el.updateComplete;
    // The first request is held open by the endpoint; a preset change supersedes it.
    while ((await requestLog(log)).length < 1) await nextTask();
    el.destinationCurrency = 'btc';
    el.destinationNetwork = 'bitcoin';
    const ready = await events.nth('crypto-onramp-ready', 1);
    await fetch(`/test-api/release?log=${log}`, { method: 'POST' });
    await nextTask();
    expect((await requestLog(log)).length).to.equal(2);
    expect(events.count('crypto-onramp-ready')).to.equal(1);
    expect(el.session!.id).to.equal(ready.detail.session.id);
    expect(iframes()).to.have.length(1);
  });

  it('cleans up on disconnect: no mount node, no listener, no event afterwards', async () => {
    const { el, events } = createOnramp({ attributes: { 'session-url': SESSION } });
    await events.nth('crypto-onramp-ready', 1);
    const id = el.session!.id;
    el.remove();
    expect(mountNodes()).to.have.length(0);
    expect(iframes()).to.have.length(0);
    const before = events.events.length;
    await driveStatus(id, 'requires_payment');
    // The emulator relays status changes within a task or two; give it a few before concluding.
    for (let i = 0; i < 20; i++) await nextTask();
    expect(events.events.length).to.equal(before);
  });

  it('aborts the request in flight on disconnect', async () => {
    const log = newLog();
    const { el, events } = createOnramp({ attributes: { 'session-url': `/test-api/hang?log=${log}` } });
    while ((await requestLog(log)).length < 1) await nextTask();
    el.remove();
    for (let i = 0; i < 5; i++) await nextTask();
    expect(events.events).to.have.length(0);
  });

  it('re-mounts the same session when moved in the DOM, without minting or creating another', async () => {
    const log = newLog();
    const { el, events } = createOnramp({ attributes: { 'session-url': `${SESSION}?log=${log}` } });
    await events.nth('crypto-onramp-ready', 1);
    const id = el.session!.id;
    const [iframe] = iframes();
    const elsewhere = document.createElement('section');
    document.body.append(elsewhere);
    elsewhere.append(el);
    const again = await events.nth('crypto-onramp-ready', 2);
    expect(again.detail.session.id).to.equal(id);
    expect(el.state).to.equal('ready');
    // The same SDK session is mounted again: Stripe's mount() moves its one iframe, no new one.
    expect(iframes()).to.deep.equal([iframe]);
    expect(mountNodes()).to.have.length(1);
    expect(mountNodes()[0]!.parentElement).to.equal(el);
    expect(await requestLog(log)).to.have.length(1);
    expect(events.count('crypto-onramp-status-change')).to.equal(1);
    // Its events still reach the element after the move.
    const updated = events.next('crypto-onramp-session-updated');
    await driveStatus(id, 'requires_payment');
    expect((await updated).detail.session.id).to.equal(id);
    elsewhere.remove();
  });

  it('uses a clientSecret property without any request', async () => {
    const response = await fetch(SESSION, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    const { client_secret, publishable_key } = (await response.json()) as { client_secret: string; publishable_key: string };
    const { el, events } = createOnramp({ clientSecret: client_secret, publishableKey: publishable_key });
    await events.nth('crypto-onramp-ready', 1);
    expect(el.hasAttribute('client-secret')).to.equal(false);
    expect(withoutStripeFrameUrls(el.outerHTML)).to.not.contain(client_secret);
  });

  it('refresh() mints a fresh session and re-mounts', async () => {
    const log = newLog();
    const { el, events } = createOnramp({ attributes: { 'session-url': `${SESSION}?log=${log}` } });
    await events.nth('crypto-onramp-ready', 1);
    const first = el.session!.id;
    el.refresh();
    const again = await events.nth('crypto-onramp-ready', 2);
    expect(again.detail.session.id).to.not.equal(first);
    expect(await requestLog(log)).to.have.length(2);
    expect(iframes()).to.have.length(1);
  });

  it('shows an accessible loading view while it works', async () => {
    const { el } = createOnramp({ attributes: { 'session-url': '/test-api/hang' } });
    await el.updateComplete;
    const progress = el.shadowRoot!.querySelector('[part="loading"] [role="progressbar"]');
    expect(progress).to.exist;
    await expect(el).to.be.accessible();
  });

  it('replaces the loading view with the loading slot', async () => {
    const { el } = createOnramp({ attributes: { 'session-url': '/test-api/hang' } });
    const custom = document.createElement('p');
    custom.slot = 'loading';
    custom.textContent = 'Preparing your purchase';
    el.append(custom);
    await el.updateComplete;
    const slot = el.shadowRoot!.querySelector('slot[name="loading"]') as HTMLSlotElement;
    expect(slot.assignedElements()).to.deep.equal([custom]);
  });

  it('registers typed events on GlobalEventHandlersEventMap', () => {
    // A compile-time check as much as a runtime one: `detail.status` is typed here.
    const el = document.createElement('crypto-onramp');
    el.addEventListener('crypto-onramp-status-change', (event) => {
      const status: string = event.detail.status;
      void status;
    });
    expect(el).to.be.instanceOf(customElements.get('crypto-onramp')!);
  });
});
