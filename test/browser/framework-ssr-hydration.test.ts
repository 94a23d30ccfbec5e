/**
 * Server-side rendering, then hydration: `<crypto-onramp>` rendered by `@lit-labs/ssr` (with a
 * declarative shadow root) takes over in the browser, reusing the server's shadow DOM and minting
 * exactly one session.
 */
// Must run before Lit's LitElement module is evaluated: it patches LitElement as it loads.
import '@lit-labs/ssr-client/lit-element-hydrate-support.js';
import { expect } from '@open-wc/testing';
import { container, removeContainers } from '../frameworks/browser-helpers.js';
import { EventRecorder, iframes, mountNodes, newLog, requestLog } from './support/helpers.js';

const SESSION = '/test-api/session';

/** The server-rendered HTML of `<crypto-onramp session-url=…>` (see test/frameworks/ssr.ts). */
async function serverRender(sessionUrl: string, loading?: 'lazy'): Promise<string> {
  const query = new URLSearchParams({ 'session-url': sessionUrl, ...(loading ? { loading } : {}) });
  const response = await fetch(`/__frameworks/ssr?${query}`);
  if (!response.ok) throw new Error(`SSR: HTTP ${response.status}`);
  return response.text();
}

describe('server-side rendering and hydration', () => {
  const errors: string[] = [];
  const onError = (event: ErrorEvent | PromiseRejectionEvent) => errors.push(String('reason' in event ? event.reason : event.error));
  beforeEach(() => {
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onError);
  });
  afterEach(() => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onError);
    errors.length = 0;
    removeContainers();
  });

  /** Inserts server-rendered HTML the way a page load would, hydrates it, and checks the outcome. */
  async function hydrateAndCheck(html: string, log: string): Promise<void> {
    expect(html).to.contain('<template shadowroot="open" shadowrootmode="open">');
    // Parsed into a detached node: the declarative shadow root is attached, nothing is connected
    // yet. (Not Document.parseHTMLUnsafe: Chromium drops the comments inside declarative shadow
    // roots there, and hydration needs Lit's comment markers.)
    const holder = document.createElement('div');
    holder.setHTMLUnsafe(html);
    const el = holder.querySelector('crypto-onramp')!;
    const serverBase = el.shadowRoot!.querySelector('[part="base"]');
    expect(serverBase).to.exist;

    const events = new EventRecorder(document.body);
    container().append(el);
    const ready = await events.nth('crypto-onramp-ready', 1);
    await el.updateComplete;

    expect(errors).to.deep.equal([]);
    // Hydrated, not re-rendered: the server's nodes are the live ones, and there is one of each.
    expect(el.shadowRoot!.querySelector('[part="base"]')).to.equal(serverBase);
    expect(el.shadowRoot!.querySelectorAll('[part="base"]')).to.have.length(1);
    expect(el.shadowRoot!.querySelector('[part="loading"]')).to.equal(null);
    expect(el.state).to.equal('ready');
    expect(ready.detail.session.id).to.match(/^cos_/);
    expect((await requestLog(log)).map((r) => r.body)).to.deep.equal([{ destination_currency: 'eth', destination_network: 'ethereum' }]);
    expect(iframes()).to.have.length(1);
    expect(mountNodes()).to.have.length(1);
  }

  it('hydrates a server-rendered element and mints one session', async () => {
    // The server renders the loading view (the idle state), and so does the browser's first
    // render (the element starts its first attempt before rendering): the templates match.
    const log = newLog();
    await hydrateAndCheck(await serverRender(`${SESSION}?log=${log}`), log);
  });

  it('hydrates a server-rendered loading="lazy" element, which starts when it comes near the viewport', async () => {
    const log = newLog();
    await hydrateAndCheck(await serverRender(`${SESSION}?log=${log}`, 'lazy'), log);
  });
});
