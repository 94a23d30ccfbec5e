/**
 * Stripe's wire protocol for the three onramp endpoints and the test controls: form-encoded
 * bodies, query strings with bracket syntax, Bearer auth, Stripe's error body, idempotency.
 */
import { validateCreateParams, validateListParams, validateRetrieveParams } from '../shared/validate.js';
import { GENERIC_CODES } from '../shared/param-error.js';
import { runValidation } from '../shared/param-error.js';
import { rejectUnknownKeys } from '../shared/param-readers.js';
import { authenticate } from './auth.js';
import { nowSeconds, type EmulatorContext } from './context.js';
import { decodeForm, decodeFormPairs, FormDecodeError, type FormRecord } from './form-decoder.js';
import { readBytesWithLimit } from '../http/body.js';
import { delay, jsonAnswer, jsonTextAnswer, MAX_BODY_BYTES, stripeErrorAnswer, type StripeError } from './responses.js';
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

interface ApiRequest {
  ctx: EmulatorContext;
  request: Request;
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

async function decodeBody(request: Request): Promise<FormRecord> {
  const type = request.headers.get('content-type') ?? '';
  if (/^application\/json/i.test(type)) {
    throw new ApiFailure(400, invalid('Invalid request: the Stripe API takes form-encoded parameters (application/x-www-form-urlencoded), not JSON.'));
  }
  const body = await readBytesWithLimit(request, MAX_BODY_BYTES);
  if (!body.ok && body.reason === 'too_large') throw new ApiFailure(413, invalid(`Request body larger than ${MAX_BODY_BYTES} bytes.`));
  if (!body.ok) throw new Error('The request body could not be read.');
  try {
    // Not `fatal`: broken UTF-8 becomes U+FFFD, as Node's Buffer decoding did.
    return decodeForm(new TextDecoder().decode(body.bytes));
  } catch (error) {
    if (error instanceof FormDecodeError) throw new ApiFailure(400, invalid(error.message, error.param, GENERIC_CODES.string));
    throw error;
  }
}

function respond(api: ApiRequest, status: number, body: unknown): Response {
  return jsonTextAnswer(status, JSON.stringify(body, null, 2), api.headers);
}

/**
 * Sends the response of a write, after making it durable: the change and, when the request had an
 * Idempotency-Key, the key's stored response are appended to the data file together (one line,
 * one write) before the answer leaves. A process killed after answering has both; one killed
 * before has neither, and the client's retry runs the create again, once.
 */
async function respondDurably(api: ApiRequest, status: number, body: unknown, remember?: { scopedKey: string; fingerprint: string }): Promise<Response> {
  const text = JSON.stringify(body, null, 2);
  if (remember) {
    api.ctx.idempotency.remember(remember.scopedKey, {
      method: api.request.method,
      path: api.url.pathname,
      fingerprint: remember.fingerprint,
      status,
      body: text,
      requestId: api.requestId,
    });
  }
  await api.ctx.persistence?.save();
  return jsonTextAnswer(status, text, api.headers);
}

/**
 * Runs a POST under Stripe's idempotency rules: a replay answers from the cache, a key reused
 * with other parameters is refused, and the first answer is kept (parameter validation errors
 * excepted: Stripe saves results only once an endpoint has started executing).
 *
 * `execute` is synchronous on purpose: the change it makes and the key's stored response are
 * remembered in the same turn, so no other request's save can append the change alone (a session
 * in the file without its key, which a retry after a crash would create a second time).
 */
async function idempotentPost(api: ApiRequest, params: FormRecord, execute: () => { status: number; body: unknown } | Response): Promise<Response> {
  const key = api.request.headers.get('idempotency-key');
  const idempotencyKey = key !== null && key !== '' ? key : null;
  if (idempotencyKey === null) {
    const result = execute();
    return result instanceof Response ? result : await respondDurably(api, result.status, result.body);
  }
  if (idempotencyKey.length > 255) throw new ApiFailure(400, invalid('Idempotency-Key must be at most 255 characters long.', 'Idempotency-Key'));
  api.headers['Idempotency-Key'] = idempotencyKey;
  const scopedKey = IdempotencyCache.scope(api.apiKey, idempotencyKey);
  const fingerprint = canonicalJson(params);
  const lookup = api.ctx.idempotency.lookup(scopedKey, api.request.method, api.url.pathname, fingerprint);
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
    return jsonTextAnswer(stored.status, stored.body, { ...api.headers, 'Idempotent-Replayed': 'true', 'Original-Request': stored.requestId });
  }
  inFlight.add(scopedKey);
  try {
    const result = execute();
    return result instanceof Response ? result : await respondDurably(api, result.status, result.body, { scopedKey, fingerprint });
  } finally {
    inFlight.delete(scopedKey);
  }
}

