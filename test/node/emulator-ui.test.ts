/**
 * The purchase flow as a customer uses it, in a real Chromium driven by Playwright: the stand-in
 * scripts served at Stripe's URLs on a page of another origin, the iframe flow clicked through,
 * the events the page receives, live theme changes, the hosted page and the test triggers.
 * Skipped when no Chromium is installed (the browser suite needs one anyway).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Stripe from 'stripe';
import { chromium, type Browser, type FrameLocator, type Page } from 'playwright';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { TEST_TRIGGERS } from '../../src/emulator/index.js';
import { createSession, EVM_ADDRESS, startTestEmulator } from './emulator-helpers.js';

const CHROMIUM = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => p && existsSync(p));
const STRIPE_JS = 'https://js.stripe.com/v3';
const ONRAMP_JS = 'https://crypto-js.stripe.com/crypto-onramp-outer.js';

interface RecordedEvent {
  type: string;
  status: string;
  session: Record<string, unknown>;
}

let emulator: RunningEmulator;
let stripe: Stripe;
let browser: Browser;
let host: Server;
let hostUrl: string;

/** A page of another origin (a real loopback server, like a site in development) with both scripts. */
const HOST_PAGE = `<!doctype html><html><body>
<div id="first"></div><div id="second"></div>
<script src="${STRIPE_JS}"></script><script src="${ONRAMP_JS}"></script>
<script>
  window.recorded = [];
  window.startOnramp = (clientSecret, appearance) => {
    const session = StripeOnramp('pk_test_emulator').createSession({ clientSecret, appearance });
    session.addEventListener('*', (event) => window.recorded.push({ type: event.type, status: event.payload.session.status, session: event.payload.session }));
    session.mount('#first');
    window.session = session;
  };
</script></body></html>`;

async function openHostPage(): Promise<{ page: Page; requests: string[] }> {
  const page = await browser.newPage();
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.route(STRIPE_JS, (route) => route.fulfill({ contentType: 'text/javascript', body: emulator.scripts.stripeJs }));
  await page.route(ONRAMP_JS, (route) => route.fulfill({ contentType: 'text/javascript', body: emulator.scripts.onrampOuterJs }));
  await page.goto(hostUrl);
  return { page, requests };
}

function waitForEvents(page: Page, count: number): Promise<RecordedEvent[]> {
  return page
    .waitForFunction((n) => ((window as unknown as { recorded: unknown[] }).recorded.length >= n ? (window as unknown as { recorded: unknown[] }).recorded : null), count)
    .then((handle) => handle.jsonValue() as Promise<RecordedEvent[]>);
}

async function buyThroughTheFlow(frame: FrameLocator, wallet: string): Promise<void> {
  await frame.getByRole('heading', { name: 'Buy crypto' }).waitFor();
  await frame.getByLabel('You buy').selectOption('usdc');
  await frame.getByLabel('Network').selectOption('base');
  await frame.getByLabel('You pay').fill('40');
  await frame.getByLabel('You pay').press('Tab');
  await frame.getByText('≈ 40 USDC').waitFor();
  await frame.getByRole('button', { name: 'Continue' }).click();
  await frame.getByRole('heading', { name: 'Confirm your wallet' }).waitFor();
  await frame.getByLabel('Your base wallet address').fill(wallet);
  await frame.getByRole('button', { name: 'Confirm wallet' }).click();
}

