import Stripe from 'stripe';
import { env } from '$env/dynamic/private';
import { createOnrampSessionHandler, emulatorStripeConfig } from 'crypto-onramp-element/server';
import type { RequestHandler } from './$types';

// The client is made at the first request, from the environment at run time; with
// CRYPTO_ONRAMP_EMULATOR_URL set (development), it talks to the emulator (any sk_test_ key will do).
const handler = createOnrampSessionHandler({
  stripe: () => new Stripe(env.STRIPE_SECRET_KEY ?? 'sk_test_emulator', emulatorStripeConfig(env.CRYPTO_ONRAMP_EMULATOR_URL)),
  publishableKey: env.STRIPE_PUBLISHABLE_KEY ?? (env.CRYPTO_ONRAMP_EMULATOR_URL ? 'pk_test_emulator' : undefined),
});

export const POST: RequestHandler = ({ request, getClientAddress }) => handler(request, { peerAddress: getClientAddress() });
