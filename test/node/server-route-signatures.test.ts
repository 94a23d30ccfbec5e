/**
 * The kit's handlers as each framework's route: the one-liners docs/server.md gives compile against
 * each framework's route signature, and `stripe` may be a function, called at the first request
 * only, so a production build that imports the route with no key set passes.
 *
 * Next.js, SvelteKit and Nuxt are checked for real by their test apps (test/framework-apps, whose
 * production builds type-check the route files). Here, the signatures as those frameworks and Hono,
 * Bun and Deno publish them, written out structurally (their packages are not dependencies of this
 * one): what matters is the assignability TypeScript checks.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type Stripe from 'stripe';
import { createOnrampSessionHandler, createOnrampQuotesHandler, createOnrampWebhookHandler } from '../../src/server/index.js';
import { captureLogger, errorOf, mintRequest, readJson, stripeAt, useTestEmulator, VALID_BODY } from './server-helpers.js';

// ---- compile time --------------------------------------------------------------------------

const handler = createOnrampSessionHandler({ stripe: () => ({ rawRequest: () => Promise.reject(new Error('unused')) }) as never });

// Next.js App Router: `next build` checks that its context is assignable to the export's second
// parameter. Next 15+ passes `{ params: Promise<…> }`.
type NextRouteHandler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => unknown;
export const POST: NextRouteHandler = handler;
export const nextWithNoParams: (request: Request, context: { params: Promise<{}> }) => unknown = handler;

// SvelteKit `+server.ts`: a RequestHandler takes the RequestEvent.
interface SvelteKitEvent { request: Request; getClientAddress(): string; params: Record<string, string> }
export const sveltekitPost: (event: SvelteKitEvent) => Promise<Response> = ({ request, getClientAddress }) =>
  handler(request, { peerAddress: getClientAddress() });

// Nuxt `server/api/onramp-session.post.ts` (h3): `defineEventHandler((event) => handler(toWebRequest(event)))`.
interface H3Event { node: { req: { socket: { remoteAddress?: string } } } }
declare function toWebRequest(event: H3Event): Request;
export const nuxtPost = (event: H3Event) => handler(toWebRequest(event), { peerAddress: event.node.req.socket.remoteAddress });

// Hono: `app.post(path, (c) => handler(c.req.raw))`.
interface HonoContext { req: { raw: Request } }
export const honoPost: (c: HonoContext) => Promise<Response> = (c) => handler(c.req.raw);

// Bun.serve({ fetch(req, server) }) and Deno.serve((req, info) => …).
interface BunServer { requestIP(request: Request): { address: string } | null }
export const bunFetch: (request: Request, server: BunServer) => Promise<Response> = (request, server) =>
  handler(request, { peerAddress: server.requestIP(request)?.address });
interface DenoServeInfo { remoteAddr: { hostname: string } }
export const denoHandler: (request: Request, info: DenoServeInfo) => Promise<Response> = (request, info) =>
  handler(request, { peerAddress: info.remoteAddr.hostname });
// A fetch-style runtime that passes only the request (Workers, `export default { fetch }`).
export const fetchOnly: (request: Request) => Promise<Response> = handler;

// ---- run time ------------------------------------------------------------------------------

describe('a lazy Stripe client', () => {
  const emulator = useTestEmulator();

  it('is made at the first request, once, not when the handler is created', async () => {
    let made = 0;
    const lazy = createOnrampSessionHandler({ stripe: () => (made++, stripeAt(emulator().port)), logger: false });
    assert.equal(made, 0, 'creating the handler (a module import at build time) makes no client');
    for (let i = 0; i < 2; i++) assert.equal((await lazy(mintRequest(VALID_BODY))).status, 200);
    assert.equal(made, 1);
  });

  it('lets a build import the route with no key set: a function that would throw is not called', () => {
    const noKey = (): Stripe => {
      throw new Error('STRIPE_SECRET_KEY is not set');
    };
    assert.doesNotThrow(() => createOnrampSessionHandler({ stripe: noKey }));
    assert.doesNotThrow(() => createOnrampQuotesHandler({ stripe: noKey }));
    assert.doesNotThrow(() => createOnrampWebhookHandler({ stripe: noKey, secret: 'whsec_test', onSessionUpdated: () => {} }));
  });

  it('answers a logged 500 when the function throws or returns something else at request time', async () => {
    const { logger, lines } = captureLogger();
    const broken = createOnrampSessionHandler({ stripe: () => ({}) as Stripe, logger });
    const response = await broken(mintRequest(VALID_BODY));
    assert.equal(response.status, 500);
    assert.equal(errorOf(await readJson(response)).code, 'internal_error');
    assert.match(lines.join('\n'), /function returned something else/);
  });

  it('still refuses, at once, an instance that is not the SDK', () => {
    assert.throws(() => createOnrampSessionHandler({ stripe: {} as Stripe }), /must be an instance of the official stripe package/);
  });
});

describe('emulatorStripeConfig', () => {
  it("points the SDK at the emulator's URL, and at Stripe when there is none", async () => {
    const { emulatorStripeConfig } = await import('../../src/server/index.js');
    assert.deepEqual(emulatorStripeConfig('http://127.0.0.1:4242'), { host: '127.0.0.1', port: 4242, protocol: 'http' });
    assert.deepEqual(emulatorStripeConfig(undefined), {});
    assert.deepEqual(emulatorStripeConfig(''), {});
    assert.throws(() => emulatorStripeConfig('127.0.0.1:4242x'), /not a URL/);
  });

  it("names the emulator's two stand-in scripts, as URLs and as tags, and none without a URL", async () => {
    const { emulatorScriptTags, emulatorScriptUrls } = await import('../../src/server/index.js');
    assert.deepEqual(emulatorScriptUrls('http://127.0.0.1:4242/'), ['http://127.0.0.1:4242/js/stripe.js', 'http://127.0.0.1:4242/js/crypto-onramp-outer.js']);
    assert.equal(
      emulatorScriptTags('http://127.0.0.1:4242'),
      '<script src="http://127.0.0.1:4242/js/stripe.js"></script><script src="http://127.0.0.1:4242/js/crypto-onramp-outer.js"></script>',
    );
    assert.deepEqual(emulatorScriptUrls(undefined), []);
    assert.equal(emulatorScriptTags(''), '');
  });
});
