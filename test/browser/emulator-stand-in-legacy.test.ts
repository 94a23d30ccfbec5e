/**
 * The stand-in of an older Stripe script (`serve-legacy`, `/js/crypto-onramp-outer.js?sdk=legacy`):
 * no `setAppearance`, and `appearance` ignored, so the frame is light whatever the page asks. One
 * file of its own: the loaders cache Stripe's scripts for the life of the page.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { loadStripeOnramp } from '@stripe/crypto/pure.js';
import type { OnrampSession, OnrampUIEvents, StripeOnramp } from '@stripe/crypto';

let onramp: StripeOnramp;

describe('emulator stand-in, legacy SDK (no setAppearance, appearance ignored)', () => {
  before(async () => {
    await executeServerCommand('stripe-scripts', { mode: 'serve-legacy' });
    const loaded = await loadStripeOnramp('pk_test_emulator');
    if (!loaded) throw new Error('loadStripeOnramp resolved null');
    onramp = loaded;
  });
  after(() => executeServerCommand('stripe-scripts', { mode: 'serve' }));

  it('has no setAppearance, does not check appearance, and renders the frame light when asked for dark', async () => {
    const emulatorUrl = (await executeServerCommand('emulator-url')) as string;
    const response = await fetch(`${emulatorUrl}/v1/crypto/onramp_sessions`, { method: 'POST', headers: { Authorization: 'Bearer sk_test_legacy' } });
    const { id, client_secret } = (await response.json()) as { id: string; client_secret: string };
    // An appearance the current SDK refuses is not even looked at.
    expect(() => onramp.createSession({ clientSecret: client_secret, appearance: { theme: 'sepia' as 'dark' } })).not.to.throw();
    const session: OnrampSession = onramp.createSession({ clientSecret: client_secret, appearance: { theme: 'dark' } });
    expect('setAppearance' in session).to.equal(false);
    const loaded = new Promise<OnrampUIEvents>((resolve) => session.addEventListener('onramp_ui_loaded', resolve));
    const host = document.createElement('div');
    document.body.append(host);
    session.mount(host);
    expect((await loaded).payload.session.id).to.equal(id);
    expect(new URL(host.querySelector('iframe')!.src).searchParams.has('theme')).to.equal(false);
    expect(await executeServerCommand('frame-themes')).to.deep.equal(['light']);
    host.remove();
  });
});
