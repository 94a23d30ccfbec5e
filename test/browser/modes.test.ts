/**
 * `mode="redirect"`, `mode="standalone"` and `return-url`, in real Chromium against the emulator's
 * stand-in and the server kit. What navigates the page away runs in a tab of its own, opened by a
 * server command (support/navigation-pages.ts); a new tab is caught as Playwright's popup.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import fc from 'fast-check';
import type { CryptoOnramp } from '../../src/element/crypto-onramp.js';
import type { CryptoOnrampErrorDetail } from '../../src/element/errors.js';
import { cleanup, createOnramp, newLog, requestLog } from './support/helpers.js';

const SECRET = /_secret_|sk_test|rk_test/;

function redirectButton(el: CryptoOnramp): HTMLButtonElement {
  const button = el.shadowRoot!.querySelector<HTMLButtonElement>('button[part="redirect-button"]');
  if (!button) throw new Error('no redirect button');
  return button;
}

/** Settles a standalone element: its link, or its error. */
async function settled(el: CryptoOnramp): Promise<{ href: string; target: string } | { error: CryptoOnrampErrorDetail }> {
  await waitUntil(() => el.state === 'ready' || el.state === 'error', 'the standalone link was neither built nor refused', { timeout: 10_000 });
  await el.updateComplete;
  if (el.state === 'error') return { error: el.error! };
  const link = el.shadowRoot!.querySelector<HTMLAnchorElement>('a[part="standalone-link"]')!;
  return { href: link.href, target: link.target };
}

afterEach(cleanup);

