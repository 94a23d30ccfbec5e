/**
 * Loads Stripe's two scripts once per page, whatever the number of elements, with a timeout, a
 * fast failure when the page's Content-Security-Policy blocks them, and a way to try again.
 *
 * The first load goes through `@stripe/crypto/pure`, Stripe's own loader. That loader caches its
 * promise for the life of the page, a rejected one included, so after a failure it can never
 * succeed again; a retry therefore re-injects the two scripts itself.
 */
import { loadStripeOnramp } from '@stripe/crypto/pure.js';
import type { StripeOnramp } from '@stripe/crypto';
import { CryptoOnrampError } from './errors.js';

export const STRIPE_JS_URL = 'https://js.stripe.com/v3';
export const ONRAMP_JS_URL = 'https://crypto-js.stripe.com/crypto-onramp-outer.js';
const STRIPE_ORIGINS = [new URL(STRIPE_JS_URL).origin, new URL(ONRAMP_JS_URL).origin];

/** Set once Stripe's loader has failed or timed out: its cached promise is spent. */
let packageLoaderSpent = false;
/** The load in progress or done, shared by every element; cleared on failure so a retry starts over. */
let scriptsLoaded: Promise<void> | null = null;

/**
 * Starts downloading both scripts without running them, so that minting and downloading overlap
 * even while the publishable key is still unknown (it may come with the minted session).
 */
export function preloadStripeScripts(): void {
  if (typeof document === 'undefined' || hasStripeGlobals()) return;
  for (const href of [STRIPE_JS_URL, ONRAMP_JS_URL]) {
    if (document.querySelector(`script[src^="${href}"], link[rel="preload"][href="${href}"]`)) continue;
    const link = document.createElement('link');
    link.rel = 'preload';
    link.as = 'script';
    link.href = href;
    document.head.append(link);
  }
}

/** Resolves to `StripeOnramp(publishableKey)` once both scripts have run. */
export async function loadOnramp(publishableKey: string, timeoutMs: number): Promise<StripeOnramp> {
  scriptsLoaded ??= guard(loadScripts(publishableKey, timeoutMs), timeoutMs).catch((error: unknown) => {
    packageLoaderSpent = true;
    scriptsLoaded = null;
    throw error;
  });
  await scriptsLoaded;
  const StripeOnramp = window.StripeOnramp;
  if (typeof StripeOnramp !== 'function') {
    throw new CryptoOnrampError('stripe_load_failed', "Stripe's onramp script loaded but did not define StripeOnramp.");
  }
  return StripeOnramp(publishableKey);
}

/** `window.Stripe` is typed by `@stripe/stripe-js`, which this module does not otherwise need. */
const stripeJsGlobal = (): unknown => (window as { Stripe?: unknown }).Stripe;

function hasStripeGlobals(): boolean {
  return typeof stripeJsGlobal() === 'function' && typeof window.StripeOnramp === 'function';
}

async function loadScripts(publishableKey: string, timeoutMs: number): Promise<void> {
  if (hasStripeGlobals()) return;
  if (!packageLoaderSpent) {
    await loadStripeOnramp(publishableKey);
    return;
  }
  // Stripe.js first: the onramp script expects it.
  if (typeof stripeJsGlobal() !== 'function') await injectScript(STRIPE_JS_URL, timeoutMs);
  if (typeof window.StripeOnramp !== 'function') await injectScript(ONRAMP_JS_URL, timeoutMs);
}

function injectScript(src: string, timeoutMs: number): Promise<void> {
  for (const stale of document.querySelectorAll(`script[src="${src}"]`)) stale.remove();
  const script = document.createElement('script');
  script.src = src;
  const loaded = new Promise<void>((resolve, reject) => {
    script.addEventListener('load', () => resolve(), { once: true });
    script.addEventListener('error', () => reject(new Error(`Failed to load ${src}`)), { once: true });
  });
  document.head.append(script);
  return guard(loaded, timeoutMs);
}

/**
 * Races a load against a timeout and against a CSP violation for a Stripe host, which otherwise
 * shows only as a script that never arrives.
 */
function guard<T>(load: Promise<T>, timeoutMs: number): Promise<T> {
  let cleanup = () => {};
  const failure = new Promise<never>((_, reject) => {
    const timer = setTimeout(
      () => reject(new CryptoOnrampError('stripe_load_failed', `Stripe's scripts did not load within ${timeoutMs} ms.`)),
      timeoutMs,
    );
    const onViolation = (event: SecurityPolicyViolationEvent) => {
      const blocked = STRIPE_ORIGINS.find((origin) => event.blockedURI.startsWith(origin));
      if (!blocked) return;
      reject(
        new CryptoOnrampError(
          'stripe_load_failed',
          `The page's Content-Security-Policy blocked ${blocked} (directive ${event.effectiveDirective}): add ${blocked} to ${event.effectiveDirective}.`,
        ),
      );
    };
    document.addEventListener('securitypolicyviolation', onViolation);
    cleanup = () => {
      clearTimeout(timer);
      document.removeEventListener('securitypolicyviolation', onViolation);
    };
  });
  return Promise.race([
    load.catch((error: unknown) => {
      throw error instanceof CryptoOnrampError
        ? error
        : new CryptoOnrampError('stripe_load_failed', "Stripe's scripts could not be loaded (network error, blocked request or ad blocker).", { cause: error });
    }),
    failure,
  ]).finally(cleanup);
}
