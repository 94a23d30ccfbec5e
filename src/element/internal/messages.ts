/**
 * Every sentence of the element's own errors, loaded on demand (`crypto-onramp-messages.js` beside
 * the drop-in): only a page that fails needs the words, so every other page does not download
 * them. An error names its sentence by key, with the sentence's parameters (`elementError`,
 * element-error.ts), and the session controller puts the sentence in before the error is shown
 * (`explain`). The failed-request diagnosis (session-failure.ts) and the opt-in modes' chunks keep
 * their own words.
 *
 * Stripe's words come in as what Stripe threw and are read, and redacted, only here: until this
 * chunk has run they are in no event, attribute or view, and if it cannot load they are never
 * shown. Imports only the shared redaction, which the entry does not carry (a module this chunk
 * shared with the entry could be split off into a third file that every page would load).
 */
import { redactSecrets } from '../../shared/redact-secrets.js';

/**
 * A sentence naming what the element was doing when Stripe's script threw `thrown`, then Stripe's
 * own words with secrets redacted. Stripe's words are its `IntegrationError`s and plain `Error`s;
 * a `TypeError` and the like are a JavaScript fault, whose text stays out.
 */
const stripe =
  (doing: string) =>
  (thrown: unknown): string =>
    thrown instanceof Error && (thrown.name === 'IntegrationError' || thrown.constructor === Error)
      ? `${doing}: ${redactSecrets(thrown.message)}`
      : `${doing}.`;

/**
 * In a page a test drives (`navigator.webdriver`: Playwright, WebDriver), Stripe's scripts failing
 * is nearly always a closed network with no route for them: say what fixes it. Customers never
 * browse with `navigator.webdriver` set, so they never read it.
 */
const inTest = (): string =>
  navigator.webdriver
    ? " In a browser test with no network, route Stripe's scripts to the emulator: routeStripeToEmulator, from crypto-onramp-element/emulator."
    : '';

const SENTENCES = {
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
  // Anything thrown that is not a `CryptoOnrampError` (a bug, a browser's TypeError on odd input):
  // its own text is for developers, not customers.
  unexpected: () => 'Something went wrong while showing the onramp. Try again.',
  readyTimeout: (ms: number) => `Stripe's onramp did not appear within ${ms / 1000} seconds.`,
  scriptTimeout: (ms: number) => `Stripe's scripts did not load within ${ms} ms.${inTest()}`,
  cspBlocked: (origin: string, directive: string) =>
    `The page's Content-Security-Policy blocked ${origin} (directive ${directive}): add ${origin} to ${directive}.`,
  scriptsUnloaded: () => `Stripe's scripts could not be loaded (network error, blocked request or ad blocker).${inTest()}`,
  stripeStart: stripe("Stripe's onramp could not start"),
  stripeCreate: stripe('Stripe refused to create the onramp session'),
  stripeMount: stripe('Stripe could not mount the onramp'),
  stripeTheme: stripe('Stripe could not change the theme'),
  stripePresets: stripe('Stripe refused the presets'),
} as const;

type Sentences = typeof SENTENCES;
export type SentenceKey = keyof Sentences;
/** The parameters sentence `K` takes (none for a plain string); for a union of keys, any one's. */
export type SentenceArgs<K extends SentenceKey> = K extends SentenceKey ? (Sentences[K] extends (...args: infer A) => string ? A : []) : never;
/** The sentences that take what was thrown: the ones `toOnrampError` may name. */
export type ThrownSentence = { [K in SentenceKey]: Sentences[K] extends (thrown: unknown) => string ? K : never }[SentenceKey];

/** Sentence `key` with its parameters, as `elementError` recorded them. */
export function sentence<K extends SentenceKey>(key: K, args: SentenceArgs<K>): string {
  const words: Sentences[SentenceKey] = SENTENCES[key];
  // `args` were checked against `key` where the error was made (`elementError`'s signature).
  return typeof words === 'string' ? words : (words as (...args: unknown[]) => string)(...args);
}
