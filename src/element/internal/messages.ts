/**
 * Every sentence of the element's own errors, loaded on demand (`crypto-onramp-messages.js` beside
 * the drop-in): only a page that fails needs the words, so every other page does not download
 * them. An error names its sentence by key, with the sentence's parameters (`elementError`,
 * element-error.ts), and the session controller puts the sentence in before the error is shown
 * (`explain`), in the element's language: the English sentences are en-sentences.ts, the other
 * languages' in their catalogs (locale/catalogs/), which the element has loaded by then. The lazy
 * chunks that find errors (the failed request's diagnosis, the redirect and standalone modes, the
 * script injector) name their sentences by key too: only this chunk carries words.
 *
 * Stripe's words come in as what Stripe threw and are read, and redacted, only here: until this
 * chunk has run they are in no event, attribute or view, and if it cannot load they are never
 * shown. Imports the shared redaction, which the entry does not carry, and the quotes element's `fill`.
 */
import { redactSecrets } from '../../shared/redact-secrets.js';
import type { CryptoOnrampErrorDetail } from '../errors.js';
import type { Explained } from './element-error.js';
import type { CatalogKey } from './locale/catalog.js';
import { fill } from './locale/fill.js';
import type { Words } from './locale/locale-controller.js';
import { SENTENCES } from './locale/en-sentences.js';


/**
 * The parameters each sentence takes, as the error was made with them. The ones that take what
 * was thrown decide here whether any of its words are shown (`stripeWords`).
 */
interface SentenceParams {
  unexpected: [thrown?: unknown];
  readyTimeout: [ms: number];
  scriptTimeout: [ms: number];
  cspBlocked: [origin: string, directive: string];
  scriptsUnloaded: [thrown?: unknown];
  stripeStart: [thrown: unknown];
  stripeCreate: [thrown: unknown];
  stripeMount: [thrown: unknown];
  stripeTheme: [thrown: unknown];
  stripePresets: [thrown: unknown];
  requestTimeout: [ms: number];
  /** The endpoint's own words (redacted by session-failure.ts) replace the sentence; `retryAfter` follows either. */
  httpStatus: [status: string, theirs: string | undefined, retryAfter: number | undefined];
  notStandalone: [param: string];
}

export type SentenceKey = Exclude<keyof typeof SENTENCES, 'inTest' | 'retryAfter'>;
/** The parameters sentence `K` takes (none for most); for a union of keys, any one's. */
export type SentenceArgs<K extends SentenceKey> = K extends keyof SentenceParams ? SentenceParams[K] : [];
/** The sentences that take what was thrown: the ones `toOnrampError` may name. */
export type ThrownSentence = 'unexpected' | 'scriptsUnloaded' | `stripe${'Start' | 'Create' | 'Mount' | 'Theme' | 'Presets'}`;

/**
 * Stripe's own words in what it threw, secrets redacted, when it is one of Stripe's
 * `IntegrationError`s or plain `Error`s; a `TypeError` and the like are a JavaScript fault, whose
 * text stays out.
 */
const stripeWords = (thrown: unknown): string | undefined =>
  thrown instanceof Error && (thrown.name === 'IntegrationError' || thrown.constructor === Error) ? redactSecrets(thrown.message) : undefined;

/**
 * Sentence `key` with its parameters, as `elementError` recorded them, in `words`' language: the
 * site's `messages`, then the built-in catalog (the element's own load of it, once per page), then
 * English, which is also what a catalog that cannot load leaves.
 */
export async function sentence<K extends SentenceKey>(key: K, args: SentenceArgs<K>, words: Words = { locale: 'en' }): Promise<string> {
  const { locale, messages } = words;
  const catalog = /^en\b/.test(locale) ? undefined : await import('./locale/catalogs.js').then((catalogs) => catalogs.loadCatalog(locale), () => undefined);
  const text = (name: CatalogKey, ...params: unknown[]) => fill(messages?.[name] ?? catalog?.[name] ?? SENTENCES[name as keyof typeof SENTENCES], params, locale);
  // In a page a test drives (`navigator.webdriver`: Playwright, WebDriver), Stripe's scripts
  // failing is nearly always a closed network with no route for them: say what fixes it.
  // Customers never browse with `navigator.webdriver` set, so they never read it.
  const inTest = navigator.webdriver ? text('inTest') : '';
  const [first, second, third] = args as unknown[];
  if (key.startsWith('stripe')) {
    const theirs = stripeWords(first);
    return theirs === undefined ? `${text(key)}.` : `${text(key)}: ${theirs}`;
  }
  if (key === 'readyTimeout') return text(key, (first as number) / 1000);
  if (key === 'scriptTimeout') return text(key, first, inTest);
  if (key === 'scriptsUnloaded') return text(key, inTest);
  if (key === 'httpStatus') return (second || text(key, first)) + (third === undefined ? '' : text('retryAfter', third));
  return text(key, first, second);
}

/** `error`'s detail with its sentence (`elementError` named it) in `words`' language: a new object. */
export const explained = async (error: Explained, words: Words): Promise<CryptoOnrampErrorDetail> => ({
  ...error.detail,
  message: await sentence(error.sentence!, error.args as SentenceArgs<SentenceKey>, words),
});
