/**
 * The harness answers Stripe's scripts through `routeStripeToEmulator`, which leaves the page's
 * own requests alone: CORS behaves as in a real browser. A preflighted request to a server that
 * does not answer preflights fails, as it would for a customer; Playwright's `route()` answered
 * the preflight itself and let such a request through.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';

/** The emulator serves its stand-in script with `Access-Control-Allow-Origin: *` but has no preflight answer for it. */
const SCRIPT_PATH = '/js/stripe.js';

describe('routeStripeToEmulator: the page\'s own requests are untouched', () => {
  let emulatorUrl: string;
  before(async () => {
    emulatorUrl = (await executeServerCommand('emulator-url')) as string;
  });

  it('a simple cross-origin GET allowed by the server succeeds', async () => {
    const response = await fetch(emulatorUrl + SCRIPT_PATH);
    expect(response.status).to.equal(200);
  });

  it('a preflighted request the server does not allow fails with a CORS error', async () => {
    const outcome = await fetch(emulatorUrl + SCRIPT_PATH, { headers: { 'X-Probe': '1' } }).then(
      (response) => `answered ${response.status}`,
      (error: unknown) => (error instanceof TypeError ? 'blocked' : String(error)),
    );
    expect(outcome).to.equal('blocked');
  });

  it('a preflighted request the server allows (the emulator\'s API) succeeds', async () => {
    const response = await fetch(`${emulatorUrl}/v1/crypto/onramp_sessions?limit=1`, { headers: { Authorization: 'Bearer sk_test_cors_probe' } });
    expect(response.status).to.equal(200);
  });
});
