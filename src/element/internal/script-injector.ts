/**
 * Injects Stripe's scripts itself, for the pages where `@stripe/crypto`'s own loader cannot: after
 * that loader failed once (it caches its rejected promise for the page's life, so a retry must go
 * around it), under Trusted Types (its loader assigns a plain string to `script.src`), and for
 * `mode="standalone"`, which needs only the onramp script. Most pages never need it, so it is a
 * lazy chunk of the drop-in (crypto-onramp-script-injector.js): stripe-loader.ts imports it on
 * demand, inside the same timeout and CSP guard, so a chunk that cannot load is one
 * `stripe_load_failed`, retryable, like a script that cannot.
 */
import { ONRAMP_JS_URL, STRIPE_JS_URL } from '../../shared/stripe-script-urls.js';
import { elementError } from './element-error.js';
import { guard, isTrustedTypesError, stripeJsGlobal } from './script-guard.js';

/** How many times each script was asked for before (its failed or abandoned loads): the retry URL's number. */
const attempts: Record<string, number> = {};

/** Learnt from the first refused assignment, so later ones go through the policy without a violation. */
let trustedTypesEnforced = false;
let trustedTypesPolicy: { createScriptURL(url: string): unknown } | undefined;

interface TrustedTypesLike {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): { createScriptURL(url: string): unknown };
}

/** Whichever of Stripe's two scripts has not run yet; `trustedTypes` when Stripe's loader was refused for it. */
export async function injectStripeScripts(timeoutMs: number, trustedTypes: boolean): Promise<void> {
  trustedTypesEnforced ||= trustedTypes;
  // Stripe.js first: the onramp script expects it.
  if (typeof stripeJsGlobal() !== 'function') await injectScript(STRIPE_JS_URL, timeoutMs);
  if (typeof window.StripeOnramp !== 'function') await injectScript(ONRAMP_JS_URL, timeoutMs);
}

/** Injects one of Stripe's scripts, with the loader's timeout, CSP and Trusted Types handling. */
export function injectScript(src: string, timeoutMs: number): Promise<void> {
  // A failed or hung earlier attempt must not be reused by the browser. Nor may its URL: WebKit
  // never requests a script again after a preload of it failed at the network level (a page's own,
  // or an older version's), not even from a new element. So a load after any earlier one asks for a
  // URL none has used.
  const stale = document.querySelectorAll(`script[src^="${src}"], link[rel="preload"][href^="${src}"]`);
  for (const element of stale) element.remove();
  const attempt = (attempts[src] = (attempts[src] ?? 0) + stale.length);
  const url = attempt ? `${src}?retry=${attempt}` : src;
  const script = document.createElement('script');
  if (!trustedTypesEnforced) {
    try {
      script.src = url;
    } catch (error) {
      if (!isTrustedTypesError(error)) throw error;
      trustedTypesEnforced = true;
    }
  }
  if (trustedTypesEnforced) script.src = trustedStripeUrl(url) as unknown as string;
  const loaded = new Promise<void>((resolve, reject) => {
    script.addEventListener('load', () => resolve(), { once: true });
    script.addEventListener('error', () => reject(new Error(`Failed to load ${src}`)), { once: true });
  });
  document.head.append(script);
  return guard(loaded, timeoutMs);
}

/**
 * Creates the element's one Trusted Types policy, `crypto-onramp`, the first time a page that
 * enforces Trusted Types needs it. It only ever vouches for Stripe's two script URLs (a retry's
 * `?retry=N` aside).
 */
function trustedStripeUrl(url: string): unknown {
  const trustedTypes = (window as { trustedTypes?: TrustedTypesLike }).trustedTypes;
  if (!trustedTypes) return url;
  try {
    trustedTypesPolicy ??= trustedTypes.createPolicy('crypto-onramp', {
      createScriptURL(candidate) {
        // Stripe's two URLs, as is or as a retry asks for them (`?retry=N`).
        const [base, query] = candidate.split('?');
        if ((base === STRIPE_JS_URL || base === ONRAMP_JS_URL) && (query === undefined || /^retry=\d+$/.test(query))) return candidate;
        throw new TypeError(`crypto-onramp will not load ${candidate}`);
      },
    });
  } catch {
    throw elementError('stripe_load_failed', 'trustedTypes');
  }
  return trustedTypesPolicy.createScriptURL(url);
}
