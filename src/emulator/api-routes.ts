/**
 * Stripe's wire protocol for the three onramp endpoints and the test controls: form-encoded
 * bodies, query strings with bracket syntax, Bearer auth, Stripe's error body, idempotency.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { validateCreateParams, validateListParams, validateRetrieveParams } from '../shared/validate.js';
import { GENERIC_CODES } from '../shared/param-error.js';
import { runValidation } from '../shared/param-error.js';
import { rejectUnknownKeys } from '../shared/param-readers.js';
import { authenticate } from './auth.js';
import { nowSeconds, type EmulatorContext } from './context.js';
import { decodeForm, decodeFormPairs, FormDecodeError, type FormRecord } from './form-decoder.js';
import { BodyTooLargeError, delay, readBody, sendJson, sendStripeError, type StripeError } from './http-utils.js';
import { canonicalJson, IdempotencyCache } from './idempotency.js';
import { newRequestId } from './ids.js';
import { listSessions } from './list-sessions.js';
import { buildSessionRecord, presentSession } from './session-factory.js';
import { createRequestTrigger } from './triggers.js';
import { SETTABLE_STATUSES, type SettableStatus } from './flow.js';
import { answerQuotes, isQuotesPath } from './quotes-route.js';
import { trimTrailing } from '../shared/trim-trailing.js';

export const API_PATHS = {
  sessions: '/v1/crypto/onramp_sessions',
  session: /^\/v1\/crypto\/onramp_sessions\/([^/]+)$/,
  setStatus: /^\/v1\/test_helpers\/crypto\/onramp_sessions\/([^/]+)\/status$/,
} as const;

/** The API answers any origin: it is a local test double, and browser tests call it directly. */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Request-Id, Idempotency-Key, Idempotent-Replayed, Original-Request, Stripe-Version',
};

export function sendPreflight(res: ServerResponse): void {
  res.writeHead(204, {
    ...CORS_HEADERS,
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    'Access-Control-Allow-Headers': 'Authorization, Content-Type, Idempotency-Key, Stripe-Version, Stripe-Account',
    'Access-Control-Max-Age': '600',
  });
  res.end();
}

interface ApiRequest {
  ctx: EmulatorContext;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  requestId: string;
  apiKey: string;
  headers: Record<string, string>;
}

const invalid = (message: string, param?: string, code?: string): StripeError => ({
  type: 'invalid_request_error',
  message,
  ...(code ? { code } : {}),
  ...(param !== undefined ? { param } : {}),
});

const notFound = (id: string): StripeError => invalid(`No such crypto.onramp_session: '${id}'`, 'id', 'resource_missing');

class ApiFailure extends Error {
  constructor(readonly status: number, readonly error: StripeError) {
    super(error.message);
  }
}

function decodeQuery(url: URL): FormRecord {
  try {
    return decodeFormPairs(url.searchParams);
  } catch (error) {
    if (error instanceof FormDecodeError) throw new ApiFailure(400, invalid(error.message, error.param, GENERIC_CODES.string));
    throw error;
  }
}

async function decodeBody(req: IncomingMessage): Promise<FormRecord> {
  const type = String(req.headers['content-type'] ?? '');
  if (/^application\/json/i.test(type)) {
    throw new ApiFailure(400, invalid('Invalid request: the Stripe API takes form-encoded parameters (application/x-www-form-urlencoded), not JSON.'));
  }
  try {
    return decodeForm(await readBody(req));
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new ApiFailure(413, invalid(error.message));
    if (error instanceof FormDecodeError) throw new ApiFailure(400, invalid(error.message, error.param, GENERIC_CODES.string));
    throw error;
  }
}

/** Sends a response. */
function respond(api: ApiRequest, status: number, body: unknown): void {
  const text = JSON.stringify(body, null, 2);
  api.res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...api.headers });
  api.res.end(text);
}

/**
 * Sends the response of a write, after making it durable: the change and, when the request had an
 * Idempotency-Key, the key's stored response are appended to the data file together (one line,
 * one write) before the answer leaves. A process killed after answering has both; one killed
 * before has neither, and the client's retry runs the create again, once.
 */
