/**
 * Connect-style middleware (Express, Connect, Vite, `http.createServer`) for local development:
 * the minting endpoint in front of an in-process emulator, and the emulator's stand-ins for
 * Stripe's two scripts at same-origin paths, for the page's `<head>` (`scriptTags`).
 *
 * Why tags in the head: Stripe's loader injects `https://js.stripe.com/v3` and
 * `https://crypto-js.stripe.com/crypto-onramp-outer.js` itself, unless `window.Stripe` and
 * `window.StripeOnramp` already exist. Classic scripts in the head run before any module script,
 * so with the stand-ins there the loader finds both defined and injects nothing.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { toNodeHandler } from '../http/node-adapter.js';
import { checkSessionPath, STAND_IN_PATHS, standInScriptAt, startDevBackend, type DevBackend, type OnrampDevBackend, type OnrampDevOptions } from './dev-backend.js';

export { STAND_IN_PATHS } from './dev-backend.js';

/** The two classic `<script>` tags that load the stand-ins; they must come before the page's module scripts. */
export const STAND_IN_SCRIPT_TAGS = Object.values(STAND_IN_PATHS)
  .map((src) => `<script src="${src}"></script>`)
  .join('\n');

export type Next = (error?: unknown) => void;

export interface OnrampDevMiddleware {
  (req: IncomingMessage, res: ServerResponse, next: Next): void;
  /**
   * Starts the emulator (the first call, or the first request, does) and resolves once it is up.
   * `devServerUrl` is handed to `options.emulator` when that is a function.
   */
  ready(devServerUrl?: string): Promise<OnrampDevBackend>;
  /** Stops the emulator. */
  close(): Promise<void>;
}

export function cryptoOnrampDevMiddleware(options: OnrampDevOptions = {}): OnrampDevMiddleware {
  const sessionPath = checkSessionPath(options.sessionPath);
  let backend: Promise<DevBackend> | undefined;
  let closed = false;

  const ready = (devServerUrl?: string): Promise<DevBackend> => {
    if (closed) return Promise.reject(new Error('cryptoOnrampDevMiddleware: closed'));
    backend ??= startDevBackend(options, devServerUrl);
    return backend;
  };

  // The backend's one Fetch handler (minting endpoint and stand-in scripts), through the package's one Node adapter.
  let serve: ReturnType<typeof toNodeHandler> | undefined;
  const middleware = ((req, res, next) => {
    const pathname = (req.url ?? '/').split('?', 1)[0] ?? '/';
    if (pathname !== sessionPath && standInScriptAt(pathname) === undefined) return next();
    ready().then(
      (running) => (serve ??= toNodeHandler(running.fetch))(req, res, next),
      (error: unknown) => next(error),
    ).catch((error: unknown) => next(error));
  }) as OnrampDevMiddleware;

  middleware.ready = ready;
  middleware.close = async () => {
    closed = true;
    const running = await backend?.catch(() => undefined);
    await running?.emulator.close();
  };
  return middleware;
}
