/**
 * The stand-in for https://js.stripe.com/v3, serialized into `GET /js/stripe.js`. The onramp needs
 * only `window.Stripe` to exist and `Stripe(pk)` to return an object with `_registerWrapper`
 * (`@stripe/stripe-js` calls it). Runs in the browser: no imports, no outside references.
 */
export interface StripeJsConfig {
  /** `RegExp` source of the shared secret-key prefix (src/shared/key-formats.ts): the script has no imports. */
  secretKeyPrefix: string;
}

export function stripeJsStandIn(config: StripeJsConfig): void {
  interface StripeStandIn {
    _registerWrapper(wrapper: unknown): void;
    readonly _emulator: true;
  }
  const target = window as unknown as { Stripe?: unknown };
  // Loaded twice (a second <script>): keep the first, as Stripe.js does.
  if (typeof target.Stripe === 'function') return;

  function Stripe(publishableKey: unknown): StripeStandIn {
    if (typeof publishableKey !== 'string' || publishableKey === '') {
      throw new Error('Please call Stripe() with your publishable key. You used an empty string.');
    }
    if (new RegExp(config.secretKeyPrefix).test(publishableKey)) {
      throw new Error('You should not use your secret key with Stripe.js. Please pass a publishable key instead.');
    }
    return { _registerWrapper() {}, _emulator: true };
  }
  Stripe.version = 3;
  target.Stripe = Stripe;
}
