/**
 * Every sentence of `<crypto-onramp>`'s own errors in English, keyed; only the lazy messages chunk
 * (messages.ts) imports them, so a page that never fails never downloads them. The entry and the
 * lazy chunks that find an error (session-failure, redirect, standalone, script-injector) name its
 * sentence by key (`elementError`), so none of them carries the words. `{0}`, `{1}` are the
 * parameters messages.ts fills in (numbers written by Intl in the element's locale).
 */
export const SENTENCES = {
  returnUrl: 'return-url is not http(s).',
  clientSecret: 'The clientSecret property is not an onramp session client secret (cos_…_secret_…).',
  noSessionUrl: 'Set session-url (your minting endpoint) or clientSecret.',
  sessionUrl: 'session-url is not a valid URL.',
  fetchOptions: 'fetchOptions must be a RequestInit object.',
  sessionParams: 'sessionParams must be an object of create parameters.',
  walletNetwork: 'wallet-address needs destination-network (or one destination-networks value).',
  noKey: 'No publishable key: set publishable-key, or answer publishable_key from the session endpoint.',
  secretKey:
    'A secret or restricted key is not a publishable key. It was not used: remove it from the page and roll it in the Stripe Dashboard.',
  badKey: 'The publishable key is not pk_test_… or pk_live_….',
  framed: "Stripe's onramp cannot run inside a framed page (an iframe). Open this page on its own.",
  sessionError: 'The onramp session ended in an error. Try again to start a new one.',
  framedHosted: "Stripe's onramp cannot run inside a framed page (an iframe). It can open in a new window instead.",
  unexpected: 'Something went wrong while showing the onramp. Try again.',
  /** {0}: seconds. */
  readyTimeout: "Stripe's onramp did not appear within {0} seconds.",
  /** {0}: milliseconds; {1}: `inTest` in a driven browser, else nothing. */
  scriptTimeout: "Stripe's scripts did not load within {0} ms.{1}",
  /** {0}: the blocked origin; {1}: the CSP directive. */
  cspBlocked: "The page's Content-Security-Policy blocked {0} (directive {1}): add {0} to {1}.",
  /** {0}: `inTest` in a driven browser, else nothing. */
  scriptsUnloaded: "Stripe's scripts could not be loaded (network error, blocked request or ad blocker).{0}",
  /** Followed by ": " and Stripe's own words when it gave any, else by ".". */
  stripeStart: "Stripe's onramp could not start",
  stripeCreate: 'Stripe refused to create the onramp session',
  stripeMount: 'Stripe could not mount the onramp',
  stripeTheme: 'Stripe could not change the theme',
  stripePresets: 'Stripe refused the presets',
  /** {0}: milliseconds. */
  requestTimeout: 'The session endpoint did not answer within {0} ms.',
  requestUnsent: 'The session request could not be sent (network error, blocked request, or fetchOptions the browser refused).',
  /** The entry's own, when the failed request's diagnosis (session-failure.ts) could not load either. */
  requestFailed: 'The session request failed. Try again.',
  /** {0}: the HTTP status; when the endpoint's error body has a message of its own, that is shown instead. */
  httpStatus: 'The session endpoint answered HTTP {0}.',
  /** {0}: seconds; after the endpoint's words or `httpStatus` when it sent `Retry-After`; starts with a space. */
  retryAfter: ' Try again in {0} seconds.',
  noClientSecret: 'The session endpoint answered no client_secret of the form cos_…_secret_….',
  notJson: 'The session endpoint did not answer a JSON object.',
  noRedirectUrl: "The session endpoint answered no usable redirect_url: enable the server kit's policy.hostedFallback.",
  popupBlocked: 'The browser blocked the new tab: open the onramp with the link below.',
  bothAmounts: 'Set source_amount or source_total_amount, not both.',
  dollarsOnly: 'The standalone onramp takes amounts in US dollars only: remove source-currency or set it to usd.',
  /** {0}: the create parameter (`wallet_addresses`, …). */
  notStandalone: 'The standalone onramp cannot preset {0}: use mode="embedded" or mode="redirect".',
  trustedTypes: 'Trusted Types refused the crypto-onramp policy: add it to the trusted-types directive.',
  /** Added to a script failure in a browser a test drives (`navigator.webdriver`); starts with a space. */
  inTest:
    " In a browser test with no network, route Stripe's scripts to the emulator: routeStripeToEmulator, from crypto-onramp-element/emulator.",
};
