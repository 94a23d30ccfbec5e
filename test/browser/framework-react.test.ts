/**
 * <crypto-onramp> rendered by React 19: the plain tag (React 19 sets properties and listens to
 * `on<event-type>` natively), the typed `CryptoOnramp` component, StrictMode, keyed moves,
 * unmounting, and the React demo itself.
 */
import { expect } from '@open-wc/testing';
import { createElement, createRef, StrictMode, useState, type FunctionComponent, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import type { CryptoOnramp as CryptoOnrampElement } from '../../src/element/crypto-onramp.js';
import type { CryptoOnrampEventMap } from '../../src/element/events.js';
import { CryptoOnramp } from '../../src/frameworks/react.js';
import { container, deferred, FRAMEWORK_TEST_PRESETS, removeContainers, until } from '../frameworks/browser-helpers.js';
import { exerciseDemo } from '../frameworks/demo-walk.js';
import { EventRecorder, expectGoneAndSilent, iframes, mountNodes, newLog, requestLog, expectOneSessionAfterRerenders } from './support/helpers.js';

const SESSION = '/test-api/session';
type Ready = CryptoOnrampEventMap['crypto-onramp-ready'];
type StatusChange = CryptoOnrampEventMap['crypto-onramp-status-change'];

describe('React 19', () => {
  let roots: Root[] = [];
  function render(node: ReactNode, parent = container()): { root: Root; parent: HTMLElement } {
    const root = createRoot(parent);
    roots.push(root);
    root.render(node);
    return { root, parent };
  }
  afterEach(() => {
    for (const root of roots) root.unmount();
    roots = [];
    removeContainers();
  });

  it('sets properties and attributes from JSX props, and they reach the minting request', async () => {
    const log = newLog();
    const ready = deferred<Ready>();
    const { parent } = render(
      createElement('crypto-onramp', {
        'session-url': `${SESSION}?log=${log}`,
        'destination-currency': 'eth',
        destinationNetwork: 'ethereum',
        destinationCurrencies: ['eth', 'usdc'],
        'lock-wallet-address': true,
        walletAddress: '0x4675c7e5baafbffbca748158becba61ef3b0a263',
        sessionParams: { source_currency: 'usd' },
        theme: 'dark',
        className: 'onramp',
        'oncrypto-onramp-ready': (event: Ready) => ready.resolve(event),
      }),
    );
    const event = await ready.promise;
    const el = parent.querySelector('crypto-onramp')!;
    expect(event.currentTarget).to.equal(null); // dispatch is over; the listener was the element's
    expect(event.target).to.equal(el);
    expect(el.className).to.equal('onramp');
    // An array prop arrives as an array (a property), not as "eth,usdc" (an attribute).
    expect(el.destinationCurrencies).to.deep.equal(['eth', 'usdc']);
    expect(el.getAttribute('theme')).to.equal('dark');
    const requests = await requestLog(log);
    expect(requests).to.have.length(1);
    expect(requests[0]!.body).to.deep.equal({ ...FRAMEWORK_TEST_PRESETS, source_currency: 'usd' });
  });

  it('delivers typed events to the component’s onReady / onStatusChange, and a prop change mints once', async () => {
    const log = newLog();
    const statuses: string[] = [];
    const readies: Ready[] = [];
    let settle = deferred<void>();
    const ref = createRef<CryptoOnrampElement>();
    const props = (currency: string, network: string) => ({
      ref,
      sessionUrl: `${SESSION}?log=${log}`,
      destinationCurrency: currency,
      destinationNetwork: network,
      // New handler identities on every render: React swaps the listeners, never doubles them.
      onReady: (event: Ready) => {
        readies.push(event);
        settle.resolve();
      },
      onStatusChange: (event: StatusChange) => statuses.push(event.detail.status),
    });
    const { root, parent } = render(createElement(CryptoOnramp, props('eth', 'ethereum')));
    await settle.promise;
    // React 19 passes `ref` as a prop: it reaches the element itself.
    expect(ref.current).to.equal(parent.querySelector('crypto-onramp'));
    settle = deferred<void>();
    root.render(createElement(CryptoOnramp, props('usdc', 'solana')));
    await settle.promise;

    const requests = await requestLog(log);
    expect(requests.map((r) => r.body)).to.deep.equal([
      { destination_currency: 'eth', destination_network: 'ethereum' },
      { destination_currency: 'usdc', destination_network: 'solana' },
    ]);
    expect(readies).to.have.length(2);
    expect(readies[1]!.detail.session.id).to.not.equal(readies[0]!.detail.session.id);
    expect(statuses).to.deep.equal(['initialized', 'initialized']);
    expect(iframes()).to.have.length(1);
  });

  it('mints once when a parent re-renders 20 times with inline literals and an onReady that sets state', async () => {
    const log = newLog();
    const ready = deferred<void>();
    let rerender!: () => void;
    let readyCount = 0;
    function Checkout() {
      const [renders, setRenders] = useState(0);
      const [, setReadyCount] = useState(0);
      rerender = () => setRenders((n) => n + 1);
      // Written as React is usually written: new literals on every render.
      return createElement(CryptoOnramp, {
        sessionUrl: `${SESSION}?log=${log}`,
        destinationCurrencies: ['eth', 'usdc'],
        destinationNetworks: ['ethereum', 'base'],
        sessionParams: { source_currency: 'usd', source_amount: '100.00' },
        fetchOptions: { headers: { 'X-CSRF-Token': 'csrf-token' }, credentials: 'same-origin' },
        'data-renders': String(renders),
        onReady: () => {
          readyCount++;
          setReadyCount((n) => n + 1); // a re-render of its own, as the page did
          ready.resolve();
        },
      } as Parameters<typeof CryptoOnramp>[0]);
    }
    const { parent } = render(createElement(StrictMode, null, createElement(Checkout)));
    await until(parent, () => parent.querySelector('crypto-onramp') !== null, 'the first render');
    // Ten re-renders while the session is being minted, ten once it is ready.
    for (let i = 0; i < 10; i++) flushSync(rerender);
    await ready.promise;
    for (let i = 0; i < 10; i++) flushSync(rerender);
    await expectOneSessionAfterRerenders(parent.querySelector('crypto-onramp')!, log, readyCount);
  });

  it('mints one session and mounts one iframe under StrictMode', async () => {
    const log = newLog();
    const status = deferred<StatusChange>();
    let readyCount = 0;
    render(
      createElement(
        StrictMode,
        null,
        createElement(CryptoOnramp, {
          sessionUrl: `${SESSION}?log=${log}`,
          onReady: () => readyCount++,
          onStatusChange: (event) => status.resolve(event),
        }),
      ),
    );
    // The first status change follows the ready event, so by now both have fired.
    await status.promise;
    expect(readyCount).to.equal(1);
    expect(await requestLog(log)).to.have.length(1);
    expect(iframes()).to.have.length(1);
    expect(mountNodes()).to.have.length(1);
  });

  it('re-mounts the same session when a keyed reorder moves the element', async () => {
    const log = newLog();
    const events = new EventRecorder(document.body);
    const onramp = createElement(CryptoOnramp, { key: 'onramp', sessionUrl: `${SESSION}?log=${log}` });
    const note = createElement('p', { key: 'note' }, 'note');
    const { root, parent } = render([onramp, note]);
    const first = await events.nth('crypto-onramp-ready', 1);
    const el = parent.querySelector('crypto-onramp');
    // React keeps `note` and moves the element after it: a disconnect and a reconnect.
    root.render([note, onramp]);
    const again = await events.nth('crypto-onramp-ready', 2);
    expect(parent.lastElementChild).to.equal(el);
    expect(again.detail.session.id).to.equal(first.detail.session.id);
    expect(await requestLog(log)).to.have.length(1);
    expect(iframes()).to.have.length(1);
    expect(mountNodes()).to.have.length(1);
  });

  it('keeps slotted children React renders beside the mount node through re-renders', async () => {
    const ready = deferred<Ready>();
    const slotted = (text: string) =>
      createElement(CryptoOnramp, { sessionUrl: SESSION, onReady: (event) => ready.resolve(event) }, createElement('p', { slot: 'error' }, text));
    const { root, parent } = render(slotted('Could not load'));
    await ready.promise;
    root.render(slotted('Something went wrong'));
    await until(parent, () => parent.querySelector('p')?.textContent === 'Something went wrong', 'the new slot text');
    const el = parent.querySelector('crypto-onramp')!;
    expect([...el.children].map((child) => child.localName)).to.have.members(['p', 'div']);
    expect(mountNodes()).to.have.length(1);
    expect(iframes()).to.have.length(1);
  });

  it('leaves nothing behind on unmount, and fires nothing afterwards', async () => {
    const ready = deferred<Ready>();
    let calls = 0;
    const { root, parent } = render(
      createElement(CryptoOnramp, {
        sessionUrl: SESSION,
        onReady: (event) => ready.resolve(event),
        onSessionUpdated: () => calls++,
        onStatusChange: () => calls++,
      }),
    );
    const { detail } = await ready.promise;
    calls = 0;
    root.unmount();
    roots = roots.filter((r) => r !== root);
    await expectGoneAndSilent(parent, detail.session.id, () => calls);
  });

  it('runs the React demo: presets follow state, status shows, remove and re-add', async () => {
    const { App } = (await import('/demo/frameworks/react/App.jsx' as string)) as { App: FunctionComponent<{ sessionUrl?: string }> };
    const log = newLog();
    const events = new EventRecorder(document.body);
    const { parent } = render(createElement(StrictMode, null, createElement(App, { sessionUrl: `${SESSION}?log=${log}` })));
    await exerciseDemo(parent, events, log);
  });
});
