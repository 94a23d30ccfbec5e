/**
 * The stand-in scripts as text: the emulator URL baked in, valid JavaScript that runs without the
 * module it came from (the serialized functions reference nothing outside themselves), and the
 * refusals that do not need a real DOM.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { standInScripts } from '../../src/emulator/index.js';
import { embeddedPage, hostedPage } from '../../src/emulator/stand-in/pages.js';
import { standInLanguage } from '../../src/emulator/stand-in/language.js';

const URL_ = 'http://127.0.0.1:4242';

/** A bare global where `window` is the global itself, as in a browser. */
function browserLikeContext(extra: Record<string, unknown> = {}): vm.Context {
  const context = vm.createContext({ URL, ...extra });
  vm.runInContext('var window = globalThis;', context);
  return context;
}

describe('stand-in scripts', () => {
  const scripts = standInScripts(`${URL_}/`);

  test('carry the emulator URL (without a trailing slash) and parse', () => {
    assert.match(scripts.onrampOuterJs, /"emulatorUrl":"http:\/\/127\.0\.0\.1:4242"/);
    new vm.Script(scripts.stripeJs);
    new vm.Script(scripts.onrampOuterJs);
  });

  test('Stripe.js stand-in defines window.Stripe and refuses secret keys', () => {
    const context = browserLikeContext();
    vm.runInContext(scripts.stripeJs, context);
    assert.equal(vm.runInContext('typeof window.Stripe', context), 'function');
    assert.equal(vm.runInContext("typeof Stripe('pk_test_x')._registerWrapper", context), 'function');
    assert.throws(() => vm.runInContext("Stripe('sk_test_x')", context), /secret key/);
  });

  test('the onramp stand-in loads in a frame; StripeOnramp() then throws Stripe\'s IntegrationError', () => {
    const context = browserLikeContext();
    vm.runInContext('window.self = window; window.top = {};', context);
    vm.runInContext(scripts.stripeJs, context);
    vm.runInContext(scripts.onrampOuterJs, context);
    assert.equal(vm.runInContext('typeof window.StripeOnramp', context), 'function');
    assert.equal(
      vm.runInContext("(() => { try { StripeOnramp('pk_test_x'); } catch (e) { return String(e); } })()", context),
      'IntegrationError: Stripe Crypto Onramp is not able to run in an iframe. Please redirect to Onramp at the top level.',
    );
  });

  test('StripeOnramp() needs Stripe.js first', () => {
    const context = browserLikeContext();
    vm.runInContext('window.self = window; window.top = window;', context);
    vm.runInContext(scripts.onrampOuterJs, context);
    assert.equal(vm.runInContext('StripeOnramp.emulatorUrl', context), URL_);
    assert.equal(
      vm.runInContext("(() => { try { StripeOnramp('pk_test_x'); } catch (e) { return String(e); } })()", context),
      'IntegrationError: Please include StripeJS alongside Stripe Crypto Onramp',
    );
    vm.runInContext(scripts.stripeJs, context);
    assert.equal(vm.runInContext("typeof StripeOnramp('pk_test_x').createSession", context), 'function');
  });

  test('the legacy SDK (?sdk=legacy) has no setAppearance and ignores appearance; the current one checks it', () => {
    const session = (script: string, theme: string) => {
      const context = browserLikeContext({ addEventListener: () => {} });
      vm.runInContext('window.self = window; window.top = window;', context);
      vm.runInContext(scripts.stripeJs, context);
      vm.runInContext(script, context);
      return () => vm.runInContext(`'setAppearance' in StripeOnramp('pk_test_x').createSession({ clientSecret: 'cos_a_secret_b', appearance: { theme: '${theme}' } })`, context);
    };
    assert.equal(session(scripts.onrampOuterLegacyJs, 'sepia')(), false);
    assert.equal(session(scripts.onrampOuterJs, 'dark')(), true);
    assert.throws(session(scripts.onrampOuterJs, 'sepia'), /theme/);
  });

  test('pages inline their config safely', () => {
    const page = hostedPage('</script><script>alert(1)</script>', 'dark', standInLanguage(null, null));
    assert.ok(!page.includes('</script><script>alert(1)'));
    assert.match(page, /data-theme="dark"/);
    assert.match(embeddedPage('light', standInLanguage('fr', null)), /data-mode="embedded"/);
  });
});
