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
import { ONRAMP_JS_URL, STRIPE_FRAME_ORIGIN, STRIPE_JS_URL } from '../../shared/stripe-script-urls.js';
import { elementError } from './element-error.js';
import { toOnrampError } from './failures.js';
import { guard, isTrustedTypesError, rememberViolation, stripeJsGlobal } from './script-guard.js';
import { VERSION } from './version.js';

/** Set once Stripe's loader has failed or timed out: its cached promise is spent. */
let packageLoaderSpent = false;
/** The load in progress or done, shared by every element; cleared on failure so a retry starts over. */
let scriptsLoaded: Promise<void> | null = null;

/** Set once the page refused a plain script URL (Trusted Types): every load goes through the policy. */
let trustedTypesRefused = false;
/**
 * Starts loading both scripts while the publishable key is still unknown (it may come with the
 * minted session), so minting and loading overlap. As the script elements Stripe's loaders would
 * inject themselves (they reuse one of the same URL, or run at once when the globals exist), not as
 * `<link rel=preload>`: in WebKit a preload that failed at the network level poisons its URL for the
 * life of the process, and every later script of that URL fails with no request, even on the next
 * page. A script that fails is removed, so a later load injects a fresh one.
 */
export function preloadStripeScripts(): void {
  if (typeof document === 'undefined' || hasStripeGlobals() || trustedTypesRefused) return;
  // The load's guard listens only once the key is known; a violation before that is kept for it.
  // (Chromium fires it at the document, not at the script. The same listener is added only once.)
  document.addEventListener('securitypolicyviolation', rememberViolation);
  for (const src of [STRIPE_JS_URL, ONRAMP_JS_URL]) {
    if (document.querySelector(`script[src^="${src}"]`)) continue;
    const script = document.createElement('script');
    try {
      script.src = src;
    } catch (error) {
      // Trusted Types: the load itself goes through the element's policy; one refusal is enough.
      trustedTypesRefused = isTrustedTypesError(error);
      return;
    }
    script.onerror = () => script.remove();
    document.head.append(script);
  }
}

let frameOriginPreconnected = false;
/**
 * A connection to Stripe's frame origin, opened while the session is minted and the scripts load
 * (the frame can only start after both): one `<link rel=preconnect>` per page. Measured with the
 * bench's network model (docs/performance.md): WebKit, Safari's engine, has the frame ready sooner
 * with it; Chromium keeps a cross-site frame's connections apart from the page's, so there it is
 * one unused connection. Not to the scripts' hosts: the element requests those at this same moment.
 */
export function preconnectStripeFrame(): void {
  if (frameOriginPreconnected) return;
  frameOriginPreconnected = true;
  document.head.append(Object.assign(document.createElement('link'), { rel: 'preconnect', href: STRIPE_FRAME_ORIGIN }));
}

/** Resolves to `StripeOnramp(publishableKey)` once both scripts have run. */
export async function loadOnramp(publishableKey: string, timeoutMs: number): Promise<StripeOnramp> {
  scriptsLoaded ??= guard(loadScripts(publishableKey, timeoutMs), timeoutMs).catch((error: unknown) => {
    packageLoaderSpent = true;
    scriptsLoaded = null;
    throw error;
  });
  await scriptsLoaded;
  try {
    // Stripe's constructor throws in a framed page, without Stripe.js, or off Stripe's origin. (A
    // script that defined no StripeOnramp is a TypeError here, whose text the sentence leaves
    // out.) `registerWrapper` never throws.
    return registerWrapper(window.StripeOnramp!(publishableKey));
  } catch (error) {
    throw toOnrampError(error, 'stripe_load_failed', 'stripeStart');
  }
}

/** What Stripe's instances accept to learn which integration made them (undocumented, optional). */
interface WrapperRegistry {
  _registerWrapper?: (wrapper: { name: string; version: string }) => void;
}

/**
 * Tells Stripe that this element drives the instance it actually uses, as Stripe's React wrappers
 * do (react-stripe-js calls `stripe._registerWrapper({ name, version })`). An instance without it
 * (the call throws a TypeError), or one whose method throws, changes nothing: both are caught, which
 * is smaller than testing first. (A plain call, not `?.()`: test/browser/drop-in-build.test.ts
 * counts the shipped `._registerWrapper(` calls.) Returns the instance, never throws.
 */
function registerWrapper(onramp: StripeOnramp): StripeOnramp {
  try {
    (onramp as StripeOnramp & Required<WrapperRegistry>)._registerWrapper({ name: 'crypto-onramp-element', version: VERSION });
  } catch {
    // Telemetry only: never a reason to fail.
  }
  return onramp;
}

function hasStripeGlobals(): boolean {
  return typeof stripeJsGlobal() === 'function' && typeof window.StripeOnramp === 'function';
}

async function loadScripts(publishableKey: string, timeoutMs: number): Promise<void> {
  if (hasStripeGlobals()) return;
  let trustedTypes = trustedTypesRefused;
  if (!packageLoaderSpent && !trustedTypes) {
    try {
      await loadStripeOnramp(publishableKey);
      return;
    } catch (error) {
      // Under Trusted Types Stripe's loaders throw on `script.src = '…'`; inject the scripts
      // ourselves through a policy instead. Any other failure is reported.
      if (!isTrustedTypesError(error)) throw error;
      trustedTypes = true;
    }
  }
  // Only after a failure or under Trusted Types: a lazy chunk. Its own failure to load is the
  // network's, whatever globals an earlier, given-up load left behind (a script that arrived late
  // defines StripeOnramp without Stripe.js): never mistaken for Stripe's code throwing.
  const injector = await import('./script-injector.js').catch(() => {
    throw elementError('stripe_load_failed', 'scriptsUnloaded');
  });
  await injector.injectStripeScripts(timeoutMs, trustedTypes);
}