async function respondDurably(api: ApiRequest, status: number, body: unknown, remember?: { scopedKey: string; fingerprint: string }): Promise<void> {
  const text = JSON.stringify(body, null, 2);
  if (remember) {
    api.ctx.idempotency.remember(remember.scopedKey, {
      method: api.req.method ?? 'POST',
      path: api.url.pathname,
      fingerprint: remember.fingerprint,
      status,
      body: text,
      requestId: api.requestId,
    });
  }
  await api.ctx.persistence?.save();
  api.res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...api.headers });
  api.res.end(text);
}

/**
 * Runs a POST under Stripe's idempotency rules: a replay answers from the cache, a key reused
 * with other parameters is refused, and the first answer is kept (parameter validation errors
 * excepted: Stripe saves results only once an endpoint has started executing).
 */
async function idempotentPost(api: ApiRequest, params: FormRecord, execute: () => Promise<{ status: number; body: unknown } | null>): Promise<void> {
  const key = api.req.headers['idempotency-key'];
  const idempotencyKey = typeof key === 'string' && key !== '' ? key : null;
  if (idempotencyKey === null) {
    const result = await execute();
    if (result) await respondDurably(api, result.status, result.body);
    return;
  }
  if (idempotencyKey.length > 255) throw new ApiFailure(400, invalid('Idempotency-Key must be at most 255 characters long.', 'Idempotency-Key'));
  api.headers['Idempotency-Key'] = idempotencyKey;
  const scopedKey = IdempotencyCache.scope(api.apiKey, idempotencyKey);
  const fingerprint = canonicalJson(params);
  const lookup = api.ctx.idempotency.lookup(scopedKey, api.req.method ?? 'POST', api.url.pathname, fingerprint);
  if (lookup.kind === 'mismatch') throw new ApiFailure(400, { type: 'idempotency_error', message: lookup.message });
  if (lookup.kind === 'new' && inFlight.has(scopedKey)) {
    // Stripe's answer to a concurrent request with the same key; stripe-node retries 409s.
    throw new ApiFailure(409, {
      type: 'idempotency_error',
      code: 'idempotency_key_in_use',
      message: `There is currently another in-progress request using this Idempotency-Key ('${idempotencyKey}'). Retry this request after the first one completes.`,
    });
  }
  if (lookup.kind === 'replay') {
    const stored = lookup.response;
    api.res.writeHead(stored.status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(stored.body),
      ...api.headers,
      'Idempotent-Replayed': 'true',
      'Original-Request': stored.requestId,
    });
    api.res.end(stored.body);
    return;
  }
  inFlight.add(scopedKey);
  try {
    const result = await execute();
    if (result) await respondDurably(api, result.status, result.body, { scopedKey, fingerprint });
  } finally {
    inFlight.delete(scopedKey);
  }
}

/** Idempotency keys whose first request is still running (scoped like the cache's keys). */
const inFlight = new Set<string>();

async function createSession(api: ApiRequest): Promise<void> {
  const params = await decodeBody(api.req);
  await idempotentPost(api, params, async () => {
    const validation = validateCreateParams(params, 'form');
    if (!validation.ok) {
      sendStripeError(api.res, 400, validation.error, api.headers);
      return null;
    }
    const triggered = createRequestTrigger(validation.value);
    if (triggered) return { status: triggered.status, body: { error: triggered.error } };
    const { ctx } = api;
    const stripeVersion = api.req.headers['stripe-version'];
    const record = ctx.store.add(
      buildSessionRecord(validation.value, {
        nowSeconds: nowSeconds(ctx),
        baseUrl: ctx.baseUrl,
        apiVersion: typeof stripeVersion === 'string' ? stripeVersion : null,
      }),
      api.requestId,
    );
    // Saved with its idempotency key by respondDurably, in one append.
    return { status: 200, body: presentSession(record, ctx.baseUrl) };
  });
}

function list(api: ApiRequest): void {
  const validation = validateListParams(decodeQuery(api.url), 'form');
  if (!validation.ok) throw new ApiFailure(400, validation.error);
  const page = listSessions(api.ctx.store, validation.value);
  if (!page.ok) throw new ApiFailure(400, page.error);
  respond(api, 200, {
    object: 'list',
    data: page.records.map((record) => presentSession(record, api.ctx.baseUrl)),
    has_more: page.hasMore,
    url: API_PATHS.sessions,
  });
}

