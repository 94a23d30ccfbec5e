/**
 * For Playwright tests of pages that use the onramp: answers Stripe's two script URLs with this
 * emulator's stand-in (so the page's real `@stripe/crypto` loader runs) and aborts every other
 * outside request, so a test fails fast instead of hanging on the closed network. Loopback,
 * `data:` and `blob:` requests pass through.
 *
 * Playwright is not a dependency: the page or context is typed structurally.
 */

import { ONRAMP_JS_URL, STRIPE_JS_URL } from '../shared/stripe-script-urls.js';
import { LEGACY_SDK_QUERY, SCRIPT_PATHS } from './browser-routes.js';

export const STRIPE_SCRIPT_URLS = { stripeJs: STRIPE_JS_URL, onrampOuterJs: ONRAMP_JS_URL } as const;

/** What this module needs of Playwright's `Route`. */
export interface RouteLike {
  request(): { url(): string };
  fulfill(response: { status: number; contentType: string; body: string }): Promise<void>;
  abort(errorCode?: string): Promise<void>;
  continue(): Promise<void>;
}

/** A Playwright `Page` or `BrowserContext`. */
export interface RoutableLike {
  route(url: string, handler: (route: RouteLike) => Promise<void> | void): Promise<unknown>;
}

/**
 * `serve`: the stand-in of Stripe's current script; `serve-legacy`: of an older version, with no
 * `setAppearance` and `appearance` ignored; `fail`: the request fails; `hang`: it never answers.
 */
export type ScriptMode = 'serve' | 'serve-legacy' | 'fail' | 'hang';

export interface StripeRoutingOptions {
  /** Asked for every script request: serve the stand-in (default; `serve-legacy` for the older SDK), fail the request, or leave it pending. */
  scriptMode?: () => ScriptMode;
  /** Receives each script request left pending by `'hang'`, so the test can end it later. */
  onHang?: (route: RouteLike) => void;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export async function routeStripeToEmulator(
  target: RoutableLike,
  emulatorUrl: string,
  options: StripeRoutingOptions = {},
): Promise<void> {
  await target.route('**/*', async (route) => {
    const url = route.request().url();
    const isStripeJs = url.startsWith(STRIPE_SCRIPT_URLS.stripeJs);
    if (isStripeJs || url.startsWith(STRIPE_SCRIPT_URLS.onrampOuterJs)) {
      const mode = options.scriptMode?.() ?? 'serve';
      if (mode === 'fail') return route.abort('connectionrefused');
      if (mode === 'hang') return options.onHang?.(route);
      // Fetched from the emulator each time, so its script latency (`latencyMs.scripts`) applies.
      try {
        const path = isStripeJs ? SCRIPT_PATHS.stripeJs : `${SCRIPT_PATHS.onrampOuterJs}${mode === 'serve-legacy' ? LEGACY_SDK_QUERY : ''}`;
        const response = await fetch(`${emulatorUrl}${path}`);
        await route.fulfill({ status: response.status, contentType: 'text/javascript', body: await response.text() });
      } catch {
        await route.abort('connectionrefused').catch(() => {});
      }
      return;
    }
    const { protocol, hostname } = new URL(url);
    if (protocol === 'data:' || protocol === 'blob:' || LOCAL_HOSTS.has(hostname)) return route.continue();
    return route.abort('blockedbyclient');
  });
}
