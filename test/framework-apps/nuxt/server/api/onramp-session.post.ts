import Stripe from 'stripe';
import { createOnrampSessionHandler, emulatorStripeConfig } from 'crypto-onramp-element/server';

// The client is made at the first request, from the environment at run time.
const handler = createOnrampSessionHandler({
  stripe: () => new Stripe(process.env.STRIPE_SECRET_KEY!, emulatorStripeConfig(process.env.CRYPTO_ONRAMP_EMULATOR_URL)),
  publishableKey: process.env.STRIPE_PUBLISHABLE_KEY,
});

export default defineEventHandler((event) => handler(toWebRequest(event), { peerAddress: getRequestIP(event) }));
