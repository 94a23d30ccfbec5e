/** The node:http request listener: routes to the API, the browser endpoints, or a 404. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext } from './context.js';
import { handleApiRequest, sendPreflight } from './api-routes.js';
import { handleBrowserRequest, SCRIPT_PATHS } from './browser-routes.js';
import { sendJson } from './http-utils.js';
import { ONRAMP_JS_URL, STRIPE_JS_URL } from '../shared/stripe-script-urls.js';

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

export function createRequestListener(ctx: EmulatorContext) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://emulator.invalid');
      try {
        if (req.method === 'OPTIONS' && url.pathname.startsWith('/v1/')) return sendPreflight(res);
        if (url.pathname.startsWith('/v1/')) return await handleApiRequest(ctx, req, res, url);
        if (await handleBrowserRequest(ctx, req, res, url)) return;
        if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/health')) return sendJson(res, 200, describe(ctx));
        sendJson(res, 404, { error: { message: `Not found: ${req.method ?? 'GET'} ${url.pathname}` } });
      } catch (error) {
        console.error('[crypto-onramp-emulator] request failed:', error);
        if (!res.headersSent) sendJson(res, 500, { error: { type: 'api_error', message: 'The emulator hit an internal error; see its log.' } });
        else res.end();
      }
    })();
  };
}
