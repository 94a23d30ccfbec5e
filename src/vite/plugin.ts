/**
 * `cryptoOnrampEmulator()`: the Vite plugin. In `vite dev` it runs the emulator in-process, serves
 * the minting endpoint (the server kit in front of the emulator) and puts the stand-ins for
 * Stripe's two scripts in the head of every HTML page, so a page with `<crypto-onramp>` works
 * offline with no Stripe account. It does nothing in `vite build`: production pages load Stripe's
 * real scripts and mint on the site's own server.
 */
import type { AddressInfo } from 'node:net';
import type { HtmlTagDescriptor, Plugin } from 'vite';
import type { OnrampDevBackend, OnrampDevOptions } from './dev-backend.js';
import { cryptoOnrampDevMiddleware, STAND_IN_PATHS } from './middleware.js';

export interface CryptoOnrampEmulatorOptions extends OnrampDevOptions {
  /**
   * Which HTML pages get the stand-in scripts: all (`true`, the default), none, or those whose
   * path (`/index.html`, `/checkout/index.html`) this returns `true` for.
   */
  injectStandIn?: boolean | ((pagePath: string) => boolean);
}

/** What other plugins (or the demo) can reach through `plugin.api`. */
export interface CryptoOnrampEmulatorApi {
  /** Resolves once the emulator is up: its URL, the SDK pointed at it, the minting handler. */
  ready(): Promise<OnrampDevBackend>;
}

/**
 * The Vite plugin for local development (`vite dev` only): runs the emulator in the dev server,
 * serves the minting endpoint (the server kit in front of the emulator) at `sessionPath`, and puts
 * the emulator's stand-ins for Stripe's two scripts at the top of every page's head.
 *
 * @example
 * ```ts
 * // vite.config.ts
 * import { defineConfig } from 'vite';
 * import { cryptoOnrampEmulator } from 'crypto-onramp-element/vite';
 *
 * export default defineConfig({
 *   plugins: [cryptoOnrampEmulator({ handler: { policy: { destinationNetworks: ['base'] } } })],
 * });
 * ```
 */
export function cryptoOnrampEmulator(options: CryptoOnrampEmulatorOptions = {}): Plugin<CryptoOnrampEmulatorApi> & { api: CryptoOnrampEmulatorApi } {
  const middleware = cryptoOnrampDevMiddleware(options);
  const inject = options.injectStandIn ?? true;
  const tags: HtmlTagDescriptor[] = Object.values(STAND_IN_PATHS).map((src) => ({ tag: 'script', attrs: { src }, injectTo: 'head-prepend' }));

  return {
    name: 'crypto-onramp-emulator',
    apply: 'serve',
    api: { ready: () => middleware.ready() },
    configureServer(server) {
      // Added here (not in a returned function), so it runs before Vite's own middlewares.
      server.middlewares.use(middleware);
      const http = server.httpServer;
      const start = (url?: string) =>
        middleware.ready(url).catch((error: unknown) => server.config.logger.error(`crypto-onramp emulator did not start: ${(error as Error).message}`));
      if (!http) {
        void start(); // middleware mode: no address of our own to hand on
        return;
      }
      // Started once Vite listens, so a webhook option can point at the dev server's address.
      http.once('listening', () => void start(urlOf(http.address())));
      http.once('close', () => void middleware.close());
    },
    transformIndexHtml: {
      order: 'pre',
      handler(_html, ctx) {
        const wanted = typeof inject === 'function' ? inject(ctx.path) : inject;
        return wanted ? tags : [];
      },
    },
    // Vite closes its plugins when the dev server closes; awaited, unlike the socket's close event.
    closeBundle: () => middleware.close(),
  };
}

/** `http://host:port` for a bound address: wildcards become loopback, IPv6 gets brackets. */
function urlOf(address: AddressInfo | string | null): string | undefined {
  if (address === null || typeof address === 'string') return undefined;
  const host = address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '[::1]' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}
