/**
 * <crypto-onramp-quotes> against the real chain: the server kit's `createOnrampQuotesHandler` in
 * front of the emulator (test/browser/support/harness.ts), and a real <crypto-onramp> minting
 * through the kit's session handler. Keys are pressed through Playwright's keyboard.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CryptoOnrampQuotes } from '../../src/element/quotes/crypto-onramp-quotes.js';
import type { CryptoOnrampQuotesEventMap } from '../../src/element/quotes/events.js';
import '../../src/element/quotes/define.js';
import type { OnrampQuotes } from '../../src/shared/quotes.js';
import { cleanup, createOnramp, engine, newLog, nextTask, requestLog } from './support/helpers.js';

type QuotesEventName = keyof CryptoOnrampQuotesEventMap;
const QUOTES_EVENTS: QuotesEventName[] = ['crypto-onramp-quotes-load', 'crypto-onramp-quote-select', 'crypto-onramp-quotes-error'];

/** Every event a quotes element fired, and a way to await the n-th of a kind. */
class QuotesEvents {
  readonly all: Array<{ type: QuotesEventName; event: CustomEvent }> = [];
  #waiters: Array<() => void> = [];
  constructor(target: EventTarget) {
    for (const type of QUOTES_EVENTS) {
      target.addEventListener(type, (event) => {
        this.all.push({ type, event: event as CustomEvent });
        for (const wake of this.#waiters.splice(0)) wake();
      });
    }
  }
  of<K extends QuotesEventName>(type: K): Array<CryptoOnrampQuotesEventMap[K]> {
    return this.all.filter((e) => e.type === type).map((e) => e.event as CryptoOnrampQuotesEventMap[K]);
  }
  /** Resolves with the n-th (1-based) event of this type; an error event while waiting for another kind fails it. */
  async nth<K extends QuotesEventName>(type: K, n: number): Promise<CryptoOnrampQuotesEventMap[K]> {
    const errorsBefore = this.of('crypto-onramp-quotes-error').length;
    while (this.of(type).length < n) {
      const unexpected = type !== 'crypto-onramp-quotes-error' && this.of('crypto-onramp-quotes-error')[errorsBefore];
      if (unexpected) throw new Error(`expected ${type}, got an error ${JSON.stringify(unexpected.detail)}`);
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
    return this.of(type)[n - 1]!;
  }
}

const made: Element[] = [];
function createQuotes(attributes: Record<string, string>, parent: Node = document.body): { el: CryptoOnrampQuotes; events: QuotesEvents } {
  const el = document.createElement('crypto-onramp-quotes');
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  const events = new QuotesEvents(el);
  parent.appendChild(el);
  made.push(el);
  return { el, events };
}

const options = (el: CryptoOnrampQuotes) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]')];
const focused = (el: CryptoOnrampQuotes) => el.shadowRoot!.activeElement as HTMLElement | null;

/** The kit's answer for a query, asked directly (the kit caches it, so the element sees the same one). */
async function answerFor(query: string): Promise<OnrampQuotes> {
  return (await fetch(`/test-api/quotes?${query}`)).json() as Promise<OnrampQuotes>;
}
const allQuotes = (answer: OnrampQuotes) => Object.values(answer.destination_network_quotes).flatMap((list) => list ?? []);

/**
 * How many fetches to `path` the page starts while `run` runs and a few tasks after it; the
 * requests themselves go out unchanged. Sees a request that is aborted before it reaches the server.
 */
async function fetchesDuring(path: string, run: () => Promise<unknown>): Promise<number> {
  const original = window.fetch;
  let count = 0;
  window.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (url.pathname === path) count++;
    return original.call(window, input, init);
  };
  try {
    await run();
    for (let i = 0; i < 5; i++) await nextTask();
  } finally {
    window.fetch = original;
  }
  return count;
}

const QUERY = { 'source-amount': '50.00', 'destination-currencies': 'eth usdc', 'destination-networks': 'ethereum base' };
const SAME_QUERY = 'source_amount=50.00&destination_currencies[]=eth&destination_currencies[]=usdc&destination_networks[]=ethereum&destination_networks[]=base';

