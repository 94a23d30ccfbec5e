/**
 * Serving a Fetch API handler (`Request → Response`) from Node: `http.createServer`, Express
 * (`app.use(path, …)` or `app.post(path, …)`) and Connect / Vite's dev server
 * (`server.middlewares.use(path, …)`). The one adapter of the package: the server kit's handlers
 * and the emulator's are both served through it, so neither speaks `node:http` itself.
 *
 * The request body is streamed into the `Request` with backpressure, so the handler's size limit
 * stops the reading; when Express (or any body parser) has already consumed the body, `req.body`
 * is used instead. A response is buffered and sent with its length, unless it says it is a stream
 * (`text/event-stream`, or `X-Accel-Buffering: no`): that one is written as its chunks come, and
 * cancelled when the client goes away.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';

/**
 * The `code` of the adapter's own answers, in the kit's error body (`{ error: { type, code, message } }`);
 * the kit's list of codes (`HANDLER_ERROR_CODES`) names them from here.
 */
export const ADAPTER_ERROR_CODES = {
  /** 408: the request body did not arrive within `bodyTimeoutMs`. */
  requestTimeout: 'request_timeout',
  /** 500: the handler threw (none of the kit's or the emulator's does). */
  internalError: 'internal_error',
} as const;

/** The handlers this adapter serves: `createOnrampSessionHandler`'s, `createOnrampQuotesHandler`'s and `createOnrampWebhookHandler`'s, and the emulator's. */
export type FetchHandler = (request: Request, context?: { peerAddress?: string | null | undefined }) => Promise<Response>;

/** A Node request as Express and Connect hand it over: maybe with a parsed body and a mount path. */
export type NodeRequest = IncomingMessage & { body?: unknown; originalUrl?: string; _body?: boolean };

export type NodeHandler = (req: NodeRequest, res: ServerResponse, next?: (error?: unknown) => void) => Promise<void>;

export interface NodeHandlerOptions {
  /** The peer address to report. Default: `req.socket.remoteAddress`. */
  peerAddress?: (req: IncomingMessage) => string | undefined;
  /**
   * How long the whole request body may take to arrive, in ms, before the answer is 408 and the
   * connection is closed. Default 10,000 (the element's body is a few hundred bytes). Node's own
   * limit (`server.requestTimeout`, 300 s) would let a client dripping a byte at a time hold a
   * connection, and a pending Stripe call's worth of memory, for five minutes.
   */
  bodyTimeoutMs?: number;
}

export const DEFAULT_BODY_TIMEOUT_MS = 10_000;

/**
 * A Fetch API handler (any of the kit's) as a Node `http` / Express / Connect handler: the request
 * becomes a `Request` (its body streamed, cut off with a 408 after `bodyTimeoutMs`), the peer
 * address is passed as `{ peerAddress }`, and the `Response` is written back.
 *
 * @example
 * ```ts
 * import express from 'express';
 * import Stripe from 'stripe';
 * import { createOnrampSessionHandler, toNodeHandler } from 'crypto-onramp-element/server';
 *
 * const app = express();
 * app.post('/api/onramp-session', toNodeHandler(createOnrampSessionHandler({ stripe: new Stripe(key) })));
 * // or with node:http: http.createServer(toNodeHandler(handler)).listen(3000);
 * ```
 */
export function toNodeHandler(handler: FetchHandler, options: NodeHandlerOptions = {}): NodeHandler {
  const bodyTimeoutMs = options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS;
  if (!Number.isFinite(bodyTimeoutMs) || bodyTimeoutMs <= 0) {
    throw new TypeError(`toNodeHandler: bodyTimeoutMs must be a positive number of milliseconds, got ${bodyTimeoutMs}`);
  }
  return async (req, res, next) => {
    let response: Response;
    let body: RequestBody;
    let request: Request;
    const timeout = watchBodyTimeout(req, res, bodyTimeoutMs);
    try {
      body = await requestBody(req);
      request = toRequest(req, body.stream);
    } catch (error) {
      if (timeout.fired()) return; // answered 408 already; the failure is the cut-off body
      // A malformed request line or header fails in `new Request`: the client's fault.
      if (next) return next(error);
      writeError(res, 400, { type: 'invalid_request_error', message: 'Malformed request.' });
      return;
    }
    try {
      const peerAddress = options.peerAddress ? options.peerAddress(req) : req.socket?.remoteAddress;
      response = await handler(request, { peerAddress });
    } catch (error) {
      if (timeout.fired()) return;
      // The kit's handlers never throw; another handler's failure is the server's, not the client's.
      if (next) return next(error);
      writeError(res, 500, { type: 'api_error', code: ADAPTER_ERROR_CODES.internalError, message: 'Something went wrong.' });
      return;
    }
    timeout.clear();
    if (timeout.fired()) {
      await response.body?.cancel().catch(() => undefined);
      return;
    }
    // A body left unread (a 413, a 405) would otherwise keep the connection busy draining it.
    if (!body.fullyRead()) res.setHeader('Connection', 'close');
    await writeResponse(response, res, req.method === 'HEAD');
  };
}

