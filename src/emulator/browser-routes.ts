/**
 * Endpoints of the emulator's own pages (same origin as the iframe and the hosted page, no CORS):
 * the stand-in scripts, the two pages, and the JSON + SSE endpoints the purchase flow uses.
 * The embedded page authenticates with the client secret in a POST body; the hosted page and the
 * event stream with the session hash.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { nowSeconds, type EmulatorContext } from './context.js';
import { BodyTooLargeError, delay, readBody, sendJson, sendText } from './http-utils.js';
import { browserSessionView } from './browser-view.js';
import { computeQuote } from './quote.js';
import { embeddedPage, hostedPage, parseTheme } from './stand-in/pages.js';
import { hostedPageUrl, buildSessionRecord } from './session-factory.js';
import { isStandaloneQuery, standaloneParams } from './standalone.js';
import type { SessionRecord } from './session-record.js';
import type { FlowResult } from './flow.js';

export const SCRIPT_PATHS = { stripeJs: '/js/stripe.js', onrampOuterJs: '/js/crypto-onramp-outer.js' } as const;
/** Appended to the onramp script's path for the version without `setAppearance` (`StandInSdk` `legacy`). */
export const LEGACY_SDK_QUERY = '?sdk=legacy';

const HTML_HEADERS = { 'Cache-Control': 'no-cache, no-store', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };

const browserError = (res: ServerResponse, status: number, message: string, field?: string): void =>
  sendJson(res, status, { error: { message, ...(field ? { field } : {}) } });

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(req, 64 * 1024);
  const value: unknown = text === '' ? {} : JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SyntaxError('Expected a JSON object.');
  return value as Record<string, unknown>;
}

function findRecord(ctx: EmulatorContext, body: Record<string, unknown>): SessionRecord | undefined {
  if (typeof body.client_secret === 'string') return ctx.store.findBySecret(body.client_secret);
  if (typeof body.session_hash === 'string') return ctx.store.findByHash(body.session_hash);
  return undefined;
}

/** Answers the session's view. A read: it writes nothing (an action saves its change before calling this). */
function sendView(ctx: EmulatorContext, res: ServerResponse, record: SessionRecord): void {
  sendJson(res, 200, { view: browserSessionView(record, nowSeconds(ctx)) });
}

function runAction(ctx: EmulatorContext, record: SessionRecord, body: Record<string, unknown>): FlowResult {
  switch (body.action) {
    case 'select_quote':
      return ctx.flow.selectQuote(record, {
        sourceAmount: body.source_amount,
        sourceCurrency: body.source_currency,
        destinationCurrency: body.destination_currency,
        destinationNetwork: body.destination_network,
      });
    case 'confirm_wallet':
      return ctx.flow.confirmWallet(record, body.wallet_address);
    case 'pay':
      return ctx.flow.pay(record, body.card_number);
    default:
      return { ok: false, message: `Unknown action ${JSON.stringify(body.action)}.` };
  }
}

async function handleJson(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  let body: Record<string, unknown>;
  try {
    body = await readJson(req);
  } catch (error) {
    return browserError(res, error instanceof BodyTooLargeError ? 413 : 400, 'The request body must be a JSON object.');
  }
  const record = findRecord(ctx, body);
  if (!record) return browserError(res, 404, 'This onramp session does not exist. Ask the site for a new one.');

  if (path === '/browser/session') return sendView(ctx, res, record);
  if (path === '/browser/session/quote') {
    const d = record.session.transaction_details;
    const currency = String(body.destination_currency ?? '');
    const network = String(body.destination_network ?? '');
    const amount = typeof body.source_amount === 'string' ? body.source_amount : '';
    if (!(d.destination_currencies ?? []).includes(currency) || !(d.destination_networks ?? []).includes(network)) {
      return browserError(res, 400, 'Choose a cryptocurrency and network this purchase offers.');
    }
    const check = ctx.flow.previewCheck(amount, String(body.source_currency ?? ''));
    if (!check.ok) return browserError(res, 400, check.message, check.field);
    const quote = computeQuote({ sourceCurrency: String(body.source_currency), destinationCurrency: currency, destinationNetwork: network, sourceAmount: amount });
    if (!quote) return browserError(res, 400, `${currency.toUpperCase()} is not available on ${network}.`);
    return sendJson(res, 200, {
      quote: { destination_amount: quote.destinationAmount, network_fee: quote.networkFee, transaction_fee: quote.transactionFee, total_amount: quote.totalAmount },
    });
  }
  const result = runAction(ctx, record, body);
  if (!result.ok) return browserError(res, 400, result.message, result.field);
  await ctx.persistence?.save();
  return sendView(ctx, res, record);
}

