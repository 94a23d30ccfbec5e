/**
 * Where the official `stripe` SDK sends its requests, for the offline emulator: the one thing that
 * differs between development against the emulator and production against Stripe.
 */
import { trimTrailing } from '../shared/trim-trailing.js';

/** The part of the `stripe` SDK's config that says where its API is. */
export interface StripeHostConfig {
  host?: string;
  port?: number;
  protocol?: 'http' | 'https';
}

/**
 * `new Stripe(key, emulatorStripeConfig(process.env.CRYPTO_ONRAMP_EMULATOR_URL))`: with the
 * emulator's URL (`http://127.0.0.1:4242`, what `npx crypto-onramp-emulator` prints), the SDK talks
 * to the emulator; with none (`undefined` or empty: production), the config is empty and it talks
 * to Stripe. A URL that does not parse throws at once, naming the variable's value.
 */
export function emulatorStripeConfig(emulatorUrl: string | undefined): StripeHostConfig {
  if (!emulatorUrl) return {};
  let url: URL;
  try {
    url = new URL(emulatorUrl);
  } catch {
    throw new TypeError(`emulatorStripeConfig: not a URL: ${JSON.stringify(emulatorUrl)} (expected e.g. http://127.0.0.1:4242)`);
  }
  const protocol = url.protocol === 'https:' ? 'https' : 'http';
  return { host: url.hostname, port: Number(url.port) || (protocol === 'https' ? 443 : 80), protocol };
}

/**
 * The emulator's stand-ins for Stripe's two browser scripts, for a page in development: with them
 * loaded (classic scripts, before any module script), Stripe's loaders find `Stripe` and
 * `StripeOnramp` defined and fetch nothing from Stripe. None when the URL is unset (production).
 */
export function emulatorScriptUrls(emulatorUrl: string | undefined): string[] {
  if (!emulatorUrl) return [];
  const base = trimTrailing(emulatorUrl, '/');
  return [`${base}/js/stripe.js`, `${base}/js/crypto-onramp-outer.js`];
}

/** `emulatorScriptUrls` as HTML, for a server that renders its pages as text: the start of `<head>`. */
export function emulatorScriptTags(emulatorUrl: string | undefined): string {
  return emulatorScriptUrls(emulatorUrl)
    .map((src) => `<script src="${src.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`)}"></script>`)
    .join('');
}
