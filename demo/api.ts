/**
 * The demo's server side, as a Connect middleware for Vite's dev server. Everything a real site
 * would run is the server kit's; the rest is scaffolding for the demo's pages.
 *
 * | route | what |
 * |---|---|
 * | `POST /api/onramp-session` | the minting endpoint (`createOnrampSessionHandler` via `toNodeHandler`) |
 * | `POST /api/onramp-session-hosted` | the same with the hosted fallback on: answers `redirect_url` too |
 * | `POST /api/unsupported-region/onramp-session` | a handler whose customer appears to connect from an unsupported region |
 * | `POST /api/down` | an endpoint that is down (503) until `POST /api/down/restore?outage=…` |
 * | `GET /api/onramp-quotes` | the quotes endpoint (`createOnrampQuotesHandler` via `toNodeHandler`), for `<crypto-onramp-quotes>` |
 * | `POST /api/webhooks` | `createOnrampWebhookHandler`: verified `crypto.onramp_session_updated` events |
 * | `GET /api/purchase/:id` | the server's view of a purchase: `checkOnrampComplete` + the verified webhooks |
 * | `POST /api/emulator/status` | emulator mode only: drives a session through the emulator's test control |
 * | `GET /api/demo-info` | which backend the demo runs against |
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  checkOnrampComplete,
  createOnrampQuotesHandler,
  createOnrampSessionHandler,
  createOnrampWebhookHandler,
  toNodeHandler,
  type CryptoOnrampSession,
  type NodeHandler,
} from '../src/server/index.js';
import { SESSION_ID_PATTERN } from '../src/shared/key-formats.js';
import type { DemoBackend } from './backend.js';

/** An address in the emulator's documented unsupported-region trigger range (TEST-NET-3, RFC 5737). */
export const UNSUPPORTED_REGION_CLIENT_IP = '203.0.113.42';

/** The statuses the purchase page's buttons may set through the emulator's test control. */
const DRIVABLE_STATUSES = new Set(['requires_payment', 'fulfillment_processing', 'fulfillment_complete', 'rejected']);
/** How many sessions the webhook log remembers (a demo, not a database). */
const MAX_LOGGED_SESSIONS = 500;
const MAX_OUTAGES = 1000;

export interface VerifiedWebhook {
  eventId: string;
  type: string;
  status: string;
  previousStatus: string | null;
  transactionId: string | null;
  /** ISO time the demo server received and verified it. */
  receivedAt: string;
}

