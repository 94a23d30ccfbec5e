import { emulatorScriptUrls } from 'crypto-onramp-element/server';

export default defineNuxtConfig({
  compatibilityDate: '2025-07-15',
  telemetry: false,
  devtools: { enabled: false },
  // In development with the emulator (CRYPTO_ONRAMP_EMULATOR_URL set), its stand-ins for Stripe's
  // two scripts, first in every page's head; none in a production build made without it.
  app: { head: { script: emulatorScriptUrls(process.env.CRYPTO_ONRAMP_EMULATOR_URL).map((src) => ({ src })) } },
  // Pre-bundled for `nuxt dev`, which would otherwise find it at the first page load and reload the page.
  vite: { optimizeDeps: { include: ['crypto-onramp-element/vue'] } },
  // A custom element, not a Vue component to resolve: on the server and in the browser alike.
  vue: { compilerOptions: { isCustomElement: (tag) => tag === 'crypto-onramp' } },
});
