import express from 'express';
import Stripe from 'stripe';
import { createOnrampSessionHandler, emulatorStripeConfig, toNodeHandler } from 'crypto-onramp-element/server';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? 'sk_test_emulator', emulatorStripeConfig(process.env.CRYPTO_ONRAMP_EMULATOR_URL));
const mint = createOnrampSessionHandler({ stripe, publishableKey: process.env.STRIPE_PUBLISHABLE_KEY ?? 'pk_test_emulator' });
const app = express();
app.post('/api/onramp-session', toNodeHandler(mint));
app.use(express.static('public'), express.static('node_modules/crypto-onramp-element/dist/cdn'));
app.listen(3000, () => console.log('http://localhost:3000'));
