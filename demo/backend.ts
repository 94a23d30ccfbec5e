/**
 * Where the demo's sessions come from: the in-process emulator (no keys, no network), or Stripe
 * itself when both `STRIPE_SECRET_KEY` and `STRIPE_PUBLISHABLE_KEY` are set. Keys are checked for
 * their shape only and never printed.
 */
import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import type { RunningEmulator } from '../src/emulator/index.js';
import { PUBLISHABLE_KEY_PATTERN, SECRET_KEY_PATTERN, WEBHOOK_SECRET_PATTERN } from '../src/shared/key-formats.js';
import { cryptoOnrampEmulator } from '../src/vite/index.js';

export type DemoMode = 'emulator' | 'stripe';

export interface DemoBackend {
  mode: DemoMode;
  /** The official SDK, pointed at the emulator or at Stripe. */
  stripe: Stripe;
  publishableKey: string;
  /** `true` with a `pk_live_` key: real money. */
  livemode: boolean;
  /** Set in emulator mode. */
  emulator: RunningEmulator | undefined;
  /** The `whsec_…` secret `/api/webhooks` verifies with; undefined when no webhooks are configured. */
  webhookSecret: string | undefined;
}

/** A configuration mistake worth one clear line, never an echo of a key. */
export class DemoConfigError extends Error {
  override name = 'DemoConfigError';
}

/** The backend `env` asks for, checked (by shape only) before anything starts. */
export type BackendConfig =
  | { mode: 'emulator'; emulatorPort: number }
  | { mode: 'stripe'; secretKey: string; publishableKey: string; livemode: boolean; webhookSecret: string | undefined };

export function readBackendConfig(env: NodeJS.ProcessEnv): BackendConfig {
  const secretKey = env['STRIPE_SECRET_KEY']?.trim() || undefined;
  const publishableKey = env['STRIPE_PUBLISHABLE_KEY']?.trim() || undefined;

  if (secretKey === undefined && publishableKey === undefined) {
    const emulatorPort = env['EMULATOR_PORT'] === undefined || env['EMULATOR_PORT'] === '' ? 0 : Number(env['EMULATOR_PORT']);
    if (!Number.isInteger(emulatorPort) || emulatorPort < 0 || emulatorPort > 65535) {
      throw new DemoConfigError('EMULATOR_PORT must be a port number.');
    }
    return { mode: 'emulator', emulatorPort };
  }
  if (secretKey === undefined || publishableKey === undefined) {
    throw new DemoConfigError(
      'Set both STRIPE_SECRET_KEY and STRIPE_PUBLISHABLE_KEY to run the demo against Stripe, or neither to run it against the emulator.',
    );
  }
  if (!SECRET_KEY_PATTERN.test(secretKey)) {
    throw new DemoConfigError('STRIPE_SECRET_KEY does not look like a Stripe secret key (sk_test_…, sk_live_… or rk_…).');
  }
  if (!PUBLISHABLE_KEY_PATTERN.test(publishableKey)) {
    throw new DemoConfigError('STRIPE_PUBLISHABLE_KEY does not look like a publishable key (pk_test_… or pk_live_…).');
  }
  const livemode = PUBLISHABLE_KEY_PATTERN.exec(publishableKey)?.[1] === 'live';
  if ((SECRET_KEY_PATTERN.exec(secretKey)?.[1] === 'live') !== livemode) {
    throw new DemoConfigError('STRIPE_SECRET_KEY and STRIPE_PUBLISHABLE_KEY must both be test keys or both be live keys.');
  }
  const webhookSecret = env['STRIPE_WEBHOOK_SECRET']?.trim() || undefined;
  if (webhookSecret !== undefined && !WEBHOOK_SECRET_PATTERN.test(webhookSecret)) {
    throw new DemoConfigError('STRIPE_WEBHOOK_SECRET must be a webhook signing secret (whsec_…).');
  }
  return { mode: 'stripe', secretKey, publishableKey, livemode, webhookSecret };
}

/** Stripe itself, with the keys from the environment. */
export function stripeBackend(config: Extract<BackendConfig, { mode: 'stripe' }>): DemoBackend {
  return {
    mode: 'stripe',
    stripe: new Stripe(config.secretKey, { appInfo: { name: 'crypto-onramp-element demo' }, telemetry: false }),
    publishableKey: config.publishableKey,
    livemode: config.livemode,
    emulator: undefined,
    webhookSecret: config.webhookSecret,
  };
}

/**
 * The emulator the package's own Vite plugin runs (`crypto-onramp-element/vite`), delivering its
 * webhooks to the demo's `/api/webhooks`; the plugin also serves `/api/onramp-session` and the
 * stand-in scripts, and closes the emulator with the dev server.
 */
export function emulatorPlugin(config: Extract<BackendConfig, { mode: 'emulator' }>, injectStandIn: (pagePath: string) => boolean) {
  const webhookSecret = `whsec_demo${randomBytes(24).toString('hex')}`;
  const plugin = cryptoOnrampEmulator({
    sessionPath: '/api/onramp-session',
    injectStandIn,
    emulator: (devServerUrl) => ({
      port: config.emulatorPort,
      host: '127.0.0.1',
      webhooks: devServerUrl ? [{ url: `${devServerUrl}/api/webhooks`, secret: webhookSecret }] : [],
    }),
  });
  const backend = async (): Promise<DemoBackend> => {
    const { emulator, stripe, publishableKey } = await plugin.api.ready();
    return { mode: 'emulator', stripe, publishableKey, livemode: false, emulator, webhookSecret };
  };
  return { plugin, backend };
}
