/**
 * Endpoints of the emulator's own pages (same origin as the iframe and the hosted page, no CORS):
 * the stand-in scripts, the two pages, and the JSON + SSE endpoints the purchase flow uses.
 * The embedded page authenticates with the client secret in a POST body; the hosted page and the
 * event stream with the session hash.
 */
import { nowSeconds, type EmulatorContext } from './context.js';
import { readBytesWithLimit } from '../http/body.js';
import { delay, jsonAnswer, textAnswer } from './responses.js';
import { browserSessionView } from './browser-view.js';
import { computeQuote } from './quote.js';
import { embeddedPage, hostedPage, parseTheme } from './stand-in/pages.js';
import { standInLanguage, type StandInLanguage } from './stand-in/language.js';
import { hostedPageUrl, buildSessionRecord } from './session-factory.js';
import { isStandaloneQuery, standaloneParams } from './standalone.js';
import type { SessionRecord } from './session-record.js';
import type { FlowResult } from './flow.js';

export const SCRIPT_PATHS = { stripeJs: '/js/stripe.js', onrampOuterJs: '/js/crypto-onramp-outer.js' } as const;
/** Appended to the onramp script's path for the version without `setAppearance` (`StandInSdk` `legacy`). */
export const LEGACY_SDK_QUERY = '?sdk=legacy';

const HTML_HEADERS = { 'Cache-Control': 'no-cache, no-store', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };

const browserError = (status: number, message: string, field?: string): Response =>
  jsonAnswer(status, { error: { message, ...(field ? { field } : {}) } });

const MAX_JSON_BYTES = 64 * 1024;

/**
 * The language of a stand-in page: the emulator-only `?locale=` (the stand-in's outer script sets
 * it from the mounting page's `lang`), else the browser's `Accept-Language`. Stripe's UI has no
 * such parameter; it picks its own language.
 */
const pageLanguage = (request: Request, url: URL): StandInLanguage =>
  standInLanguage(url.searchParams.get('locale'), request.headers.get('accept-language'));

/** The page's JSON object, or the status to refuse it with (413 too large, 400 anything else). */
async function readJson(request: Request): Promise<Record<string, unknown> | 400 | 413> {
  const body = await readBytesWithLimit(request, MAX_JSON_BYTES);
  if (!body.ok) return body.reason === 'too_large' ? 413 : 400;
  const text = new TextDecoder().decode(body.bytes);
  try {
    const value: unknown = text === '' ? {} : JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return 400;
    return value as Record<string, unknown>;
  } catch {
    return 400;
  }
}

function findRecord(ctx: EmulatorContext, body: Record<string, unknown>): SessionRecord | undefined {
  if (typeof body.client_secret === 'string') return ctx.store.findBySecret(body.client_secret);
  if (typeof body.session_hash === 'string') return ctx.store.findByHash(body.session_hash);
  return undefined;
}

