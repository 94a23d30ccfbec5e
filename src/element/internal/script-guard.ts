/**
 * What both ways of loading Stripe's scripts share: Stripe's loader in the entry (stripe-loader.ts)
 * and the element's own injection in a lazy chunk (script-injector.ts). The timeout and CSP guard,
 * the early load's CSP violation it reports, and the tests for Stripe.js and for a Trusted Types
 * refusal. Both import it; neither imports the other, but for the loader's `import()` of the chunk.
 */
import { ONRAMP_JS_URL, STRIPE_JS_URL } from '../../shared/stripe-script-urls.js';
import { elementError } from './element-error.js';
import { toOnrampError } from './failures.js';

const STRIPE_ORIGINS = [STRIPE_JS_URL, ONRAMP_JS_URL].map((url) => new URL(url).origin);

/** The first early script (`preloadStripeScripts`) the page's Content-Security-Policy blocked: what the guard reports. */
let earlyViolation: SecurityPolicyViolationEvent | undefined;

/**
 * The Stripe origin whose script the page's policy blocked. Only script directives count: a blocked
 * frame of Stripe's origin (Stripe.js adds hidden frames of its own) does not stop the scripts.
 * (`script-src`, `-elem` and `-attr` are the only directives that begin with "sc".)
 */
const blockedStripeOrigin = (event: SecurityPolicyViolationEvent) =>
  /^sc/.test(event.effectiveDirective) && STRIPE_ORIGINS.find((origin) => event.blockedURI.startsWith(origin));

export function rememberViolation(event: SecurityPolicyViolationEvent): void {
  if (blockedStripeOrigin(event)) earlyViolation ??= event;
}

/** `window.Stripe` is typed by `@stripe/stripe-js`, which this module does not otherwise need. */
export const stripeJsGlobal = (): unknown => (window as { Stripe?: unknown }).Stripe;

/** The TypeError a Trusted Types enforcement throws for a plain string in a script sink (Chromium and WebKit name the type; Firefox says "Sink type mismatch"). */
export function isTrustedTypesError(error: unknown): boolean {
  return error instanceof TypeError && /Trusted ?Script ?URL|Sink type mismatch/i.test(error.message);
}

/**
 * Races a load against a timeout and against a CSP violation for a Stripe host, which otherwise
 * shows only as a script that never arrives.
 */
export function guard<T>(load: Promise<T>, timeoutMs: number): Promise<T> {
  let cleanup = () => {};
  const failure = new Promise<never>((_, reject) => {
    const timer = setTimeout(() => reject(elementError('stripe_load_failed', 'scriptTimeout', {}, timeoutMs)), timeoutMs);
    const onViolation = (event: SecurityPolicyViolationEvent) => {
      const blocked = blockedStripeOrigin(event);
      if (!blocked) return;
      reject(elementError('stripe_load_failed', 'cspBlocked', {}, blocked, event.effectiveDirective));
    };
    document.addEventListener('securitypolicyviolation', onViolation);
    // The early load's scripts were blocked before this guard listened: the page's policy stands.
    if (earlyViolation) onViolation(earlyViolation);
    cleanup = () => {
      clearTimeout(timer);
      document.removeEventListener('securitypolicyviolation', onViolation);
    };
  });
  return Promise.race([
    load.catch((error: unknown) => {
      // With StripeOnramp defined, the scripts arrived and Stripe's own code threw: pass its words on.
      // Without it, a network error, a blocked request or an ad blocker: no words of anyone's.
      throw toOnrampError(error, 'stripe_load_failed', typeof window.StripeOnramp === 'function' ? 'stripeStart' : 'scriptsUnloaded');
    }),
    failure,
  ]).finally(cleanup);
}
