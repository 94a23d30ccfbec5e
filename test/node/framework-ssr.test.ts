// <crypto-onramp> rendered on the server by @lit-labs/ssr: a declarative shadow root with the
// element's styles and views, its attributes reflected, and no request made (minting and
// Stripe's scripts are the browser's job). The browser half is test/browser/framework-ssr-hydration.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderOnramp } from '../frameworks/ssr.js';

/** Every fetch made while rendering; the server side must make none. */
const fetches: string[] = [];
globalThis.fetch = async (input: string | URL | Request) => {
  fetches.push(String(input));
  throw new Error('no network during SSR');
};

test('renders the element with a declarative shadow root, its styles and its attributes', async () => {
  const html = await renderOnramp({ sessionUrl: '/api/onramp-session' });
  const [, hostAttributes = ''] = /<crypto-onramp([^>]*)>/.exec(html) ?? [];
  assert.match(hostAttributes, /session-url="\/api\/onramp-session"/);
  assert.match(hostAttributes, /destination-currency="eth"/);
  // Reflected properties arrive with the HTML, so `crypto-onramp[theme=dark]`-style CSS applies before hydration.
  assert.match(hostAttributes, /theme="light"/);
  assert.match(hostAttributes, /loading="eager"/);
  assert.match(html, /<crypto-onramp[^>]*><template shadowroot="open" shadowrootmode="open"><style>/);
  assert.match(html, /--crypto-onramp-min-height/, 'the reserved height is in the inline styles');
  // The class also names the mode (`embedded` by default), which styles the redirect and standalone modes.
  assert.match(html, /<div part="base" class="base embedded"/);
  assert.match(html, /<slot name="mount"><\/slot>/);
  // Lit's markers, which hydration walks.
  assert.match(html, /<!--lit-part [\w+/=]+-->/);
  assert.doesNotMatch(html, /_secret_|data-crypto-onramp-mount|<iframe/);
  assert.deepEqual(fetches, []);
});

test('renders loading="lazy" and the presets as given', async () => {
  const html = await renderOnramp({ sessionUrl: '/api/onramp-session', loading: 'lazy' });
  assert.match(html, /<crypto-onramp[^>]*loading="lazy"/);
  assert.match(html, /<crypto-onramp[^>]*destination-network="ethereum"/);
  assert.deepEqual(fetches, []);
});

test('renders the loading view, so the page shows a spinner and is aria-busy before any script runs', async () => {
  // The browser's first render is the loading view too (the element starts before it renders),
  // which is what lets hydration reuse this markup.
  const html = await renderOnramp({ sessionUrl: '/api/onramp-session' });
  // assert.ok, not assert.match: a failure should not print the whole document.
  assert.ok(/<div part="loading"[^>]*>[\s\S]*role="progressbar"/.test(html), 'the server output has no loading view');
  assert.ok(html.includes('aria-busy="true"'), 'the server output is not aria-busy');
});