/** Answers the session's view. A read: it writes nothing (an action saves its change before calling this). */
function viewAnswer(ctx: EmulatorContext, record: SessionRecord): Response {
  return jsonAnswer(200, { view: browserSessionView(record, nowSeconds(ctx)) });
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

async function handleJson(ctx: EmulatorContext, request: Request, path: string): Promise<Response> {
  const body = await readJson(request);
  if (typeof body === 'number') return browserError(body, 'The request body must be a JSON object.');
  const record = findRecord(ctx, body);
  if (!record) return browserError(404, 'This onramp session does not exist. Ask the site for a new one.');

  if (path === '/browser/session') return viewAnswer(ctx, record);
  if (path === '/browser/session/quote') {
    const d = record.session.transaction_details;
    const currency = String(body.destination_currency ?? '');
    const network = String(body.destination_network ?? '');
    const amount = typeof body.source_amount === 'string' ? body.source_amount : '';
    if (!(d.destination_currencies ?? []).includes(currency) || !(d.destination_networks ?? []).includes(network)) {
      return browserError(400, 'Choose a cryptocurrency and network this purchase offers.');
    }
    const check = ctx.flow.previewCheck(amount, String(body.source_currency ?? ''));
    if (!check.ok) return browserError(400, check.message, check.field);
    const quote = computeQuote({ sourceCurrency: String(body.source_currency), destinationCurrency: currency, destinationNetwork: network, sourceAmount: amount });
    if (!quote) return browserError(400, `${currency.toUpperCase()} is not available on ${network}.`);
    return jsonAnswer(200, {
      quote: { destination_amount: quote.destinationAmount, network_fee: quote.networkFee, transaction_fee: quote.transactionFee, total_amount: quote.totalAmount },
    });
  }
  const result = runAction(ctx, record, body);
  if (!result.ok) return browserError(400, result.message, result.field);
  await ctx.persistence?.save();
  return viewAnswer(ctx, record);
}

/**
 * The standalone onramp's URL: a session with its options, then the hosted page of that session
 * (a redirect, so a reload resumes the same purchase). Options the API would refuse are shown on
 * the page, as Stripe's hosted onramp shows a broken link.
 */
async function openStandalone(ctx: EmulatorContext, request: Request, url: URL): Promise<Response> {
  const theme = parseTheme(url.searchParams.get('theme'));
  const params = standaloneParams(url.searchParams);
  if (!params.ok) {
    return textAnswer(400, 'text/html; charset=utf-8', hostedPage(null, theme, pageLanguage(request, url), `This link's options are not valid: ${params.error.message}`), HTML_HEADERS);
  }
  const record = ctx.store.add(buildSessionRecord(params.value, { nowSeconds: nowSeconds(ctx), baseUrl: ctx.baseUrl, apiVersion: null }));
  await ctx.persistence?.save();
  // The hosted page keeps the link's look and, when it named one, its language.
  const locale = url.searchParams.get('locale');
  const location = `${hostedPageUrl(ctx.baseUrl, record.sessionHash)}${theme === 'dark' ? '&theme=dark' : ''}${locale ? `&locale=${encodeURIComponent(locale)}` : ''}`;
  return new Response(null, { status: 303, headers: { ...HTML_HEADERS, Location: location } });
}

/** Answers the route, or `null` when the path is not one of these. */
export async function handleBrowserRequest(ctx: EmulatorContext, request: Request, url: URL): Promise<Response | null> {
  const method = request.method;
  const path = url.pathname;
  if (method === 'GET' && (path === SCRIPT_PATHS.stripeJs || path === SCRIPT_PATHS.onrampOuterJs)) {
    await delay(ctx.latency.scripts);
    const legacy = url.searchParams.get('sdk') === 'legacy';
    const text = path === SCRIPT_PATHS.stripeJs ? ctx.scripts.stripeJs : legacy ? ctx.scripts.onrampOuterLegacyJs : ctx.scripts.onrampOuterJs;
    return textAnswer(200, 'text/javascript; charset=utf-8', text, { 'Cache-Control': 'no-cache' });
  }
  if (method === 'GET' && path === '/embedded') {
    return textAnswer(200, 'text/html; charset=utf-8', embeddedPage(parseTheme(url.searchParams.get('theme')), pageLanguage(request, url)), HTML_HEADERS);
  }
  if (method === 'GET' && path === '/hosted' && !url.searchParams.has('session_hash') && isStandaloneQuery(url.searchParams)) {
    return openStandalone(ctx, request, url);
  }
  if (method === 'GET' && path === '/hosted') {
    const hash = url.searchParams.get('session_hash');
    return textAnswer(200, 'text/html; charset=utf-8', hostedPage(hash, parseTheme(url.searchParams.get('theme')), pageLanguage(request, url)), HTML_HEADERS);
  }
  if (method === 'GET' && path === '/browser/events') {
    const record = ctx.store.findByHash(url.searchParams.get('session_hash') ?? '');
    if (!record) return browserError(404, 'This onramp session does not exist.');
    return ctx.events.open(record, browserSessionView(record, nowSeconds(ctx)));
  }
  if (method === 'POST' && (path === '/browser/session' || path === '/browser/session/quote' || path === '/browser/session/actions')) {
    return handleJson(ctx, request, path);
  }
  return null;
}