export interface DemoApi {
  middleware(req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void;
  /** Verified webhooks by session id, oldest first. */
  webhooksFor(sessionId: string): readonly VerifiedWebhook[];
}

export interface DemoApiOptions {
  /** Paths of the framework examples (`demo/frameworks/NAME/`), listed by the entry page. */
  frameworkPages?: readonly string[];
}

export function createDemoApi(backend: DemoBackend, options: DemoApiOptions = {}): DemoApi {
  const { stripe, publishableKey } = backend;

  const mint = toNodeHandler(createOnrampSessionHandler({ stripe, publishableKey }));
  const mintHosted = toNodeHandler(createOnrampSessionHandler({ stripe, publishableKey, policy: { hostedFallback: true } }));
  // The same kit, but every customer appears to connect from a region the onramp does not serve:
  // the handler sends that address as `customer_ip_address`, the emulator (or Stripe) refuses it.
  const mintUnsupportedRegion = toNodeHandler(createOnrampSessionHandler({ stripe, publishableKey }), {
    peerAddress: () => UNSUPPORTED_REGION_CLIENT_IP,
  });

  const quotes = toNodeHandler(createOnrampQuotesHandler({ stripe }));
  /** The kit's endpoints, each served as it is at its path. */
  const kitEndpoints = new Map<string, NodeHandler>([
    ['/api/onramp-session', mint],
    ['/api/onramp-session-hosted', mintHosted],
    ['/api/unsupported-region/onramp-session', mintUnsupportedRegion],
    ['/api/onramp-quotes', quotes],
  ]);

  const webhookLog = new Map<string, VerifiedWebhook[]>();
  const webhooks: NodeHandler | undefined =
    backend.webhookSecret === undefined
      ? undefined
      : toNodeHandler(
          createOnrampWebhookHandler({
            stripe,
            secret: backend.webhookSecret,
            onSessionUpdated(session, event) {
              const previous = event.data.previous_attributes?.status;
              const entries = webhookLog.get(session.id) ?? [];
              entries.push({
                eventId: event.id,
                type: event.type,
                status: session.status,
                previousStatus: typeof previous === 'string' ? previous : null,
                transactionId: session.transaction_details?.transaction_id ?? null,
                receivedAt: new Date().toISOString(),
              });
              webhookLog.delete(session.id); // re-insert: the Map's order is recency
              webhookLog.set(session.id, entries);
              while (webhookLog.size > MAX_LOGGED_SESSIONS) webhookLog.delete(webhookLog.keys().next().value!);
            },
          }),
        );

  /** Outages the failure page has "fixed", by the id the page chose. */
  const restoredOutages = new Set<string>();

  async function route(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://demo.invalid');
    const path = url.pathname;
    if (path === '/favicon.ico') {
      res.writeHead(301, { Location: '/demo/assets/favicon.svg' }).end();
      return true;
    }
    if (!path.startsWith('/api/')) return false;
    const endpoint = kitEndpoints.get(path);
    if (endpoint) {
      await endpoint(req, res);
      return true;
    }

    switch (path) {
      case '/api/down': {
        const outage = url.searchParams.get('outage');
        if (outage !== null && restoredOutages.has(outage)) {
          await mint(req, res);
          return true;
        }
        drain(req);
        sendJson(res, 503, {
          error: {
            type: 'api_error',
            code: 'endpoint_unavailable',
            message: 'The session endpoint is down (a simulated outage). Try again once it is back.',
          },
        }, { 'Retry-After': '5' });
        return true;
      }
      case '/api/down/restore': {
        drain(req);
        const outage = url.searchParams.get('outage');
        if (req.method !== 'POST' || outage === null || !/^[\w-]{1,64}$/.test(outage)) {
          sendJson(res, 400, { error: { message: 'POST /api/down/restore?outage=<id>' } });
          return true;
        }
        restoredOutages.add(outage);
        if (restoredOutages.size > MAX_OUTAGES) restoredOutages.delete(restoredOutages.values().next().value!);
        sendJson(res, 200, { outage, up: true });
        return true;
      }
      case '/api/webhooks':
        if (!webhooks) {
          drain(req);
          sendJson(res, 404, { error: { message: 'No webhook signing secret is configured (set STRIPE_WEBHOOK_SECRET).' } });
          return true;
        }
        await webhooks(req, res);
        return true;
      case '/api/emulator/status':
        await setStatus(req, res);
        return true;
      case '/api/demo-info':
        drain(req);
        sendJson(res, 200, {
          mode: backend.mode,
          livemode: backend.livemode,
          emulatorUrl: backend.emulator?.url ?? null,
          webhooks: backend.webhookSecret !== undefined,
          unsupportedRegionClientIp: UNSUPPORTED_REGION_CLIENT_IP,
          frameworkPages: options.frameworkPages ?? [],
        });
        return true;
    }

    const purchase = /^\/api\/purchase\/([^/]+)$/.exec(path);
    if (purchase && req.method === 'GET') {
      await describePurchase(decodeURIComponent(purchase[1]!), res);
      return true;
    }
    drain(req);
    sendJson(res, 404, { error: { message: `No demo endpoint ${req.method ?? 'GET'} ${path}` } });
    return true;
  }

  /** The server's own view of a purchase: asked of Stripe (never taken from the browser) plus the verified webhooks. */
  async function describePurchase(id: string, res: ServerResponse): Promise<void> {
    if (!SESSION_ID_PATTERN.test(id)) return sendJson(res, 400, { error: { message: 'Not an onramp session id.' } });
    try {
      const { complete, session } = await checkOnrampComplete(stripe, id);
      const received = webhookLog.get(id) ?? [];
      sendJson(res, 200, {
        complete,
        session: publicView(session),
        webhooksConfigured: webhooks !== undefined,
        webhooks: received,
        webhookConfirmsComplete: received.some((event) => event.status === 'fulfillment_complete'),
      });
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      const message = (error as { message?: string }).message ?? 'The session could not be retrieved.';
      sendJson(res, status && status >= 400 && status < 500 ? status : 502, { error: { message } });
    }
  }

  async function setStatus(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      drain(req);
      return sendJson(res, 405, { error: { message: 'POST { id, status }' } }, { Allow: 'POST' });
    }
    let body: unknown;
    try {
      body = JSON.parse(await readText(req, 4096));
    } catch {
      return sendJson(res, 400, { error: { message: 'Send JSON: { "id": "cos_…", "status": "…" }' } });
    }
    if (!backend.emulator) {
      return sendJson(res, 409, {
        error: { message: "Stripe has no control to set a session's status: complete the purchase in Stripe's own UI (test mode values: OTP 000000, card 4242 4242 4242 4242)." },
      });
    }
    const { id, status } = (body ?? {}) as { id?: unknown; status?: unknown };
    if (typeof id !== 'string' || !SESSION_ID_PATTERN.test(id)) return sendJson(res, 400, { error: { message: 'id must be an onramp session id (cos_…).' } });
    if (typeof status !== 'string' || !DRIVABLE_STATUSES.has(status)) {
      return sendJson(res, 400, { error: { message: `status must be one of ${[...DRIVABLE_STATUSES].join(', ')}.` } });
    }
    try {
      // The emulator's HTTP test control, called with the same SDK (and key) as the API.
      const session = (await stripe.rawRequest('POST', `/v1/test_helpers/crypto/onramp_sessions/${id}/status`, { status })) as unknown as CryptoOnrampSession;
      sendJson(res, 200, { session: publicView(session) });
    } catch (error) {
      const code = (error as { statusCode?: number }).statusCode ?? 502;
      sendJson(res, code, { error: { message: (error as { message?: string }).message ?? 'The test control failed.' } });
    }
  }

  return {
    middleware(req, res, next) {
      route(req, res).then(
        (handled) => {
          if (!handled) next();
        },
        (error: unknown) => next(error),
      );
    },
    webhooksFor: (id) => webhookLog.get(id) ?? [],
  };
}

/** What the page may see of a session: never the client secret, nothing the demo does not show. */
function publicView(session: CryptoOnrampSession) {
  const d = session.transaction_details;
  return {
    id: session.id,
    status: session.status,
    livemode: session.livemode,
    created: session.created,
    transaction_details: d && {
      source_amount: d.source_amount,
      source_currency: d.source_currency,
      destination_amount: d.destination_amount,
      destination_currency: d.destination_currency,
      destination_network: d.destination_network,
      wallet_address: d.wallet_address,
      transaction_id: d.transaction_id,
    },
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

/** Reads a small body; rejects past `limit` bytes. */
function readText(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error('body too large'));
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
}

/** Lets an unread request body flow away so the connection stays usable. */
function drain(req: IncomingMessage): void {
  req.resume();
}