describe('<crypto-onramp-quotes>', () => {
  afterEach(() => {
    for (const el of made.splice(0)) el.remove();
    cleanup();
  });

  it("asks the kit's endpoint in Stripe's names and lists the emulator's prices, fees included", async () => {
    const log = newLog();
    const { el, events } = createQuotes({ 'quotes-url': `/test-api/quotes?log=${log}`, ...QUERY });
    await el.updateComplete;
    expect(el.getAttribute('state')).to.equal('loading');
    expect(el.shadowRoot!.querySelector('[part="loading"] [role="progressbar"]')).to.exist;
    const load = await events.nth('crypto-onramp-quotes-load', 1);
    await el.updateComplete;
    const [request, ...more] = await requestLog(log);
    expect(more).to.have.length(0);
    const sent = new URL(request!.url, location.href).searchParams;
    expect(sent.get('source_amount')).to.equal('50.00');
    expect(sent.getAll('destination_currencies[]')).to.deep.equal(['eth', 'usdc']);
    expect(sent.getAll('destination_networks[]')).to.deep.equal(['ethereum', 'base']);
    expect(sent.has('source_currency')).to.equal(false);

    const answer = await answerFor(SAME_QUERY);
    expect(load.detail.quotes).to.deep.equal(answer);
    const quotes = allQuotes(answer);
    expect(quotes.length).to.be.greaterThan(2); // eth and usdc on ethereum, on base
    const shown = options(el);
    expect(shown.map((o) => o.dataset['key'])).to.deep.equal(quotes.map((q) => `${q.destination_network}:${q.destination_currency}`));
    quotes.forEach((quote, i) => {
      const fees = (Number(quote.fees.network_fee_monetary) + Number(quote.fees.transaction_fee_monetary)).toFixed(2);
      const option = shown[i]!;
      // Its text is its accessible name, and says all of it: amount, network, total and both fees.
      const network = quote.destination_network === 'base' ? 'Base' : 'Ethereum';
      expect(option.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
        `${quote.destination_amount} ${quote.destination_currency.toUpperCase()} on ${network}, $${quote.source_total_amount} total, ` +
          `fees $${fees}: network $${quote.fees.network_fee_monetary} + transaction $${quote.fees.transaction_fee_monetary}`,
      );
      expect(option.hasAttribute('aria-label')).to.equal(false);
    });
    expect(el.shadowRoot!.querySelector('[role="listbox"]')!.getAttribute('aria-labelledby')).to.equal('caption');
    expect(el.shadowRoot!.getElementById('caption')!.textContent).to.equal('What $50.00 buys');
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal(`${quotes.length} quotes for $50.00.`);
    expect(el.getAttribute('state')).to.equal('ready');
    await expect(el).to.be.accessible();
  });

  it('is one tab stop; arrows, Home and End move, Enter and Space choose', async () => {
    const before = document.createElement('button');
    before.textContent = 'before';
    document.body.append(before);
    made.push(before);
    const { el, events } = createQuotes({ 'quotes-url': '/test-api/quotes', ...QUERY });
    await events.nth('crypto-onramp-quotes-load', 1);
    await el.updateComplete;
    const list = options(el);
    before.focus();
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(list[0]);
    expect(list.filter((o) => o.tabIndex === 0)).to.deep.equal([list[0]]);
    await sendKeys({ press: 'ArrowDown' });
    expect(focused(el)).to.equal(list[1]);
    await sendKeys({ press: 'End' });
    expect(focused(el)).to.equal(list.at(-1));
    await sendKeys({ press: 'ArrowDown' }); // stays on the last
    expect(focused(el)).to.equal(list.at(-1));
    await sendKeys({ press: 'Home' });
    await sendKeys({ press: 'ArrowRight' });
    expect(focused(el)).to.equal(list[1]);
    expect(events.of('crypto-onramp-quote-select')).to.have.length(0); // moving is not choosing
    await sendKeys({ press: 'Enter' });
    expect(events.of('crypto-onramp-quote-select').map((e) => e.detail.quote.id)).to.deep.equal([el.quotes!.destination_network_quotes[list[1]!.dataset['key']!.startsWith('base') ? 'base_network' : 'ethereum']!.find((q) => `${q.destination_network}:${q.destination_currency}` === list[1]!.dataset['key'])!.id]);
    await el.updateComplete;
    expect(list.map((o) => o.getAttribute('aria-selected'))).to.deep.equal(list.map((_, i) => String(i === 1)));
    await sendKeys({ press: 'ArrowUp' });
    // The same key, named as each driver names it (WebDriver BiDi takes the character itself).
    await sendKeys({ press: (await engine()) === 'firefox' ? ' ' : 'Space' });
    await el.updateComplete;
    expect(events.of('crypto-onramp-quote-select')).to.have.length(2);
    expect(list[0]!.getAttribute('aria-selected')).to.equal('true');
    expect(list[0]!.getAttribute('part')).to.equal('option option-selected');
    expect(list[1]!.getAttribute('aria-selected')).to.equal('false');
    // Tab leaves the list from wherever focus is: one stop, on the chosen option.
    expect(list.filter((o) => o.tabIndex === 0)).to.deep.equal([list[0]]);
  });

  it("sets the linked onramp's presets on a choice, and it mints exactly once", async () => {
    const mints = newLog();
    const { el: onramp, events: onrampEvents } = createOnramp({
      id: 'linked-onramp',
      attributes: { 'session-url': `/test-api/session?log=${mints}`, 'destination-amount': '0.01', 'destination-currency': 'btc', 'destination-network': 'bitcoin' },
    });
    const { el, events } = createQuotes({ 'quotes-url': '/test-api/quotes', for: 'linked-onramp', ...QUERY });
    await Promise.all([onrampEvents.nth('crypto-onramp-ready', 1), events.nth('crypto-onramp-quotes-load', 1)]);
    await el.updateComplete;
    const option = options(el).find((o) => o.dataset['key'] === 'base:usdc')!;
    // Every minting request the onramp starts, seen where it starts (one the onramp aborts at once,
    // superseded by a later change, never reaches the server's log).
    const mintsStarted = await fetchesDuring('/test-api/session', () => {
      option.click();
      return onrampEvents.nth('crypto-onramp-ready', 2);
    });
    expect(mintsStarted).to.equal(1);
    const requests = await requestLog(mints);
    expect(requests).to.have.length(2);
    expect(requests[1]!.body).to.deep.equal({ destination_currency: 'usdc', destination_network: 'base', source_currency: 'usd', source_amount: '50.00' });
    expect([onramp.destinationCurrency, onramp.destinationNetwork, onramp.sourceCurrency, onramp.sourceAmount, onramp.destinationAmount]).to.deep.equal(['usdc', 'base', 'usd', '50.00', undefined]);
    expect(onrampEvents.count('crypto-onramp-error')).to.equal(0);
  });

  it('fires crypto-onramp-quote-select with the choice; preventDefault() leaves the onramp alone', async () => {
    const mints = newLog();
    const { el: onramp, events: onrampEvents } = createOnramp({ id: 'kept-onramp', attributes: { 'session-url': `/test-api/session?log=${mints}` } });
    const { el, events } = createQuotes({ 'quotes-url': '/test-api/quotes', for: 'kept-onramp', ...QUERY });
    await Promise.all([onrampEvents.nth('crypto-onramp-ready', 1), events.nth('crypto-onramp-quotes-load', 1)]);
    await el.updateComplete;
    const heard: Array<CryptoOnrampQuotesEventMap['crypto-onramp-quote-select']> = [];
    document.addEventListener('crypto-onramp-quote-select', (event) => {
      heard.push(event);
      event.preventDefault();
    }, { once: true });
    options(el).find((o) => o.dataset['key'] === 'ethereum:eth')!.click();
    const [event] = heard;
    expect(event!.bubbles && event!.composed && event!.cancelable).to.equal(true);
    const quote = el.quotes!.destination_network_quotes['ethereum']!.find((q) => q.destination_currency === 'eth')!;
    expect(event!.detail).to.deep.equal({ destinationCurrency: 'eth', destinationNetwork: 'ethereum', sourceAmount: '50.00', sourceCurrency: 'usd', quote });
    await el.updateComplete;
    for (let i = 0; i < 5; i++) await nextTask();
    expect(onramp.destinationCurrency).to.equal(undefined);
    expect(await requestLog(mints)).to.have.length(1);
  });

  it("reports a `for` that names no <crypto-onramp> as a coded error, and keeps the list", async () => {
    const { el, events } = createQuotes({ 'quotes-url': '/test-api/quotes', for: 'nowhere', ...QUERY });
    await events.nth('crypto-onramp-quotes-load', 1);
    await el.updateComplete;
    options(el)[0]!.click();
    const error = await events.nth('crypto-onramp-quotes-error', 1);
    expect(error.detail).to.deep.equal({ code: 'onramp_not_found', message: 'No <crypto-onramp id="nowhere"> next to this quotes element.', retryable: false, param: 'for' });
    expect(events.of('crypto-onramp-quote-select')).to.have.length(1);
    await el.updateComplete;
    expect(options(el).length).to.be.greaterThan(0);
    expect(el.getAttribute('state')).to.equal('ready');

    const notAnOnramp = document.createElement('div');
    notAnOnramp.id = 'not-an-onramp';
    document.body.append(notAnOnramp);
    made.push(notAnOnramp);
    el.for = 'not-an-onramp';
    options(el)[0]!.click();
    const second = await events.nth('crypto-onramp-quotes-error', 2);
    expect(second.detail.message).to.equal('The element with id "not-an-onramp" is not a <crypto-onramp>.');
  });

  it('shows a coded error with a retry button, and the retry shows the quotes', async () => {
    const log = newLog();
    const { el, events } = createQuotes({ 'quotes-url': `/test-api/quotes-flaky?log=${log}`, ...QUERY });
    const error = await events.nth('crypto-onramp-quotes-error', 1);
    expect(error.detail).to.deep.equal({ code: 'quotes_http_error', message: 'The quotes are busy; try again.', retryable: true, httpStatus: 503, stripeCode: 'busy' });
    await el.updateComplete;
    expect(el.getAttribute('state')).to.equal('error');
    expect(el.shadowRoot!.querySelector('[part="error"] [role="alert"]')!.textContent).to.contain('The quotes are busy; try again.');
    await expect(el).to.be.accessible();
    (el.shadowRoot!.querySelector('[part="retry-button"]') as HTMLButtonElement).click();
    await events.nth('crypto-onramp-quotes-load', 1);
    await el.updateComplete;
    expect(el.getAttribute('state')).to.equal('ready');
    expect(el.shadowRoot!.querySelector('[part="error"]')).to.equal(null);
    expect(options(el).length).to.be.greaterThan(0);
    expect(await requestLog(log)).to.have.length(2);
  });

  it("names the kit's 400, a non-JSON answer and a missing quotes-url, never with a raw JS message", async () => {
    const bad = createQuotes({ 'quotes-url': '/test-api/quotes', 'source-amount': 'ten' });
    const notJson = createQuotes({ 'quotes-url': '/test-api/not-json' });
    const missing = createQuotes({});
    const [a, b, c] = await Promise.all([bad, notJson, missing].map(({ events }) => events.nth('crypto-onramp-quotes-error', 1)));
    expect(a!.detail).to.include({ code: 'quotes_http_error', httpStatus: 400, param: 'source_amount', retryable: false });
    expect(b!.detail).to.deep.equal({ code: 'invalid_quotes_response', message: 'The quotes endpoint did not answer an onramp quotes object.', retryable: true });
    expect(c!.detail).to.deep.equal({ code: 'missing_configuration', message: 'Set the quotes-url attribute (your quotes endpoint).', retryable: false, param: 'quotes-url' });
    await missing.el.updateComplete;
    expect(missing.el.shadowRoot!.querySelector('[part="retry-button"]')).to.equal(null);
    for (const event of [a, b, c]) expect(event!.detail.message).to.not.match(/TypeError|SyntaxError|JSON|undefined/);
  });

  it('aborts the request in flight when removed, and fires nothing afterwards', async () => {
    const log = newLog();
    const { el, events } = createQuotes({ 'quotes-url': `/test-api/quotes-hang?log=${log}` });
    while ((await requestLog(log)).length < 1) await nextTask();
    el.remove();
    // The harness logs `<log>:closed` when the browser drops the request.
    while ((await requestLog(`${log}:closed`)).length < 1) await nextTask();
    for (let i = 0; i < 5; i++) await nextTask();
    expect(events.all).to.have.length(0);
  });

  it('asks again when put back after a removal cut its request short', async () => {
    const log = newLog();
    const { el, events } = createQuotes({ 'quotes-url': `/test-api/quotes-hang?log=${log}`, ...QUERY });
    while ((await requestLog(log)).length < 1) await nextTask();
    el.remove();
    el.quotesUrl = '/test-api/quotes'; // changed while out of the page: nothing is asked until it is back
    await el.updateComplete;
    for (let i = 0; i < 5; i++) await nextTask();
    expect(events.all).to.have.length(0);
    document.body.append(el);
    await events.nth('crypto-onramp-quotes-load', 1);
    await el.updateComplete;
    expect(options(el).length).to.be.greaterThan(0);
  });

  it('compares lists by value: equal new arrays fetch nothing; several changes in one task fetch once; a removed attribute is unset; a new query clears the choice', async () => {
    const log = newLog();
    const { el, events } = createQuotes({ 'quotes-url': `/test-api/quotes?log=${log}`, ...QUERY });
    await events.nth('crypto-onramp-quotes-load', 1);
    await el.updateComplete;
    options(el).find((o) => o.dataset['key'] === 'base:usdc')!.click(); // also priced by the next query
    el.destinationCurrencies = ['eth', 'usdc'];
    el.destinationNetworks = ['ethereum', 'base'];
    el.sourceAmount = '50.00';
    await el.updateComplete;
    for (let i = 0; i < 5; i++) await nextTask();
    expect(await requestLog(log)).to.have.length(1);

    const started = await fetchesDuring('/test-api/quotes', () => {
      el.destinationCurrencies = ['usdc'];
      el.setAttribute('source-currency', 'eur');
      el.removeAttribute('source-amount');
      return events.nth('crypto-onramp-quotes-load', 2);
    });
    expect(started).to.equal(1);
    const requests = await requestLog(log);
    expect(requests).to.have.length(2);
    const sent = new URL(requests[1]!.url, location.href).searchParams;
    expect([...sent.keys()].filter((k) => k !== 'log')).to.deep.equal(['source_currency', 'destination_currencies[]', 'destination_networks[]', 'destination_networks[]']);
    expect(sent.get('source_currency')).to.equal('eur');
    await el.updateComplete;
    // New prices are announced (the live region stays; its text changes).
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal(`${allQuotes(el.quotes!).length} quotes for €100.00.`);
    expect(el.quotes!.source_currency).to.equal('eur');
    expect(allQuotes(el.quotes!).every((q) => q.destination_currency === 'usdc')).to.equal(true);
    // The choice was for the old query: new prices are a new choice. The same query again keeps it.
    await el.updateComplete;
    expect(options(el).map((o) => o.dataset['key'])).to.include('base:usdc');
    expect(options(el).map((o) => o.getAttribute('aria-selected'))).to.not.include('true');
    options(el)[1]!.click();
    el.refresh();
    await events.nth('crypto-onramp-quotes-load', 3);
    await el.updateComplete;
    expect(options(el).map((o) => o.getAttribute('aria-selected'))).to.deep.equal(options(el).map((_, i) => String(i === 1)));
  });

  it('registers typed events on GlobalEventHandlersEventMap', () => {
    const el = document.createElement('crypto-onramp-quotes');
    el.addEventListener('crypto-onramp-quote-select', (event) => {
      const network: string = event.detail.quote.destination_network;
      void network;
    });
    expect(el).to.be.instanceOf(customElements.get('crypto-onramp-quotes')!);
  });
});
