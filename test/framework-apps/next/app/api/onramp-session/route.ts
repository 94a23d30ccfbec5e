import Stripe from 'stripe';
import { createOnrampSessionHandler, emulatorStripeConfig } from 'crypto-onramp-element/server';

// The client is made at the first request: `next build` imports this module with no key set.
// CRYPTO_ONRAMP_EMULATOR_URL points it at the emulator (any sk_test_ key will do); unset, at Stripe.
export const POST = createOnrampSessionHandler({
  stripe: () => new Stripe(process.env.STRIPE_SECRET_KEY ?? 'sk_test_emulator', emulatorStripeConfig(process.env.CRYPTO_ONRAMP_EMULATOR_URL)),
  publishableKey: process.env.STRIPE_PUBLISHABLE_KEY ?? (process.env.CRYPTO_ONRAMP_EMULATOR_URL ? 'pk_test_emulator' : undefined),
});