/**
 * The standalone onramp's URL: a session with its options, then the hosted page of that session
 * (a redirect, so a reload resumes the same purchase). Options the API would refuse are shown on
 * the page, as Stripe's hosted onramp shows a broken link.
 */
async function openStandalone(ctx: EmulatorContext, res: ServerResponse, url: URL): Promise<void> {
  const theme = parseTheme(url.searchParams.get('theme'));
  const params = standaloneParams(url.searchParams);
  if (!params.ok) {
    sendText(res, 400, 'text/html; charset=utf-8', hostedPage(null, theme, `This link's options are not valid: ${params.error.message}`), HTML_HEADERS);
    return;
  }
  const record = ctx.store.add(buildSessionRecord(params.value, { nowSeconds: nowSeconds(ctx), baseUrl: ctx.baseUrl, apiVersion: null }));
  await ctx.persistence?.save();
  const location = `${hostedPageUrl(ctx.baseUrl, record.sessionHash)}${theme === 'dark' ? '&theme=dark' : ''}`;
  res.writeHead(303, { ...HTML_HEADERS, Location: location });
  res.end();
}

/** Handles the route and returns true, or returns false when the path is not one of these. */
export async function handleBrowserRequest(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  const method = req.method ?? 'GET';
  const path = url.pathname;
  if (method === 'GET' && (path === SCRIPT_PATHS.stripeJs || path === SCRIPT_PATHS.onrampOuterJs)) {
    await delay(ctx.latency.scripts);
    const legacy = url.searchParams.get('sdk') === 'legacy';
    const text = path === SCRIPT_PATHS.stripeJs ? ctx.scripts.stripeJs : legacy ? ctx.scripts.onrampOuterLegacyJs : ctx.scripts.onrampOuterJs;
    sendText(res, 200, 'text/javascript; charset=utf-8', text, { 'Cache-Control': 'no-cache', 'Access-Control-Allow-Origin': '*' });
    return true;
  }
  if (method === 'GET' && path === '/embedded') {
    sendText(res, 200, 'text/html; charset=utf-8', embeddedPage(parseTheme(url.searchParams.get('theme'))), HTML_HEADERS);
    return true;
  }
  if (method === 'GET' && path === '/hosted' && !url.searchParams.has('session_hash') && isStandaloneQuery(url.searchParams)) {
    await openStandalone(ctx, res, url);
    return true;
  }
  if (method === 'GET' && path === '/hosted') {
    const hash = url.searchParams.get('session_hash');
    sendText(res, 200, 'text/html; charset=utf-8', hostedPage(hash, parseTheme(url.searchParams.get('theme'))), HTML_HEADERS);
    return true;
  }
  if (method === 'GET' && path === '/browser/events') {
    const record = ctx.store.findByHash(url.searchParams.get('session_hash') ?? '');
    if (!record) {
      browserError(res, 404, 'This onramp session does not exist.');
      return true;
    }
    ctx.events.open(res, record, browserSessionView(record, nowSeconds(ctx)));
    return true;
  }
  if (method === 'POST' && (path === '/browser/session' || path === '/browser/session/quote' || path === '/browser/session/actions')) {
    await handleJson(ctx, req, res, path);
    return true;
  }
  return false;
}
