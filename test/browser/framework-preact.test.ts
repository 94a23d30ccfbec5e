/**
 * <crypto-onramp> rendered by Preact: properties and attributes, `on<event-type>` and the typed
 * component's `onReady`-style props, a prop change, and unmounting.
 */
import { expect } from '@open-wc/testing';
import { createRef, h, hydrate, render } from 'preact';
import type { CryptoOnramp as CryptoOnrampElement } from '../../src/element/crypto-onramp.js';
import type { CryptoOnrampEventMap } from '../../src/element/events.js';
import { CryptoOnramp } from '../../src/frameworks/preact.js';
import { container, deferred, removeContainers } from '../frameworks/browser-helpers.js';
import { EventRecorder, iframes, mountNodes, newLog, requestLog, expectOneSessionAfterRerenders } from './support/helpers.js';

const SESSION = '/test-api/session';
type Ready = CryptoOnrampEventMap['crypto-onramp-ready'];

describe('Preact', () => {
  afterEach(removeContainers);

  it('sets properties and attributes, which reach the minting request; on<event-type> reaches the handler', async () => {
    const log = newLog();
    const ready = deferred<Ready>();
    const parent = container();
    render(
      h('crypto-onramp', {
        'session-url': `${SESSION}?log=${log}`,
        'destination-currency': 'eth',
        destinationNetwork: 'ethereum',
        destinationCurrencies: ['eth', 'usdc'],
        sessionParams: { source_currency: 'usd' },
        'oncrypto-onramp-ready': (event: Ready) => ready.resolve(event),
      }),
      parent,
    );
    const event = await ready.promise;
    expect(event.target).to.equal(parent.querySelector('crypto-onramp'));
    expect((await requestLog(log)).map((r) => r.body)).to.deep.equal([
      { destination_currency: 'eth', destination_network: 'ethereum', destination_currencies: ['eth', 'usdc'], source_currency: 'usd' },
    ]);
    render(null, parent);
    expect(mountNodes()).to.have.length(0);
  });

  it('mints once when re-rendered 20 times with inline literals', async () => {
    const log = newLog();
    const ready = deferred<Ready>();
    let readyCount = 0;
    const parent = container();
    // A parent's render, as Preact code is usually written: new literals every time.
    const draw = (renders: number) =>
      render(
        h(CryptoOnramp, {
          sessionUrl: `${SESSION}?log=${log}`,
          destinationCurrencies: ['eth', 'usdc'],
          destinationNetworks: ['ethereum', 'base'],
          sessionParams: { source_currency: 'usd', source_amount: '100.00' },
          fetchOptions: { headers: [['X-CSRF-Token', 'csrf-token']], credentials: 'same-origin' },
          'data-renders': String(renders),
          onReady: (event) => {
            readyCount++;
            ready.resolve(event);
          },
        } as Parameters<typeof CryptoOnramp>[0]),
        parent,
      );
    for (let i = 0; i <= 10; i++) draw(i);
    await ready.promise;
    for (let i = 11; i <= 20; i++) draw(i);
    await expectOneSessionAfterRerenders(parent.querySelector('crypto-onramp')!, log, readyCount);
    render(null, parent);
  });

  it('delivers typed events to the component, mints once per change, and leaves nothing on unmount', async () => {
    const log = newLog();
    const statuses: string[] = [];
    let settle = deferred<Ready>();
    const parent = container();
    const ref = createRef<CryptoOnrampElement>();
    const draw = (currency: string, network: string) =>
      render(
        h(CryptoOnramp, {
          ref,
          sessionUrl: `${SESSION}?log=${log}`,
          destinationCurrency: currency,
          destinationNetwork: network,
          onReady: (event) => settle.resolve(event),
          onStatusChange: (event) => statuses.push(event.detail.status),
        }),
        parent,
      );
    draw('eth', 'ethereum');
    // The ref reaches the element itself.
    expect(ref.current).to.equal(parent.querySelector('crypto-onramp'));
    const first = await settle.promise;
    settle = deferred<Ready>();
    draw('usdc', 'solana');
    const second = await settle.promise;
    expect(second.detail.session.id).to.not.equal(first.detail.session.id);
    expect(await requestLog(log)).to.have.length(2);
    expect(statuses).to.deep.equal(['initialized', 'initialized']);
    expect(iframes()).to.have.length(1);

    render(null, parent);
    expect(parent.querySelector('crypto-onramp')).to.equal(null);
    expect(mountNodes()).to.have.length(0);
    expect(iframes()).to.have.length(0);
  });

  it('the component hydrating server HTML after Stripe\'s frame is mounted keeps the element, the frame and the one mint', async () => {
    // Preact removes the children it did not render when it hydrates: the component renders the
    // node Stripe's frame goes into, so hydration claims it rather than removing the frame.
    const log = newLog();
    const committed = deferred<CryptoOnrampElement>();
    const tree = (ref?: (element: CryptoOnrampElement | null) => void) =>
      h(CryptoOnramp, {
        ref,
        sessionUrl: `${SESSION}?log=${log}`,
        destinationCurrency: 'eth',
        destinationNetwork: 'ethereum',
      });
    // The server's HTML: what Preact renders, as markup (no preact-render-to-string in this repository).
    const scratch = document.createElement('div');
    render(tree(), scratch);
    const html = scratch.innerHTML;
    render(null, scratch);
    const parent = container();
    const events = new EventRecorder(parent);
    parent.innerHTML = html;
    const element = parent.querySelector('crypto-onramp')!;
    await events.nth('crypto-onramp-ready', 1);
    const [frame] = iframes();
    hydrate(tree((hydrated) => void (hydrated && committed.resolve(hydrated))), parent);
    expect((await committed.promise) === element, 'the same element').to.equal(true);
    expect(iframes().map((each) => each === frame), 'the same Stripe frame, alone').to.deep.equal([true]);
    expect(frame?.isConnected).to.equal(true);
    expect(events.count('crypto-onramp-ready')).to.equal(1);
    expect(events.count('crypto-onramp-error')).to.equal(0);
    expect((await requestLog(log)).map((r) => r.body)).to.deep.equal([{ destination_currency: 'eth', destination_network: 'ethereum' }]);
    render(null, parent);
    expect(mountNodes()).to.have.length(0);
  });
});