describe('the purchase flow in a browser', { skip: CHROMIUM ? false : 'no Chromium installed' }, () => {
  before(async () => {
    ({ emulator, stripe } = await startTestEmulator({ fulfillmentDelayMs: 50 }));
    browser = await chromium.launch({ executablePath: CHROMIUM!, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'] });
    host = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(HOST_PAGE));
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    hostUrl = `http://localhost:${(host.address() as AddressInfo).port}/`;
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => host?.close(resolve));
    await emulator?.close();
  });

  test('embedded: quote → wallet → pay, with the SDK\'s events and the API in step', async () => {
    const session = await createSession(stripe, { destination_currencies: ['eth', 'usdc'], destination_networks: ['ethereum', 'base'] });
    const { page, requests } = await openHostPage();
    await page.evaluate((secret) => (window as unknown as { startOnramp(s: string): void }).startOnramp(secret), session.client_secret);
    const frame = page.frameLocator('iframe');

    const [loaded] = await waitForEvents(page, 1);
    assert.equal(loaded!.type, 'onramp_ui_loaded');
    assert.deepEqual(Object.keys(loaded!.session).sort(), ['client_secret', 'id', 'livemode', 'object', 'quote', 'status', 'wallet_address']);
    assert.deepEqual([loaded!.session.id, loaded!.session.client_secret, loaded!.session.object, loaded!.session.livemode], [session.id, session.client_secret, 'crypto.onramp_session', false]);

    await buyThroughTheFlow(frame, EVM_ADDRESS);
    await frame.getByRole('heading', { name: 'Pay' }).waitFor();
    await frame.getByRole('button', { name: /^Pay 40\.61 USD$/ }).click();
    await frame.getByRole('heading', { name: 'Purchase complete' }).waitFor();

    const events = await waitForEvents(page, 4);
    assert.deepEqual(events.map((e) => [e.type, e.status]), [
      ['onramp_ui_loaded', 'initialized'],
      ['onramp_session_updated', 'requires_payment'],
      ['onramp_session_updated', 'fulfillment_processing'],
      ['onramp_session_updated', 'fulfillment_complete'],
    ]);
    const last = events[3]!.session as { wallet_address: string; quote: { destination_amount: string; blockchain_tx_id: string; destination_currency: { asset_code: string; currency_network: string } } };
    assert.equal(last.wallet_address, EVM_ADDRESS);
    assert.equal(last.quote.destination_amount, '40');
    assert.deepEqual([last.quote.destination_currency.asset_code, last.quote.destination_currency.currency_network], ['usdc', 'base']);

    const api = JSON.parse(JSON.stringify(await stripe.rawRequest('GET', `/v1/crypto/onramp_sessions/${session.id}`)));
    assert.equal(api.status, 'fulfillment_complete');
    assert.equal(api.transaction_details.transaction_id, last.quote.blockchain_tx_id);

    assert.equal(await page.locator('iframe').count(), 1);
    const iframe = page.locator('iframe');
    assert.equal(await iframe.getAttribute('allow'), 'payment *; camera');
    // Stripe's scheme: the frame's URL, and only it, carries the secret (and the publishable key).
    const withSecret = requests.filter((url) => url.includes(session.client_secret));
    assert.deepEqual(withSecret.map((url) => new URL(url).pathname), ['/embedded']);
    assert.equal(new URL(withSecret[0]!).searchParams.get('publishableKey'), 'pk_test_emulator');
    await page.close();
  });

  test('appearance: the initial theme and setAppearance switch the frame live', async () => {
    const session = await createSession(stripe);
    const { page } = await openHostPage();
    await page.evaluate((secret) => (window as unknown as { startOnramp(s: string, a: unknown): void }).startOnramp(secret, { theme: 'dark' }), session.client_secret);
    await waitForEvents(page, 1);
    const frame = page.frames().find((f) => f.url().includes('/embedded'))!;
    assert.equal(await frame.evaluate(() => document.documentElement.dataset.theme), 'dark');
    await page.evaluate(() => (window as unknown as { session: { setAppearance(a: unknown): void } }).session.setAppearance({ theme: 'light' }));
    await frame.waitForFunction(() => document.documentElement.dataset.theme === 'light');
    const background = await frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(background, 'rgb(255, 255, 255)');
    await page.close();
  });

  test('moving the iframe keeps one session and one iframe; the reloaded frame announces itself again with the current status', async () => {
    const session = await createSession(stripe);
    const { page } = await openHostPage();
    await page.evaluate((secret) => (window as unknown as { startOnramp(s: string): void }).startOnramp(secret), session.client_secret);
    await waitForEvents(page, 1);
    await emulator.setStatus(session.id, 'requires_payment');
    await waitForEvents(page, 2);
    await page.evaluate(() => (window as unknown as { session: { mount(t: string): void } }).session.mount('#second'));
    assert.equal(await page.locator('#second iframe').count(), 1);
    assert.equal(await page.locator('iframe').count(), 1);
    await page.frameLocator('#second iframe').getByRole('heading', { name: 'Pay' }).waitFor();
    await waitForEvents(page, 3);
    await emulator.setStatus(session.id, 'error');
    const events = await waitForEvents(page, 4);
    assert.deepEqual(events.map((e) => [e.type, e.status]), [
      ['onramp_ui_loaded', 'initialized'],
      ['onramp_session_updated', 'requires_payment'],
      ['onramp_ui_loaded', 'requires_payment'],
      ['onramp_session_updated', 'error'],
    ]);
    await page.frameLocator('#second iframe').getByRole('heading', { name: 'Something went wrong' }).waitFor();
    await page.close();
  });

  test('unexpected messages from the frame throw in the page, uncaught, and reach no listener', async () => {
    const session = await createSession(stripe);
    const { page } = await openHostPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.evaluate((secret) => (window as unknown as { startOnramp(s: string): void }).startOnramp(secret), session.client_secret);
    await waitForEvents(page, 1);
    const frame = page.frames().find((f) => f.url().includes('/embedded'))!;
    await frame.evaluate(() => window.parent.postMessage(null, '*'));
    await frame.evaluate(() => window.parent.postMessage({ type: 'ONRAMP_ERROR', error: { message: 'frame failed' } }, '*'));
    // A message from the page's own origin is not Stripe's frame: ignored, whatever its shape.
    await page.evaluate(() => window.postMessage(null, '*'));
    // Messages are delivered in order: once this one is recorded, the three above were handled.
    await frame.evaluate(() => window.parent.postMessage({ type: 'ONRAMP_SESSION_UPDATE', session: { id: 'cos_marker', status: 'initialized' } }, '*'));
    const events = await waitForEvents(page, 2);
    assert.deepEqual(events.map((e) => [e.type, e.session.id]), [['onramp_ui_loaded', session.id], ['onramp_session_updated', 'cos_marker']]);
    assert.equal(errors.length, 2, errors.join('\n'));
    assert.match(errors[0]!, /null/);
    assert.equal(errors[1], 'frame failed');
    await page.close();
  });

  test('the rejected-wallet trigger ends the flow declined', async () => {
    const session = await createSession(stripe, { destination_currencies: ['usdc'], destination_networks: ['base'] });
    const { page } = await openHostPage();
    await page.evaluate((secret) => (window as unknown as { startOnramp(s: string): void }).startOnramp(secret), session.client_secret);
    const frame = page.frameLocator('iframe');
    await buyThroughTheFlow(frame, TEST_TRIGGERS.rejectedWalletAddress);
    await frame.getByRole('heading', { name: 'Purchase declined' }).waitFor();
    const events = await waitForEvents(page, 2);
    assert.deepEqual(events[1]!.status, 'rejected');
    await page.close();
  });

  test('the hosted page runs the same flow from redirect_url, with accessible controls', async () => {
    const session = await createSession(stripe, { destination_currency: 'eth', destination_network: 'ethereum', source_amount: '25.00', source_currency: 'usd', wallet_addresses: { ethereum: EVM_ADDRESS }, lock_wallet_address: true });
    const page = await browser.newPage();
    await page.goto(session.redirect_url);
    await page.getByRole('heading', { name: 'Buy crypto' }).waitFor();
    assert.equal(await page.getByRole('list', { name: 'Purchase steps' }).locator('[aria-current="step"]').innerText(), 'Review quote');
    assert.match(await page.getByRole('status').innerText(), /review the quote/);
    assert.equal(await page.getByLabel('You pay').inputValue(), '25.00');
    await page.getByRole('button', { name: 'Continue' }).click();
    const wallet = page.getByLabel('Your ethereum wallet address');
    assert.equal(await wallet.inputValue(), EVM_ADDRESS);
    assert.equal(await wallet.getAttribute('readonly'), '', 'a locked wallet is read-only');
    await page.getByRole('button', { name: 'Confirm wallet' }).click();
    await page.getByLabel('Card number').fill(TEST_TRIGGERS.declinedCardNumber);
    await page.getByRole('button', { name: /^Pay/ }).click();
    assert.match(await page.getByRole('alert').innerText(), /declined/);
    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByRole('button', { name: /^Pay/ }).click();
    await page.getByRole('heading', { name: 'Purchase complete' }).waitFor();
    assert.equal(emulator.getSession(session.id)!.status, 'fulfillment_complete');
    await page.close();
  });

  test('a hosted link without its session explains itself', async () => {
    const page = await browser.newPage();
    await page.goto(`${emulator.url}/hosted`);
    await page.getByRole('heading', { name: 'This onramp session is unavailable' }).waitFor();
    await page.close();
  });

  test("the hosted page in the browser's language: its words, amounts by Intl, the server's errors; Arabic right to left", async () => {
    const session = await createSession(stripe, { destination_currency: 'eth', destination_network: 'ethereum', source_amount: '1000.00', source_currency: 'usd', wallet_addresses: { ethereum: EVM_ADDRESS }, lock_wallet_address: true });
    // The browser's language reaches the page as Accept-Language.
    const french = await browser.newPage({ locale: 'fr-FR' });
    await french.goto(session.redirect_url);
    await french.getByRole('heading', { name: 'Acheter des cryptos' }).waitFor();
    assert.equal(await french.getByRole('list', { name: "Étapes de l'achat" }).locator('[aria-current="step"]').innerText(), 'Vérifier le devis');
    await french.getByRole('button', { name: 'Continuer' }).click();
    await french.getByRole('button', { name: 'Confirmer le portefeuille' }).click();
    // French writes 1 000,00 (a narrow no-break space between thousands, a decimal comma).
    const pay = french.getByRole('button', { name: /^Payer / });
    assert.match(await pay.innerText(), /^Payer 1\u202f0\d\d,\d\d USD$/);
    await french.getByLabel('Numéro de carte').fill(TEST_TRIGGERS.declinedCardNumber);
    await pay.click();
    // The emulator answers in English; the page shows its own words for that sentence.
    await french.getByRole('alert').getByText('Votre carte a été refusée. Essayez une autre carte.').waitFor();
    await french.close();

    const arabic = await browser.newPage({ locale: 'ar' });
    await arabic.goto(session.redirect_url);
    await arabic.getByRole('heading', { name: 'الدفع' }).waitFor();
    assert.deepEqual(await arabic.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), ['ar', 'rtl']);
    await arabic.close();
  });
});
