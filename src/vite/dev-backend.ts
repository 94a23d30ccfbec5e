/**
 * The emulator and the server kit together, as a dev server runs them: an in-process emulator,
 * the official `stripe` SDK pointed at it, and the kit's minting handler in front of that.
 * Started once, on demand; closed with the dev server.
 */
import type Stripe from 'stripe';
import { createOnrampSessionHandler, toNodeHandler, type FetchHandler, type NodeHandler, type OnrampSessionHandlerOptions } from '../server/index.js';
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

/** The backend as the middleware mounts it: one Fetch handler for the minting endpoint and the stand-in scripts. */
export interface DevBackend extends OnrampDevBackend {
  /** Answers `sessionPath` (the kit's handler) and the two `STAND_IN_PATHS`; 404 for anything else. */
  fetch: FetchHandler;
}

/** Where the stand-in scripts are served, on the dev server's own origin. */
export const STAND_IN_PATHS = {
  stripeJs: '/__crypto-onramp/stripe.js',
  onrampOuterJs: '/__crypto-onramp/crypto-onramp-outer.js',
} as const;

/** Which stand-in script a path serves, if any. */
export function standInScriptAt(pathname: string): keyof typeof STAND_IN_PATHS | undefined {
  return pathname === STAND_IN_PATHS.stripeJs ? 'stripeJs' : pathname === STAND_IN_PATHS.onrampOuterJs ? 'onrampOuterJs' : undefined;
}

export const DEFAULT_SESSION_PATH = '/api/onramp-session';

/** `sessionPath` checked once: a mistake here is a config error, not a 404 at run time. */
export function checkSessionPath(path: string | undefined): string {
  const value = path ?? DEFAULT_SESSION_PATH;
  if (!/^\/[^?#\s]*$/.test(value)) throw new TypeError(`cryptoOnrampEmulator: sessionPath must be a path starting with "/", got ${JSON.stringify(value)}`);
  return value;
}

export async function startDevBackend(options: OnrampDevOptions, devServerUrl: string | undefined): Promise<DevBackend> {
  const sessionPath = checkSessionPath(options.sessionPath);
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
    const mintFetch = createOnrampSessionHandler({ ...options.handler, stripe, publishableKey: emulator.publishableKey });
    const fetch: FetchHandler = async (request, context) => {
      const pathname = new URL(request.url).pathname;
      if (pathname === sessionPath) return mintFetch(request, context);
      const script = standInScriptAt(pathname);
      if (script === undefined) return new Response(null, { status: 404 });
      if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405, headers: { Allow: 'GET, HEAD' } });
      return new Response(emulator.scripts[script], { headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' } });
    };
    return { emulator, stripe, publishableKey: emulator.publishableKey, mint: toNodeHandler(mintFetch), fetch };
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