describe('mode="redirect"', () => {
  it('renders a slotted button and mints nothing before the click', async () => {
    const log = newLog();
    const { el } = createOnramp({ mode: 'redirect', sessionUrl: `/test-api/session?redirect=1&log=${log}` });
    el.innerHTML = '<span slot="label">Buy ETH</span>';
    await el.updateComplete;
    const button = redirectButton(el);
    const slot = button.querySelector('slot[name="label"]') as HTMLSlotElement;
    expect(slot.assignedNodes()[0]?.textContent).to.equal('Buy ETH');
    expect(el.state).to.equal('ready');
    expect(el.querySelector('[slot="mount"]')).to.equal(null, 'no Stripe UI in redirect mode');
    expect(await requestLog(log)).to.have.length(0);
  });

  it('mints on click and opens the hosted onramp in a new tab, with a redirect event', async () => {
    const log = newLog();
    const { el, events } = createOnramp({ mode: 'redirect', sessionUrl: `/test-api/session?redirect=1&log=${log}` });
    await el.updateComplete;
    await executeServerCommand('expect-popup');
    redirectButton(el).click();
    const event = await events.next('crypto-onramp-redirect');
    const popup = (await executeServerCommand('popup-url')) as { url: string; openerCut: boolean };

    const { sessionId, url, target } = event.detail;
    expect(sessionId).to.match(/^cos_/);
    expect(target).to.equal('_blank');
    expect(new URL(url).pathname).to.equal('/hosted');
    expect(new URL(url).searchParams.get('session_hash')).to.be.a('string');
    expect(popup.url).to.equal(url);
    expect(popup.openerCut).to.equal(true, 'the hosted page cannot reach back into the site');
    expect(event.bubbles && event.composed && event.cancelable).to.equal(true);
    expect(JSON.stringify(event.detail)).not.to.match(SECRET);
    expect(el.state).to.equal('ready');

    const requests = await requestLog(log);
    expect(requests).to.have.length(1);
    expect(requests[0]!.headers['idempotency-key']).to.match(/^crypto-onramp-[0-9a-f]{32}$/);
  });

  it('a second click opens the same session (one mint)', async () => {
    const log = newLog();
    const { el, events } = createOnramp({ mode: 'redirect', sessionUrl: `/test-api/session?redirect=1&log=${log}` });
    await el.updateComplete;
    const urls: string[] = [];
    for (let i = 1; i <= 2; i++) {
      await executeServerCommand('expect-popup');
      redirectButton(el).click();
      urls.push((await events.nth('crypto-onramp-redirect', i)).detail.url);
      await executeServerCommand('popup-url');
    }
    expect(urls[1]).to.equal(urls[0]);
    expect(await requestLog(log)).to.have.length(1);
  });

  it('preventDefault() on the redirect event keeps the page (target=_self)', async () => {
    const { el, events } = createOnramp({ mode: 'redirect', target: '_self', sessionUrl: '/test-api/session?redirect=1' });
    el.addEventListener('crypto-onramp-redirect', (event) => event.preventDefault());
    await el.updateComplete;
    redirectButton(el).click();
    const event = await events.next('crypto-onramp-redirect');
    expect(event.detail.target).to.equal('_self');
    // Had it navigated, this page (and the test) would be gone.
    expect(event.defaultPrevented).to.equal(true);
    expect(el.state).to.equal('ready');
  });

  it('target=_self opens the hosted onramp in the same window (its own tab)', async () => {
    const result = (await executeServerCommand('open-navigation-page', {
      attributes: { mode: 'redirect', target: '_self', 'session-url': '/test-api/session?redirect=1' },
      action: 'click',
      expectPath: '/hosted',
    })) as { url: string };
    expect(new URL(result.url).searchParams.get('session_hash')).to.be.a('string');
    expect(result.url).not.to.match(SECRET);
  });

  it('without the kit\'s hostedFallback: a coded error, no tab left open', async () => {
    const { el, events } = createOnramp({ mode: 'redirect', sessionUrl: '/test-api/session' });
    await el.updateComplete;
    const opened: Array<Window | null> = [];
    const realOpen = window.open;
    window.open = (...args: Parameters<typeof window.open>) => {
      const tab = realOpen.apply(window, args);
      opened.push(tab);
      return tab;
    };
    try {
      redirectButton(el).click();
      const error = await events.next('crypto-onramp-error');
      expect(error.detail).to.include({ code: 'redirect_unavailable', param: 'redirect_url', retryable: false });
      expect(opened).to.have.length(1);
      expect(opened[0]!.closed).to.equal(true);
      expect(events.count('crypto-onramp-redirect')).to.equal(0);
    } finally {
      window.open = realOpen;
    }
  });

  it('a blocked popup: a coded error and a link to the hosted onramp', async () => {
    // Playwright's Chromium runs without a popup blocker: `window.open` answers as a blocked one does.
    const realOpen = window.open;
    window.open = () => null;
    try {
      const { el, events } = createOnramp({ mode: 'redirect', sessionUrl: '/test-api/session?redirect=1' });
      await el.updateComplete;
      redirectButton(el).click();
      const error = await events.next('crypto-onramp-error');
      expect(error.detail.code).to.equal('popup_blocked');
      await el.updateComplete;
      const link = el.shadowRoot!.querySelector<HTMLAnchorElement>('[part="error"] a')!;
      expect(new URL(link.href).pathname).to.equal('/hosted');
      expect(link.target).to.equal('_blank');
      expect(events.count('crypto-onramp-redirect')).to.equal(0);
    } finally {
      window.open = realOpen;
    }
  });

  it('a failed mint is the embedded flow\'s error, with its retry', async () => {
    const { el, events } = createOnramp({ mode: 'redirect', sessionUrl: '/test-api/fail?status=503&code=busy' });
    el.requestTimeout = 1000;
    await el.updateComplete;
    redirectButton(el).click();
    const error = await events.next('crypto-onramp-error');
    expect(error.detail).to.include({ code: 'session_http_error', httpStatus: 503, retryable: true });
  });
});

