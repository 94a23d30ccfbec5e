import { env } from '$env/dynamic/private';
import type { Handle } from '@sveltejs/kit';
import { emulatorScriptTags } from 'crypto-onramp-element/server';

// With CRYPTO_ONRAMP_EMULATOR_URL set (development), every page loads the emulator's stand-ins for
// Stripe's two scripts first; unset (production), nothing is added.
export const handle: Handle = ({ event, resolve }) =>
  resolve(event, { transformPageChunk: ({ html }) => html.replace('<head>', `<head>${emulatorScriptTags(env.CRYPTO_ONRAMP_EMULATOR_URL)}`) });
