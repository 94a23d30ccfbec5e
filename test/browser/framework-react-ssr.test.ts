/**
 * React 19 server rendering, then hydration, as Next.js does it: the HTML React's server renders
 * is in the page, `<crypto-onramp>` upgrades from it (its module runs before hydration), and then
 * `hydrateRoot` takes the tree over. React neither sets a custom element's properties nor adds its
 * `on<event>` listeners when it hydrates, so what reaches the element before hydration is what the
 * server wrote: the component renders kebab-case attributes, and the element reads the lowercased
 * camelCase names React writes for the plain tag.
 *
 * Each test: one mint carrying every preset, one `ready`, no error event in between, and the
 * component's `onError` called for an error after hydration. React throws a tree away and renders it
 * again when hydration finds a child it did not render, so every test also holds when hydration
 * comes only after Stripe's frame is in the page (an app whose JavaScript is slower than Stripe's).
 */
import { expect } from '@open-wc/testing';
import { createElement, type ReactNode } from 'react';
import { hydrateRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import type { CryptoOnramp as CryptoOnrampElement } from '../../src/element/crypto-onramp.js';
import type { CryptoOnrampErrorDetail } from '../../src/element/errors.js';
import { CryptoOnramp } from '../../src/frameworks/react.js';
import { container, deferred, FRAMEWORK_TEST_WALLET, removeContainers } from '../frameworks/browser-helpers.js';
import { EventRecorder, iframes, newLog, requestLog } from './support/helpers.js';

const SESSION = '/test-api/session';
const FAILING = '/test-api/fail?status=500';
/** The node Stripe's frame goes into, as docs/frameworks.md has the plain tag render it. */
const mountChild = () =>
  createElement('div', { slot: 'mount', 'data-crypto-onramp-mount': '', suppressHydrationWarning: true, dangerouslySetInnerHTML: { __html: '' } });

const PRESETS_BODY = {
  destination_currency: 'eth',
  destination_network: 'ethereum',
  destination_currencies: ['eth', 'usdc'],
  wallet_addresses: { ethereum: FRAMEWORK_TEST_WALLET },
  lock_wallet_address: true,
  source_currency: 'usd',
  source_amount: '100',
};

describe('React 19: server-rendered, then hydrated', () => {
  let roots: Root[] = [];
  afterEach(() => {
    for (const root of roots) root.unmount();
    roots = [];
    removeContainers();
  });

  /**
   * Puts the server's HTML of `tree` in the page (the element upgrades from it and starts, as it
   * does when its module runs before hydration), then hydrates the same tree.
   */
  function serverRenderThenHydrate(tree: ReactNode): { element: CryptoOnrampElement; events: EventRecorder } {
    const { element, events, hydrate } = serverRender(tree);
    hydrate();
    return { element, events };
  }

  /** The server's HTML of `tree` in the page, and `hydrate()` to hydrate the same tree later. */
  function serverRender(tree: ReactNode): { element: CryptoOnrampElement; events: EventRecorder; hydrate: () => void } {
    const parent = container();
    const events = new EventRecorder(parent);
    parent.innerHTML = renderToString(tree);
    const element = parent.querySelector('crypto-onramp')!;
    expect(element.matches(':defined'), 'upgraded before hydration').to.equal(true);
    const hydrate = () => void roots.push(hydrateRoot(parent, tree, { onRecoverableError: (error) => { throw error; } }));
    return { element, events, hydrate };
  }

  /**
   * Renders `tree(ref)` on the server, hydrates it only once the element has mounted Stripe's frame
   * and is ready, and checks that hydration kept them: the same element and frame, no second mint,
   * no error. `ref` goes on the element: React calls it when hydration commits.
   */
  async function hydrateAfterReady(tree: (ref: (element: CryptoOnrampElement | null) => void) => ReactNode, log: string, body: Record<string, unknown>): Promise<void> {
    const committed = deferred<CryptoOnrampElement>();
    const ref = (element: CryptoOnrampElement | null) => void (element && committed.resolve(element));
    const { element, events } = serverRender(tree(ref));
    await events.nth('crypto-onramp-ready', 1);
    const [frame] = iframes();
    const recoverable: unknown[] = [];
    roots.push(hydrateRoot(element.parentElement!, tree(ref), { onRecoverableError: (error) => void recoverable.push(error) }));
    const hydrated = await committed.promise;
    expect(recoverable.map(String), 'React kept the server tree').to.deep.equal([]);
    expect(hydrated === element, 'the same element, not one React rendered again').to.equal(true);
    expect(element.isConnected).to.equal(true);
    expect(iframes().map((each) => each === frame), 'the same Stripe frame, alone').to.deep.equal([true]);
    expect(element.querySelector(':scope > [data-crypto-onramp-mount]')?.contains(frame ?? null), 'the frame is in the rendered mount node').to.equal(true);
    expect(events.count('crypto-onramp-ready')).to.equal(1);
    expect(events.count('crypto-onramp-error')).to.equal(0);
    expect((await requestLog(log)).map((r) => r.body)).to.deep.equal([body]);
  }

  it('the CryptoOnramp component: one mint with every preset, ready, no error; onError works after hydration', async () => {
    const log = newLog();
    const hydrated = deferred<CryptoOnrampElement>();
    const errors: CryptoOnrampErrorDetail[] = [];
    const tree = createElement(CryptoOnramp, {
      ref: (element: CryptoOnrampElement | null) => void (element && hydrated.resolve(element)),
      sessionUrl: `${SESSION}?log=${log}`,
      destinationCurrency: 'eth',
      destinationNetwork: 'ethereum',
      destinationCurrencies: ['eth', 'usdc'],
      walletAddress: FRAMEWORK_TEST_WALLET,
      lockWalletAddress: true,
      sourceCurrency: 'usd',
      sourceAmount: '100',
      onError: (event) => errors.push(event.detail),
    });
    const consoleErrors: unknown[][] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => void consoleErrors.push(args);
    let rendered: ReturnType<typeof serverRenderThenHydrate>;
    try {
      rendered = serverRenderThenHydrate(tree);
      await hydrated.promise;
    } finally {
      console.error = consoleError;
    }
    const { element, events } = rendered;
    await events.nth('crypto-onramp-ready', 1);
    // No hydration-mismatch report for the attributes the element reflected before hydration.
    expect(consoleErrors.map((args) => args.map(String).join(' '))).to.deep.equal([]);
    expect(events.count('crypto-onramp-error')).to.equal(0);
    expect((await requestLog(log)).map((r) => r.body)).to.deep.equal([PRESETS_BODY]);
    expect(iframes()).to.have.length(1);

    // After hydration the component's onError is attached: a later failure reaches it.
    element.setAttribute('session-url', FAILING);
    await events.nth('crypto-onramp-error', 1);
    expect(errors.map((e) => e.code)).to.deep.equal(['session_http_error']);
  });

  it('the plain tag with camelCase props and kebab-case attributes: one mint with every preset, ready, no error', async () => {
    const log = newLog();
    const tree = createElement('crypto-onramp', {
      suppressHydrationWarning: true, // the attributes the element reflects on upgrade (docs/frameworks.md)
      'session-url': `${SESSION}?log=${log}`,
      destinationCurrency: 'eth',
      destinationNetwork: 'ethereum',
      'destination-currencies': 'eth usdc',
      walletAddress: FRAMEWORK_TEST_WALLET,
      lockWalletAddress: true,
      sourceCurrency: 'usd',
      sourceAmount: 100,
    }, mountChild());
    const { events } = serverRenderThenHydrate(tree);
    await events.nth('crypto-onramp-ready', 1);
    expect(events.count('crypto-onramp-error')).to.equal(0);
    expect((await requestLog(log)).map((r) => r.body)).to.deep.equal([PRESETS_BODY]);
  });

  it('the plain tag with only camelCase props, sessionUrl included, mints from the server HTML', async () => {
    const log = newLog();
    const tree = createElement('crypto-onramp', { suppressHydrationWarning: true, sessionUrl: `${SESSION}?log=${log}`, destinationCurrency: 'eth', destinationNetwork: 'ethereum' }, mountChild());
    const { events } = serverRenderThenHydrate(tree);
    await events.nth('crypto-onramp-ready', 1);
    expect(events.count('crypto-onramp-error')).to.equal(0);
    expect((await requestLog(log)).map((r) => r.body)).to.deep.equal([{ destination_currency: 'eth', destination_network: 'ethereum' }]);
  });

  it('the CryptoOnramp component hydrated after Stripe\'s frame is mounted keeps the element, the frame and the one mint', async () => {
    const log = newLog();
    await hydrateAfterReady(
      (ref) => createElement(CryptoOnramp, { ref, sessionUrl: `${SESSION}?log=${log}`, destinationCurrency: 'eth', destinationNetwork: 'ethereum' }),
      log,
      { destination_currency: 'eth', destination_network: 'ethereum' },
    );
  });

  it('the plain tag with its mount node, hydrated after Stripe\'s frame is mounted, keeps the element, the frame and the one mint', async () => {
    const log = newLog();
    await hydrateAfterReady(
      (ref) => createElement('crypto-onramp', { ref, suppressHydrationWarning: true, 'session-url': `${SESSION}?log=${log}`, 'destination-currency': 'usdc', 'destination-network': 'base' }, mountChild()),
      log,
      { destination_currency: 'usdc', destination_network: 'base' },
    );
  });
});
