import Stripe from 'stripe';
import { env } from '$env/dynamic/private';
import { createOnrampSessionHandler, emulatorStripeConfig } from 'crypto-onramp-element/server';
import type { RequestHandler } from './$types';

// The client is made at the first request, from the environment at run time.
const handler = createOnrampSessionHandler({
  stripe: () => new Stripe(env.STRIPE_SECRET_KEY!, emulatorStripeConfig(env.CRYPTO_ONRAMP_EMULATOR_URL)),
  publishableKey: env.STRIPE_PUBLISHABLE_KEY,
});

export const POST: RequestHandler = ({ request, getClientAddress }) => handler(request, { peerAddress: getClientAddress() });
