/**
 * The emulator as one Fetch handler (`Request → Response`): routes to the API, the browser
 * endpoints, or a 404, with CORS around them in one place. Node serves it through the package's
 * one adapter (`toNodeHandler`, src/http/); any runtime that speaks Fetch can call it directly.
 */
import type { EmulatorContext } from './context.js';
import { handleApiRequest } from './api-routes.js';
import { handleBrowserRequest, SCRIPT_PATHS } from './browser-routes.js';
import { withCors } from './cors.js';
import { jsonAnswer } from './responses.js';
import { ONRAMP_JS_URL, STRIPE_JS_URL } from '../shared/stripe-script-urls.js';

export type EmulatorHandler = (request: Request) => Promise<Response>;

function describe(ctx: EmulatorContext): unknown {
  return {
    name: 'crypto-onramp-emulator',
    description: "An offline emulator of Stripe's crypto onramp API and browser SDK. Any sk_test_ key works.",
    api: {
      create: `POST ${ctx.baseUrl}/v1/crypto/onramp_sessions`,
      retrieve: `GET ${ctx.baseUrl}/v1/crypto/onramp_sessions/:id`,
      list: `GET ${ctx.baseUrl}/v1/crypto/onramp_sessions`,
      quotes: `GET ${ctx.baseUrl}/v1/crypto/onramp/quotes`,
      set_status: `POST ${ctx.baseUrl}/v1/test_helpers/crypto/onramp_sessions/:id/status`,
    },
    scripts: {
      [STRIPE_JS_URL]: `${ctx.baseUrl}${SCRIPT_PATHS.stripeJs}`,
      [ONRAMP_JS_URL]: `${ctx.baseUrl}${SCRIPT_PATHS.onrampOuterJs}`,
    },
  };
}

async function route(ctx: EmulatorContext, request: Request, url: URL): Promise<Response> {
  if (url.pathname.startsWith('/v1/')) return handleApiRequest(ctx, request, url);
  const browser = await handleBrowserRequest(ctx, request, url);
  if (browser) return browser;
  if (request.method === 'GET' && (url.pathname === '/' || url.pathname === '/health')) return jsonAnswer(200, describe(ctx));
  return jsonAnswer(404, { error: { message: `Not found: ${request.method} ${url.pathname}` } });
}

/** The emulator's handler over `ctx`; it never throws (a failure is a logged 500). */
export function createEmulatorHandler(ctx: EmulatorContext): EmulatorHandler {
  return async (request) => {
    const url = new URL(request.url);
    try {
      return await withCors(request, url, () => route(ctx, request, url));
    } catch (error) {
      console.error('[crypto-onramp-emulator] request failed:', error);
      return jsonAnswer(500, { error: { type: 'api_error', message: 'The emulator hit an internal error; see its log.' } });
    }
  };
}
