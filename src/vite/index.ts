/**
 * `crypto-onramp-element/vite`: local development with no Stripe account and no network.
 *
 * - `cryptoOnrampEmulator(options?)`: a Vite plugin (`plugins: [cryptoOnrampEmulator()]`).
 * - `cryptoOnrampDevMiddleware(options?)`: the same for Express, Connect or `http`, with
 *   `STAND_IN_SCRIPT_TAGS` for the page's `<head>`.
 *
 * Development only: never serve either in production.
 */
export { cryptoOnrampEmulator, type CryptoOnrampEmulatorApi, type CryptoOnrampEmulatorOptions } from './plugin.js';
export { cryptoOnrampDevMiddleware, STAND_IN_PATHS, STAND_IN_SCRIPT_TAGS, type Next, type OnrampDevMiddleware } from './middleware.js';
export { DEFAULT_SESSION_PATH, type OnrampDevBackend, type OnrampDevOptions } from './dev-backend.js';
