/**
 * The emulator and the server kit together, as a dev server runs them: an in-process emulator,
 * the official `stripe` SDK pointed at it, and the kit's minting handler in front of that.
 * Started once, on demand; closed with the dev server.
 */
import type Stripe from 'stripe';
import { createOnrampSessionHandler, toNodeHandler, type NodeHandler, type OnrampSessionHandlerOptions } from '../server/index.js';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../emulator/index.js';

export interface OnrampDevOptions {
  /** Where the minting endpoint is served. Default `/api/onramp-session`. */
  sessionPath?: string;
  /**
   * The server kit's options for that endpoint (policy, prefill, …); `stripe` and
   * `publishableKey` are the emulator's.
   */
  handler?: Omit<OnrampSessionHandlerOptions, 'stripe' | 'publishableKey'>;
  /**
   * The emulator's options (port, latency, webhooks, a data file, …), or a function of the dev
   * server's own URL (known once it listens), e.g. to have webhooks delivered to one of its routes.
   */
  emulator?: EmulatorOptions | ((devServerUrl: string | undefined) => EmulatorOptions);
}

/** What runs once started: for a dev server that adds routes of its own around the minting endpoint. */
export interface OnrampDevBackend {
  emulator: RunningEmulator;
  /** The official SDK, pointed at the emulator. */
  stripe: Stripe;
  publishableKey: string;
  /** The kit's minting handler, on Node's `http` / Connect. */
  mint: NodeHandler;
}

export const DEFAULT_SESSION_PATH = '/api/onramp-session';

/** `sessionPath` checked once: a mistake here is a config error, not a 404 at run time. */
export function checkSessionPath(path: string | undefined): string {
  const value = path ?? DEFAULT_SESSION_PATH;
  if (!/^\/[^?#\s]*$/.test(value)) throw new TypeError(`cryptoOnrampEmulator: sessionPath must be a path starting with "/", got ${JSON.stringify(value)}`);
  return value;
}

export async function startDevBackend(options: OnrampDevOptions, devServerUrl: string | undefined): Promise<OnrampDevBackend> {
  const Stripe = await loadStripe();
  const emulatorOptions = typeof options.emulator === 'function' ? options.emulator(devServerUrl) : options.emulator;
  const emulator = await startEmulator(emulatorOptions);
  try {
    const { hostname, port, protocol } = new URL(emulator.url);
    const stripe = new Stripe(emulator.secretKey, {
      host: hostname,
      port: Number(port),
      protocol: protocol === 'https:' ? 'https' : 'http',
      telemetry: false,
      maxNetworkRetries: 0,
    });
    const mint = toNodeHandler(createOnrampSessionHandler({ ...options.handler, stripe, publishableKey: emulator.publishableKey }));
    return { emulator, stripe, publishableKey: emulator.publishableKey, mint };
  } catch (error) {
    await emulator.close();
    throw error;
  }
}

/** `stripe` is an optional peer: needed here (the kit talks to the emulator through it), said plainly when missing. */
async function loadStripe(): Promise<typeof Stripe> {
  try {
    return (await import('stripe')).default;
  } catch (error) {
    throw new Error('cryptoOnrampEmulator needs the official `stripe` package (the server kit talks to the emulator through it): npm install --save-dev stripe', { cause: error });
  }
}