function writeError(res: ServerResponse, status: number, error: { type: 'invalid_request_error' | 'api_error'; code?: string; message: string }): void {
  if (res.headersSent) return;
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(JSON.stringify({ error }));
}

/**
 * Answers 408 and closes the connection if the request body is not complete within `ms`; the
 * body stream then fails, so the handler finishes, and its answer is dropped.
 */
function watchBodyTimeout(req: IncomingMessage, res: ServerResponse, ms: number): { fired(): boolean; clear(): void } {
  let fired = false;
  const timer = req.complete
    ? null
    : setTimeout(() => {
        if (req.complete || res.headersSent) return;
        fired = true;
        res.statusCode = 408;
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.setHeader('Cache-Control', 'no-store');
        res.setHeader('Connection', 'close');
        const payload = JSON.stringify({
          error: { type: 'invalid_request_error', code: ADAPTER_ERROR_CODES.requestTimeout, message: `The request body did not arrive within ${ms} ms.` },
        });
        res.end(payload, () => req.destroy());
      }, ms);
  // Once the body is in, the clock stops: a slow Stripe call is not the client's fault.
  const clear = (): void => {
    if (timer) clearTimeout(timer);
  };
  req.once('end', clear);
  return { fired: () => fired, clear };
}

function toRequest(req: NodeRequest, body: ReadableStream<Uint8Array> | BodyInit | null): Request {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!;
    // HTTP/2 pseudo-headers (`:path`) are not headers a Fetch Request may carry.
    if (name.startsWith(':')) continue;
    headers.append(name, req.rawHeaders[i + 1]!);
  }
  if (body !== null && !(body instanceof ReadableStream)) headers.delete('content-length'); // re-serialized
  const init: RequestInit & { duplex?: 'half' } = { method: req.method ?? 'GET', headers };
  if (body !== null && init.method !== 'GET' && init.method !== 'HEAD') {
    init.body = body;
    init.duplex = 'half'; // required by Node's fetch for a streamed body
  }
  return new Request(requestUrl(req), init);
}

function requestUrl(req: NodeRequest): string {
  const protocol = (req.socket as TLSSocket | undefined)?.encrypted ? 'https' : 'http';
  const path = req.originalUrl ?? req.url ?? '/';
  try {
    return new URL(path, `${protocol}://${req.headers.host ?? 'localhost'}`).href;
  } catch {
    // A Host header that is not a host: the URL only matters to handlers that read it.
    return new URL(path.startsWith('/') ? path : '/', `${protocol}://localhost`).href;
  }
}

interface RequestBody {
  stream: ReadableStream<Uint8Array> | BodyInit | null;
  fullyRead(): boolean;
}

function requestBody(req: NodeRequest): RequestBody | Promise<RequestBody> {
  if (req.method === 'GET' || req.method === 'HEAD') return { stream: null, fullyRead: () => req.complete };
  // A body parser ran (Express's `express.json()`, `express.raw()`, `express.text()`): the stream
  // is spent, the parsed value is all there is. body-parser sets `_body`; `readableEnded` covers others.
  if (req.body !== undefined && (req._body === true || req.readableEnded)) {
    const parsed = req.body;
    // Copied into a plain ArrayBuffer-backed array: a Buffer may view a shared pool.
    const payload = parsed instanceof Uint8Array ? new Uint8Array(parsed) : typeof parsed === 'string' ? parsed : JSON.stringify(parsed);
    return { stream: payload, fullyRead: () => true };
  }
  const declared = Number(req.headers['content-length']);
  if (req.headers['content-length'] !== undefined && Number.isInteger(declared) && declared <= SMALL_BODY_BYTES) {
    return bytesFromNode(req, declared);
  }
  return streamFromNode(req);
}

