/**
 * Every error code of the contract, each giving exactly one error event and the built-in
 * accessible error view (Stripe's scripts load normally in this file).
 */
import { expect } from '@open-wc/testing';
import type { CryptoOnramp } from '../../src/element/crypto-onramp.js';
import { cleanup, createOnramp, driveStatus, mountNodes, newLog, requestLog, settledError, type EventRecorder } from './support/helpers.js';

async function onlyError(el: CryptoOnramp, events: EventRecorder) {
  const error = await settledError(el, events);
  expect(el.state).to.equal('error');
  expect(el.getAttribute('state')).to.equal('error');
  expect(el.error).to.deep.equal(error.detail);
  return error;
}

describe('<crypto-onramp> errors', () => {
  afterEach(cleanup);

  it('missing_configuration: no session-url and no clientSecret', async () => {
    const { el, events } = createOnramp();
    const error = await onlyError(el, events);
    expect(error.detail).to.deep.include({ code: 'missing_configuration', retryable: false });
    expect(error.detail.message).to.contain('session-url');
    expect(error.cancelable).to.equal(true);
  });

  it('missing_configuration: wallet-address without a network', async () => {
    const { el, events } = createOnramp({ attributes: { 'session-url': '/test-api/session', 'wallet-address': '0xabc' } });
    const error = await onlyError(el, events);
    expect(error.detail).to.deep.include({ code: 'missing_configuration', param: 'wallet_addresses' });
  });

  it('missing_configuration: a session-url that is not a URL', async () => {
    const { el, events } = createOnramp({ attributes: { 'session-url': 'http://[not-a-host/api' } });
    const error = await onlyError(el, events);
    expect(error.detail).to.deep.include({ code: 'missing_configuration', param: 'session-url', retryable: false });
  });

  it('invalid_publishable_key: a secret key is refused and never used', async () => {
    const log = newLog();
    const { el, events } = createOnramp({
      attributes: { 'session-url': `/test-api/session?log=${log}`, 'publishable-key': 'sk_test_123' },
    });
    const error = await onlyError(el, events);
    expect(error.detail).to.deep.include({ code: 'invalid_publishable_key', retryable: false });
    expect(error.detail.message).to.not.contain('sk_test_123');
    expect(await requestLog(log)).to.have.length(0);
    expect(mountNodes()).to.have.length(0);
  });

  it('invalid_publishable_key: a malformed key from the endpoint', async () => {
    const { el, events } = createOnramp({ attributes: { 'session-url': '/test-api/session?pk=rk_live_abc' } });
    const error = await onlyError(el, events);
    expect(error.detail.code).to.equal('invalid_publishable_key');
  });

  it('missing_configuration: no publishable key anywhere', async () => {
    const { el, events } = createOnramp({ attributes: { 'session-url': '/test-api/session?pk=0' } });
    const error = await onlyError(el, events);
    expect(error.detail.code).to.equal('missing_configuration');
    expect(error.detail.message).to.contain('publishable');
  });

  it('session_request_failed: the endpoint times out', async () => {
    const { el, events } = createOnramp({ attributes: { 'session-url': '/test-api/hang' }, requestTimeout: 200 });
    const error = await onlyError(el, events);
    expect(error.detail).to.deep.include({ code: 'session_request_failed', retryable: true });
    expect(error.detail.message).to.contain('200 ms');
  });

  it('session_request_failed: the endpoint cannot be reached', async () => {
    const { el, events } = createOnramp({ attributes: { 'session-url': 'http://127.0.0.1:9/api/onramp-session' } });
    const error = await onlyError(el, events);
    expect(error.detail.code).to.equal('session_request_failed');
  });

  it('session_http_error: carries the status, code, message and param of the error body', async () => {
    const url = '/test-api/fail?status=400&code=crypto_onramp_unsupported_country&param=customer_ip_address&message=Not%20here';
    const { el, events } = createOnramp({ attributes: { 'session-url': url } });
    const error = await onlyError(el, events);
    expect(error.detail).to.deep.equal({
      code: 'session_http_error',
      message: 'Not here',
      retryable: false,
      httpStatus: 400,
      stripeCode: 'crypto_onramp_unsupported_country',
      param: 'customer_ip_address',
    });
  });

  it('session_http_error: a 5xx is retryable and retried once automatically with the same key', async () => {
    const log = newLog();
    const { el, events } = createOnramp({ attributes: { 'session-url': `/test-api/fail?status=503&log=${log}` } });
    const error = await onlyError(el, events);
    expect(error.detail).to.deep.include({ code: 'session_http_error', httpStatus: 503, retryable: true });
    const requests = await requestLog(log);
    expect(requests).to.have.length(2);
    expect(requests[0]!.headers['idempotency-key']).to.equal(requests[1]!.headers['idempotency-key']);
  });

  it('Retry-After beyond the request timeout: no automatic retry; the detail and the view say when', async () => {
    const log = newLog();
    const { el, events } = createOnramp({ attributes: { 'session-url': `/test-api/fail?status=429&retry-after=60&log=${log}` } });
    const error = await onlyError(el, events);
    expect(error.detail).to.deep.equal({
      code: 'session_http_error',
      message: 'The session endpoint answered HTTP 429. Try again in 60 seconds.',
      retryable: true,
      httpStatus: 429,
      retryAfter: 60,
    });
    expect(await requestLog(log)).to.have.length(1);
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('Try again in 60 seconds.');
  });

  it('Retry-After as an HTTP-date', async () => {
    const log = newLog();
    const date = new Date(Date.now() + 120_000).toUTCString();
    const { el, events } = createOnramp({ attributes: { 'session-url': `/test-api/fail?status=503&retry-after=${encodeURIComponent(date)}&log=${log}` } });
    const error = await onlyError(el, events);
    expect(error.detail.retryAfter).to.be.within(100, 120);
    expect(await requestLog(log)).to.have.length(1);
  });

  it('Retry-After within the request timeout: waited for, then retried once with the same key', async () => {
    const log = newLog();
    const { el, events } = createOnramp({ attributes: { 'session-url': `/test-api/fail?status=503&retry-after=1&log=${log}` }, requestTimeout: 5000 });
    const error = await onlyError(el, events);
    expect(error.detail).to.deep.include({ httpStatus: 503, retryAfter: 1 });
    const [first, second, ...more] = await requestLog(log);
    expect(more).to.have.length(0);
    expect(second!.headers['idempotency-key']).to.equal(first!.headers['idempotency-key']);
    // Not the usual 300 ms pause: the second request left no sooner than the second asked for.
    expect(second!.at - first!.at).to.be.at.least(1000);
  });

  it("redacts secrets from the endpoint's error message", async () => {
    const message = 'Bad key sk_test_abc123 in key%3Drk_live_xyz9, session cos_1Ab_secret_Zz9 refused';
    const { el, events } = createOnramp({ attributes: { 'session-url': `/test-api/fail?status=400&message=${encodeURIComponent(message)}` } });
    const error = await onlyError(el, events);
    expect(error.detail.message).to.equal('Bad key [redacted] in key%3D[redacted], session [redacted] refused');
    expect(el.shadowRoot!.innerHTML).to.not.match(/sk_test|rk_live|_secret_/);
  });

  it('recovers on the automatic retry after one transient failure', async () => {
    const log = newLog();
    const { events } = createOnramp({ attributes: { 'session-url': `/test-api/flaky?log=${log}` } });
    await events.nth('crypto-onramp-ready', 1);
    expect(events.count('crypto-onramp-error')).to.equal(0);
    const requests = await requestLog(log);
    expect(requests).to.have.length(2);
    expect(requests[0]!.headers['idempotency-key']).to.equal(requests[1]!.headers['idempotency-key']);
  });

  for (const [endpoint, what] of [
    ['not-json', 'not JSON'],
    ['bad-secret', 'a malformed client_secret'],
    ['no-secret', 'no client_secret'],
  ] as const) {
    it(`invalid_session_response: ${what}`, async () => {
      const { el, events } = createOnramp({ attributes: { 'session-url': `/test-api/${endpoint}` } });
      const error = await onlyError(el, events);
      expect(error.detail.code).to.equal('invalid_session_response');
      expect(error.detail.message).to.not.contain('not-a-session-secret');
    });
  }

  // Each of these Stripe would refuse with "Invalid client secret: <the value>": the element refuses
  // them first, names the property, never the value, and never calls Stripe (no mount node).
  for (const secret of ['cos_abc_secret_has-dash', 'sk_test_notasecret', 'pi_123_secret_456', '', 42, { secret: 'cos_x_secret_y' }]) {
    it(`invalid_client_secret: ${JSON.stringify(secret)}, before Stripe is called`, async () => {
      const { el, events } = createOnramp({ clientSecret: secret, publishableKey: 'pk_test_emulator' });
      const error = await onlyError(el, events);
      expect(error.detail).to.deep.equal({
        code: 'invalid_client_secret',
        message: 'The clientSecret property is not an onramp session client secret (cos_…_secret_…).',
        retryable: false,
        param: 'clientSecret',
      });
      expect(mountNodes()).to.have.length(0);
      expect(el.shadowRoot!.querySelector('[part="retry-button"]')).to.equal(null);
    });
  }

  it('session_error: the session reaches Stripe\'s error status', async () => {
    const { el, events } = createOnramp({ attributes: { 'session-url': '/test-api/session' } });
    await events.nth('crypto-onramp-ready', 1);
    await driveStatus(el.session!.id, 'error');
    const error = await onlyError(el, events);
    expect(error.detail).to.deep.include({ code: 'session_error', retryable: true });
    expect(events.of('crypto-onramp-status-change').at(-1)).to.deep.include({ status: 'error', previousStatus: 'initialized' });
  });

  it('shows an accessible error view whose retry button mints again', async () => {
    const log = newLog();
    const { el, events } = createOnramp({ attributes: { 'session-url': `/test-api/fail?status=500&log=${log}` } });
    await onlyError(el, events);
    const view = el.shadowRoot!.querySelector('[part="error"]')!;
    expect(view.querySelector('[role="alert"]')!.textContent).to.contain('The session endpoint answered HTTP 500');
    await expect(el).to.be.accessible();
    el.setAttribute('session-url', `/test-api/session?log=${log}`);
    await events.nth('crypto-onramp-ready', 1);
    expect(el.state).to.equal('ready');
  });

  it('the retry button calls refresh()', async () => {
    const { el, events } = createOnramp({ attributes: { 'session-url': '/test-api/fail?status=503' } });
    await onlyError(el, events);
    let refreshed = 0;
    const original = el.refresh.bind(el);
    el.refresh = () => {
      refreshed++;
      original();
    };
    const button = el.shadowRoot!.querySelector('[part="retry-button"]') as HTMLButtonElement;
    expect(button.tagName).to.equal('BUTTON');
    button.click();
    expect(refreshed).to.equal(1);
    await events.nth('crypto-onramp-error', 2);
  });

  it('preventDefault() hides the built-in error view', async () => {
    const el = document.createElement('crypto-onramp');
    el.addEventListener('crypto-onramp-error', (event) => event.preventDefault());
    const fired = new Promise((resolve) => el.addEventListener('crypto-onramp-error', resolve));
    document.body.append(el);
    await fired;
    await el.updateComplete;
    expect(el.state).to.equal('error');
    expect(el.shadowRoot!.querySelector('[part="error"]')).to.equal(null);
    el.remove();
  });

  it('the error slot replaces the built-in view', async () => {
    const { el, events } = createOnramp();
    const custom = document.createElement('div');
    custom.slot = 'error';
    custom.textContent = 'Buying crypto is unavailable right now.';
    el.append(custom);
    await onlyError(el, events);
    const slot = el.shadowRoot!.querySelector('slot[name="error"]') as HTMLSlotElement;
    expect(slot.assignedElements()).to.deep.equal([custom]);
  });
});
