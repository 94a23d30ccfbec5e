/**
 * Where the official `stripe` SDK sends its requests, for the offline emulator: the one thing that
 * differs between development against the emulator and production against Stripe.
 */

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
