/**
 * Every sentence of `<crypto-onramp>`'s own errors in English, keyed; only the lazy messages chunk
 * (messages.ts) imports them, so a page that never fails never downloads them. `{0}`, `{1}` are the
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
  /** Added to a script failure in a browser a test drives (`navigator.webdriver`); starts with a space. */
  inTest:
    " In a browser test with no network, route Stripe's scripts to the emulator: routeStripeToEmulator, from crypto-onramp-element/emulator.",
};
