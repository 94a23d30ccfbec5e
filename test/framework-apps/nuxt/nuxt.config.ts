export default defineNuxtConfig({
  compatibilityDate: '2025-07-15',
  telemetry: false,
  devtools: { enabled: false },
  // A custom element, not a Vue component to resolve: on the server and in the browser alike.
  vue: { compilerOptions: { isCustomElement: (tag) => tag === 'crypto-onramp' } },
});
