/**
 * `mode="standalone"`: a link to Stripe's account-less hosted onramp, from
 * `StripeOnramp.Standalone(options).getUrl()`. No session, no secret, no backend: the presets
 * become the options (checked first), Stripe's script builds the URL. Loaded on demand, as the
 * drop-in's largest lazy chunk (crypto-onramp-standalone.js): it carries the API's full create rules.
 */
import { toOnrampError } from './failures.js';
import { ONRAMP_JS_URL } from '../../shared/stripe-script-urls.js';
import { injectScript } from './script-injector.js';
import { safeHttpUrl } from './safe-url.js';
import { standaloneOptions } from './standalone-options.js';

export async function standaloneUrl(body: Record<string, unknown>, scriptTimeout: number): Promise<string> {
  const options = standaloneOptions(body);
  // Only the onramp script: its static `StripeOnramp.Standalone` needs neither Stripe.js nor a
  // publishable key. The loader's timeout, CSP and Trusted Types handling apply.
  if (typeof window.StripeOnramp !== 'function') await injectScript(ONRAMP_JS_URL, scriptTimeout);
  const StripeOnramp = window.StripeOnramp!;
  try {
    // A URL that is not http(s) is refused like an option Stripe refused.
    return safeHttpUrl(StripeOnramp.Standalone(options).getUrl())!.href;
  } catch (error) {
    throw toOnrampError(error, 'invalid_presets', 'stripePresets');
  }
}