describe('mode="standalone"', () => {
  it('links to StripeOnramp.Standalone(options).getUrl(), with no backend and no key', async () => {
    const { el, events } = createOnramp({
      mode: 'standalone',
      attributes: { 'destination-currency': 'eth', 'destination-network': 'ethereum', 'source-amount': '50', 'destination-networks': 'ethereum base' },
    });
    const result = await settled(el);
    if ('error' in result) throw new Error(JSON.stringify(result.error));
    const url = new URL(result.href);
    expect(url.pathname).to.equal('/hosted');
    expect(url.searchParams.get('destination_currency')).to.equal('eth');
    expect(url.searchParams.get('destination_network')).to.equal('ethereum');
    expect(url.searchParams.getAll('supported_destination_networks[]')).to.deep.equal(['ethereum', 'base']);
    expect(url.searchParams.get('source_amount')).to.equal('50');
    expect(result.target).to.equal('_blank');
    expect(events.count('crypto-onramp-error')).to.equal(0);
  });

  it('sessionParams.source_total_amount asks for a total, fees included', async () => {
    const { el } = createOnramp({ mode: 'standalone', sessionParams: { source_total_amount: '100.00' } });
    const result = await settled(el);
    if ('error' in result) throw new Error(JSON.stringify(result.error));
    expect(new URL(result.href).searchParams.get('source_total_amount')).to.equal('100.00');
  });

  const refusals: Array<[string, Record<string, unknown>, string]> = [
    ['a currency without its network', { destinationCurrency: 'eth' }, 'destination_network'],
    ['a currency not on the network', { destinationCurrency: 'btc', destinationNetwork: 'ethereum' }, 'destination_currency'],
    ['a destination amount without a currency', { destinationAmount: '0.1' }, 'destination_currency'],
    ['both amounts', { sourceAmount: '10', sessionParams: { source_total_amount: '12' } }, 'source_total_amount'],
    ['a fiat currency other than USD', { sourceCurrency: 'eur', sourceAmount: '10' }, 'source_currency'],
    ['a wallet address', { walletAddress: '0x52908400098527886E0F7030069857D2E4169EE7', destinationNetwork: 'ethereum', destinationCurrency: 'eth' }, 'wallet_addresses'],
  ];
  for (const [name, presets, param] of refusals) {
    it(`refuses ${name}: invalid_presets naming ${param}, no link`, async () => {
      const { el, events } = createOnramp({ mode: 'standalone', ...presets });
      const result = await settled(el);
      expect(result).to.have.property('error');
      expect(events.count('crypto-onramp-error')).to.equal(1);
      const detail = events.of('crypto-onramp-error')[0]!;
      expect(detail).to.include({ code: 'invalid_presets', param, retryable: false });
      expect(el.shadowRoot!.querySelector('a[part="standalone-link"]')).to.equal(null);
    });
  }

  it('property: random presets give a link whose options are the presets, or invalid_presets naming one', async () => {
    const config = (await executeServerCommand('fc-config')) as { runs?: number; seed?: number };
    const runs = config.runs ?? 40;
    const seed = config.seed ?? (Date.now() ^ (Math.random() * 2 ** 31)) >>> 0;
    console.log(`fast-check: seed ${seed}, ${runs} runs (replay with FC_SEED=${seed} FC_RUNS=${runs})`);
    const option = <T,>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });
    const currency = fc.constantFrom('eth', 'usdc', 'btc', 'sol', 'xlm');
    const network = fc.constantFrom('ethereum', 'base', 'bitcoin', 'solana', 'stellar');
    // Mostly combinations the rules accept, so that most runs build a link; some they refuse.
    const pair = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom<[string | undefined, string | undefined]>(['eth', 'ethereum'], ['usdc', 'base'], ['btc', 'bitcoin'], ['sol', 'solana'], [undefined, undefined]) },
      { weight: 1, arbitrary: fc.tuple(option(currency), option(network)) },
    );
    const amount = fc.oneof({ weight: 3, arbitrary: fc.constantFrom('10', '25.50', '0.05') }, { weight: 1, arbitrary: fc.constantFrom('0', '-1', '1.234', 'abc') });
    const presets = fc.record({
      pair,
      destinationCurrencies: option(fc.uniqueArray(currency, { minLength: 1, maxLength: 3 })),
      destinationNetworks: option(fc.uniqueArray(network, { minLength: 1, maxLength: 3 })),
      amount: option(fc.tuple(fc.constantFrom('source_amount', 'source_total_amount', 'destination_amount'), amount)),
    }).map(({ pair: [destinationCurrency, destinationNetwork], ...rest }) => ({ destinationCurrency, destinationNetwork, ...rest }));
    const PARAMS = ['destination_currency', 'destination_network', 'destination_currencies', 'destination_networks', 'source_amount', 'source_total_amount', 'destination_amount', 'source_currency'];

    let links = 0;
    await fc.assert(
      fc.asyncProperty(presets, async (p) => {
        const setup: Record<string, unknown> = {
          mode: 'standalone',
          destinationCurrency: p.destinationCurrency,
          destinationNetwork: p.destinationNetwork,
          destinationCurrencies: p.destinationCurrencies,
          destinationNetworks: p.destinationNetworks,
        };
        if (p.amount?.[0] === 'source_amount') setup['sourceAmount'] = p.amount[1];
        if (p.amount?.[0] === 'destination_amount') setup['destinationAmount'] = p.amount[1];
        if (p.amount?.[0] === 'source_total_amount') setup['sessionParams'] = { source_total_amount: p.amount[1] };
        const { el, events } = createOnramp(setup);
        try {
          const result = await settled(el);
          if ('error' in result) {
            expect(result.error.code).to.equal('invalid_presets');
            expect(PARAMS).to.include(result.error.param);
            expect(events.count('crypto-onramp-error')).to.equal(1);
            return;
          }
          links++;
          const query = new URL(result.href).searchParams;
          expect(query.get('destination_currency') ?? undefined).to.equal(p.destinationCurrency);
          expect(query.get('destination_network') ?? undefined).to.equal(p.destinationNetwork);
          const list = (key: string) => (query.getAll(`${key}[]`).length ? query.getAll(`${key}[]`) : undefined);
          expect(list('supported_destination_currencies')).to.deep.equal(p.destinationCurrencies);
          expect(list('supported_destination_networks')).to.deep.equal(p.destinationNetworks);
          for (const key of ['source_amount', 'source_total_amount', 'destination_amount']) {
            expect(query.get(key) ?? undefined).to.equal(p.amount?.[0] === key ? p.amount[1] : undefined);
          }
          // The rules the link passed: a currency comes with its network, amounts are positive.
          expect(p.destinationCurrency === undefined).to.equal(p.destinationNetwork === undefined);
          if (p.amount) expect(Number(p.amount[1])).to.be.greaterThan(0);
        } finally {
          cleanup();
        }
      }),
      { numRuns: runs, seed, endOnFailure: true },
    );
    console.log(`fast-check: ${links} of ${runs} runs built a link`);
  });
});

