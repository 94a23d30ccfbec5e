/**
 * `crypto-onramp-element/server`: the session-minting kit.
 *
 * - `createOnrampSessionHandler(options)`: the minting endpoint, a Fetch API handler.
 * - `toNodeHandler(handler)`: the same on Node's `http`, Express and Connect (Vite).
 * - `createOnrampQuotesHandler(options)`: the quotes endpoint (GET), validated, cached, rate-limited.
 * - `createOnrampSession` / `retrieveOnrampSession` / `listOnrampSessions` / `getOnrampQuotes`: a typed client.
 * - `verifyOnrampWebhook` / `createOnrampWebhookHandler` / `isOnrampComplete` /
 *   `checkOnrampComplete`: confirming a purchase on the server.
 * - `createRedisRateLimitStore` / `createRedisWebhookEventStore`: rate-limit counts and leased or
 *   handled webhook events shared between instances through the site's own `redis` or `ioredis` client
 *   (neither is imported here).
 */
export {
  createOnrampSessionHandler,
  DEFAULT_MAX_BODY_BYTES,
  type OnrampHandlerContext,
  type OnrampHookContext,
  type OnrampPrefill,
  type OnrampSessionHandler,
  type OnrampSessionHandlerOptions,
} from './handler.js';
export {
  createOnrampQuotesHandler,
  DEFAULT_QUOTES_CACHE,
  DEFAULT_QUOTES_RATE_LIMIT,
  type OnrampQuotesHandler,
  type OnrampQuotesHandlerOptions,
} from './quotes-handler.js';
export { toNodeHandler, type FetchHandler, type NodeHandler, type NodeHandlerOptions, type NodeRequest } from '../http/node-adapter.js';
export type { AmountLimit, OnrampDefaults, OnrampPolicy } from './policy.js';
export type { AllowedOrigins } from './cors.js';
export type { ProxyHeader, TrustProxy } from './client-ip.js';
export {
  DEFAULT_RATE_LIMIT,
  MemoryRateLimitStore,
  type RateLimitHit,
  type RateLimitOptions,
  type RateLimitStore,
} from './rate-limit.js';
export { createRedisRateLimitStore, type RedisRateLimitStoreOptions } from './redis-rate-limit-store.js';
export type { IoRedisLike, NodeRedisLike, RedisClientLike } from './redis-client.js';
export { redactSecrets, type OnrampLogger } from './logger.js';
export type { StripeClientOption } from './stripe-client.js';
export { emulatorScriptTags, emulatorScriptUrls, emulatorStripeConfig, type StripeHostConfig } from './emulator-config.js';
export { BROWSER_PARAMS, type BrowserParam, type BrowserParams } from './browser-params.js';
export { HANDLER_ERROR_CODES, POLICY_ERROR_CODES } from './errors.js';
export { DEFAULT_IDEMPOTENCY_KEY_PREFIX } from './idempotency.js';
export {
  createOnrampSession,
  getOnrampQuotes,
  listOnrampSessions,
  listOnrampSessionsPage,
  retrieveOnrampSession,
  type OnrampRequestOptions,
  type StripeRawRequester,
} from './client.js';
export {
  checkOnrampComplete,
  isOnrampComplete,
  ONRAMP_SESSION_UPDATED_EVENT_TYPES,
  verifyOnrampWebhook,
  type OnrampSessionUpdatedEvent,
  type OnrampSessionUpdatedEventType,
  type OnrampWebhookResult,
  type StripeWebhookVerifier,
  type VerifyOnrampWebhookOptions,
} from './webhooks.js';
export { createOnrampWebhookHandler, DEFAULT_WEBHOOK_LEASE_MS, type OnrampWebhookHandlerOptions } from './webhook-handler.js';
export { DEFAULT_STORE_TIMEOUT_MS, StoreUnavailableError, type StoreFailureMode } from './store-call.js';
export {
  createRedisWebhookEventStore,
  MemoryWebhookEventStore,
  type RedisWebhookEventStoreOptions,
  type WebhookEventBegin,
  type WebhookEventStore,
} from './webhook-event-store.js';
export type { OnrampNetworkQuote, OnrampQuotes, OnrampQuotesParams } from '../shared/quotes.js';
export type {
  CreateOnrampSessionParams,
  CustomerInformation,
  CreatedFilter,
  CryptoOnrampSession,
  ListOnrampSessionsParams,
  MintResponse,
  StripeErrorBody,
  StripeList,
} from '../shared/session.js';
