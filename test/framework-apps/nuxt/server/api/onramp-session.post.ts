import Stripe from 'stripe';
import { createOnrampSessionHandler, emulatorStripeConfig } from 'crypto-onramp-element/server';

// The client is made at the first request, from the environment at run time; with
// CRYPTO_ONRAMP_EMULATOR_URL set (development), it talks to the emulator (any sk_test_ key will do).
const handler = createOnrampSessionHandler({
  stripe: () => new Stripe(process.env.STRIPE_SECRET_KEY ?? 'sk_test_emulator', emulatorStripeConfig(process.env.CRYPTO_ONRAMP_EMULATOR_URL)),
  publishableKey: process.env.STRIPE_PUBLISHABLE_KEY ?? (process.env.CRYPTO_ONRAMP_EMULATOR_URL ? 'pk_test_emulator' : undefined),
});

export default defineEventHandler((event) => handler(toWebRequest(event), { peerAddress: getRequestIP(event) }));