describe('return-url', () => {
  for (const status of ['fulfillment_complete', 'rejected'] as const) {
    it(`goes back with ?session_id= when the status reaches ${status}`, async () => {
      const result = (await executeServerCommand('open-navigation-page', {
        attributes: { 'session-url': '/test-api/session', 'return-url': '/test-pages/back?order=7' },
        action: status,
        expectPath: '/test-pages/back',
      })) as { url: string };
      const url = new URL(result.url);
      expect(url.searchParams.get('order')).to.equal('7');
      expect(url.searchParams.get('session_id')).to.match(/^cos_[^_]+$/);
      expect(result.url).not.to.match(SECRET);
    });
  }

  it('preventDefault() on that status-change event stays on the page', async () => {
    const result = (await executeServerCommand('open-navigation-page', {
      attributes: { 'session-url': '/test-api/session', 'return-url': '/test-pages/back' },
      action: 'fulfillment_complete',
      cancel: true,
    })) as { url: string; events: Array<{ type: string; detail: { status?: string }; cancelable: boolean; defaultPrevented: boolean }> };
    expect(new URL(result.url).pathname).to.equal('/test-pages/navigation');
    const change = result.events.find((e) => e.type === 'crypto-onramp-status-change' && e.detail.status === 'fulfillment_complete')!;
    expect(change.cancelable).to.equal(true);
    expect(change.defaultPrevented).to.equal(true);
  });

  it('a return-url that is not http(s) is a coded error before anything is minted', async () => {
    const log = newLog();
    const { el, events } = createOnramp({ sessionUrl: `/test-api/session?log=${log}`, attributes: { 'return-url': 'javascript:alert(1)' } });
    const error = await events.next('crypto-onramp-error');
    expect(error.detail).to.include({ code: 'missing_configuration', param: 'return-url' });
    expect(el.state).to.equal('error');
    expect(await requestLog(log)).to.have.length(0);
  });
});
