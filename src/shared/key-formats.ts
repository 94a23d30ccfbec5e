/**
 * Every key and secret format, once. The server kit, the emulator (its API and its stand-in for
 * Stripe's script, which receives the patterns' sources through its config) and the demo check
 * keys with these, and so does the element.
 *
 * The key body is `[A-Za-z0-9]+` (base62), as Stripe issues keys: `pk_test_51H…`. `_` is not part
 * of it: no key Stripe issues has one after the mode, the server kit has always refused it, and
 * letting the element accept a key the kit refuses (or `\w+`, `\S+` elsewhere) meant the same key
 * was valid on one side of the page and not on the other.
 */

/** Stripe's key body: base62 letters and digits. */
const KEY_BODY = '[A-Za-z0-9]+';

/** A publishable key, `pk_test_…` or `pk_live_…`; group 1 is the mode. */
export const PUBLISHABLE_KEY_PATTERN = /* @__PURE__ */ new RegExp(`^pk_(test|live)_${KEY_BODY}$`);

/** A secret (`sk_…`) or restricted (`rk_…`) key; group 1 is the mode. */
export const SECRET_KEY_PATTERN = /* @__PURE__ */ new RegExp(`^(?:sk|rk)_(test|live)_${KEY_BODY}$`);

/**
 * The start of any secret or restricted key, however mangled; group 1 is the mode when present.
 * Enough to refuse one where a publishable key belongs (it is a leak already), and what the
 * emulator reads, which takes any test-mode key (tests use readable ones, `sk_test_browser_tests`).
 */
export const SECRET_KEY_PREFIX = /^(?:sk|rk)_(?:(test|live)_)?/;

/** A webhook signing secret, `whsec_…`. */
export const WEBHOOK_SECRET_PATTERN = /^whsec_\S+$/;

/** An onramp session's id, `cos_` and letters and digits (what the emulator makes, what Stripe answers). */
export const SESSION_ID_PATTERN = /^cos_[A-Za-z0-9]+$/;

/** Stripe's client-secret format, as `crypto-onramp-outer.js` checks it: `cos_…_secret_…`. */
export const CLIENT_SECRET_PATTERN = /^cos_[^_]+_secret_[^-]+$/;