/**
 * Bodies that declare a small length (the element's are a few hundred bytes) are read straight
 * into bytes: a Web ReadableStream per request costs more CPU on Node than the whole handler.
 * Anything larger or of unknown length is streamed, so the handler's size limit stops the reading.
 */
const SMALL_BODY_BYTES = 16 * 1024;

async function bytesFromNode(req: IncomingMessage, declared: number): Promise<RequestBody> {
  const chunks: Buffer[] = [];
  let received = 0;
  await new Promise<void>((resolve, reject) => {
    req.on('data', (chunk: Buffer) => {
      received += chunk.byteLength;
      // Beyond the declared length the request is broken: keep one byte more than declared so
      // the handler sees the mismatch, and buffer nothing further.
      if (received <= declared + 1) chunks.push(chunk);
    });
    req.once('end', resolve);
    req.once('error', reject);
    // Destroyed before its end (the body timeout, a client gone): no 'end' will come.
    req.once('close', () => (req.complete ? resolve() : reject(new Error('The request body ended early.'))));
  });
  return { stream: new Uint8Array(Buffer.concat(chunks)), fullyRead: () => true };
}

/**
 * A pull-based ReadableStream over the request: Node reads only as fast as the handler consumes,
 * and `cancel` (the handler's size limit) pauses the socket instead of destroying it, so the
 * 413 answer can still be written.
 */
function streamFromNode(req: IncomingMessage): RequestBody {
  let ended = false;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.on('data', (chunk: Buffer) => {
          if (cancelled) return;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.once('end', () => {
          ended = true;
          if (!cancelled) controller.close();
        });
        req.once('error', (error) => {
          if (!cancelled) controller.error(error);
        });
        req.once('close', () => {
          if (!ended && !cancelled) controller.error(new Error('The request body ended early.'));
        });
        req.pause();
      },
      pull() {
        req.resume();
      },
      cancel() {
        cancelled = true;
        req.pause();
      },
    },
    { highWaterMark: 1 },
  );
  return { stream, fullyRead: () => ended || req.readableEnded };
}

async function writeResponse(response: Response, res: ServerResponse, isHead: boolean): Promise<void> {
  res.statusCode = response.status;
  const setCookies = response.headers.getSetCookie();
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  if (setCookies.length > 0) res.setHeader('Set-Cookie', setCookies);
  if (isHead || response.body === null) {
    await response.body?.cancel().catch(() => undefined);
    res.end();
    return;
  }
  if (isStream(response.headers)) return streamBody(response.body, res);
  const payload = Buffer.from(await response.arrayBuffer());
  res.setHeader('Content-Length', payload.byteLength);
  res.end(payload);
}

/**
 * Whether a response is written as it comes rather than buffered: an event stream, or one that
 * asks proxies not to buffer it (Hono's Node adapter decides by the same two signs). Anything
 * else is read whole first, so it goes out with a `Content-Length` in one write.
 */
function isStream(headers: Headers): boolean {
  return /^text\/event-stream\b/i.test(headers.get('content-type') ?? '') || headers.get('x-accel-buffering')?.toLowerCase() === 'no';
}

/**
 * Writes a streamed body chunk by chunk, waiting for the socket to drain when it is full. When the
 * client goes away, the body is cancelled: the handler's stream learns it through its `cancel`.
 */
async function streamBody(body: ReadableStream<Uint8Array>, res: ServerResponse): Promise<void> {
  const reader = body.getReader();
  let gone = false;
  const stop = (): void => {
    gone = true;
    reader.cancel().catch(() => undefined);
  };
  res.once('close', stop);
  res.flushHeaders();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || gone) break;
      if (!res.write(value)) await drainedOrClosed(res);
    }
  } catch {
    // The handler's stream failed: end what was sent; the client sees a cut stream.
  } finally {
    res.off('close', stop);
    res.end();
  }
}

function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}