/** Idempotency keys whose first request is still running (scoped like the cache's keys). */
const inFlight = new Set<string>();

async function createSession(api: ApiRequest): Promise<Response> {
  const params = await decodeBody(api.request);
  return idempotentPost(api, params, () => {
    const validation = validateCreateParams(params, 'form');
    // Not remembered under the key: Stripe saves results only once an endpoint has started executing.
    if (!validation.ok) return stripeErrorAnswer(400, validation.error, api.headers);
    const triggered = createRequestTrigger(validation.value);
    if (triggered) return { status: triggered.status, body: { error: triggered.error } };
    const { ctx } = api;
    const record = ctx.store.add(
      buildSessionRecord(validation.value, {
        nowSeconds: nowSeconds(ctx),
        baseUrl: ctx.baseUrl,
        apiVersion: api.request.headers.get('stripe-version'),
      }),
      api.requestId,
    );
    // Saved with its idempotency key by respondDurably, in one append.
    return { status: 200, body: presentSession(record, ctx.baseUrl) };
  });
}

function list(api: ApiRequest): Response {
  const validation = validateListParams(decodeQuery(api.url), 'form');
  if (!validation.ok) throw new ApiFailure(400, validation.error);
  const page = listSessions(api.ctx.store, validation.value);
  if (!page.ok) throw new ApiFailure(400, page.error);
  return respond(api, 200, {
    object: 'list',
    data: page.records.map((record) => presentSession(record, api.ctx.baseUrl)),
    has_more: page.hasMore,
    url: API_PATHS.sessions,
  });
}

function retrieve(api: ApiRequest, id: string): Response {
  const query = decodeQuery(api.url);
  const validation = validateRetrieveParams(query, 'form');
  if (!validation.ok) throw new ApiFailure(400, validation.error);
  const record = api.ctx.store.get(id);
  if (!record) throw new ApiFailure(404, notFound(id));
  return respond(api, 200, presentSession(record, api.ctx.baseUrl));
}

/** `POST /v1/test_helpers/crypto/onramp_sessions/:id/status` with `status=…`. */
async function setStatus(api: ApiRequest, id: string): Promise<Response> {
  const params = await decodeBody(api.request);
  return idempotentPost(api, params, () => {
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

/** Answers a request under `/v1/` (CORS is added around it, for every answer, by the router). */
export async function handleApiRequest(ctx: EmulatorContext, request: Request, url: URL): Promise<Response> {
  const requestId = newRequestId();
  const stripeVersion = request.headers.get('stripe-version');
  const headers: Record<string, string> = {
    'Cache-Control': 'no-cache, no-store',
    'Request-Id': requestId,
    ...(stripeVersion !== null ? { 'Stripe-Version': stripeVersion } : {}),
  };
  await delay(ctx.latency.api);
  try {
    const auth = authenticate(request.headers.get('authorization') ?? undefined);
    if (!auth.ok) throw new ApiFailure(401, auth.error);
    const api: ApiRequest = { ctx, request, url, requestId, apiKey: auth.apiKey, headers };
    const method = request.method;
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
    if (error instanceof ApiFailure) return stripeErrorAnswer(error.status, error.error, headers);
    console.error('[crypto-onramp-emulator] internal error:', error);
    return jsonAnswer(500, { error: { type: 'api_error', message: 'The emulator hit an internal error; see its log.' } }, headers);
  }
}