function retrieve(api: ApiRequest, id: string): void {
  const query = decodeQuery(api.url);
  const validation = validateRetrieveParams(query, 'form');
  if (!validation.ok) throw new ApiFailure(400, validation.error);
  const record = api.ctx.store.get(id);
  if (!record) throw new ApiFailure(404, notFound(id));
  respond(api, 200, presentSession(record, api.ctx.baseUrl));
}

/** `POST /v1/test_helpers/crypto/onramp_sessions/:id/status` with `status=…`. */
async function setStatus(api: ApiRequest, id: string): Promise<void> {
  const params = await decodeBody(api.req);
  await idempotentPost(api, params, async () => {
    const validation = runValidation(() => rejectUnknownKeys(params, ['status'], (key) => key));
    if (!validation.ok) throw new ApiFailure(400, validation.error);
    const status = params.status;
    if (typeof status !== 'string' || !(SETTABLE_STATUSES as readonly string[]).includes(status)) {
      throw new ApiFailure(400, invalid(`Invalid status: must be one of ${SETTABLE_STATUSES.join(', ')}.`, 'status', status === undefined ? GENERIC_CODES.missing : GENERIC_CODES.string));
    }
    const record = api.ctx.store.get(id);
    if (!record) throw new ApiFailure(404, notFound(id));
    api.ctx.flow.setStatus(record, status as SettableStatus, api.requestId);
    return { status: 200, body: presentSession(record, api.ctx.baseUrl) };
  });
}

/** A session id from the path; malformed percent-encoding (`%E0%A4%A`) is the client's 400, not a crash. */
function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ApiFailure(400, invalid(`Invalid session id in the URL: ${JSON.stringify(segment.slice(0, 80))} is not valid percent-encoding.`, 'id'));
  }
}

export async function handleApiRequest(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const requestId = newRequestId();
  const stripeVersion = req.headers['stripe-version'];
  const headers: Record<string, string> = {
    ...CORS_HEADERS,
    'Cache-Control': 'no-cache, no-store',
    'Request-Id': requestId,
    ...(typeof stripeVersion === 'string' ? { 'Stripe-Version': stripeVersion } : {}),
  };
  await delay(ctx.latency.api);
  try {
    const auth = authenticate(req.headers.authorization);
    if (!auth.ok) throw new ApiFailure(401, auth.error);
    const api: ApiRequest = { ctx, req, res, url, requestId, apiKey: auth.apiKey, headers };
    const method = req.method ?? 'GET';
    const path = trimTrailing(url.pathname, '/');
    const sessionMatch = API_PATHS.session.exec(path);
    const statusMatch = API_PATHS.setStatus.exec(path);
    if (path === API_PATHS.sessions && method === 'POST') return await createSession(api);
    if (path === API_PATHS.sessions && method === 'GET') return list(api);
    if (sessionMatch && method === 'GET') return retrieve(api, decodePathSegment(sessionMatch[1] ?? ''));
    if (statusMatch && method === 'POST') return await setStatus(api, decodePathSegment(statusMatch[1] ?? ''));
    if (isQuotesPath(path) && method === 'GET') {
      const quotes = answerQuotes(decodeQuery(url), ctx.nowMs());
      if (!quotes.ok) throw new ApiFailure(400, quotes.error);
      return respond(api, 200, quotes.value);
    }
    throw new ApiFailure(404, invalid(`Unrecognized request URL (${method}: ${url.pathname}). The crypto onramp emulator serves POST/GET ${API_PATHS.sessions}, GET ${API_PATHS.sessions}/:id, GET /v1/crypto/onramp/quotes (or /v1/crypto/onramp_quotes) and POST /v1/test_helpers/crypto/onramp_sessions/:id/status.`));
  } catch (error) {
    if (error instanceof ApiFailure) return sendStripeError(res, error.status, error.error, headers);
    console.error('[crypto-onramp-emulator] internal error:', error);
    sendJson(res, 500, { error: { type: 'api_error', message: 'The emulator hit an internal error; see its log.' } }, headers);
  }
}
