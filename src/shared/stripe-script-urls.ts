/**
 * Stripe's two browser scripts. Stripe requires them to be loaded from its own domains, so the
 * element loads these URLs and the emulator stands in for exactly these.
 */
export const STRIPE_JS_URL = 'https://js.stripe.com/v3';
export const ONRAMP_JS_URL = 'https://crypto-js.stripe.com/crypto-onramp-outer.js';

/** The origin of the frame Stripe's SDK mounts (`session.mount()`), as Stripe's script was observed to use. */
export const STRIPE_FRAME_ORIGIN = 'https://b.stripecdn.com';
