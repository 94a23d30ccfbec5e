/**
 * The shape of a catalog: every key of the English words (the entry's, the quotes element's and
 * the error sentences'), each a string with the same `{0}`, `{1}` placeholders as the English.
 */
import type { ONRAMP_WORDS } from './en-onramp.js';
import type { QUOTES_WORDS } from './en-quotes.js';
import type { SENTENCES } from './en-sentences.js';

export type CatalogKey = keyof typeof ONRAMP_WORDS | keyof typeof QUOTES_WORDS | keyof typeof SENTENCES;
/** A whole catalog: what a built-in language ships. */
export type Catalog = Record<CatalogKey, string>;
/** A site's rewording or added language (the elements' `messages` property): any key missing falls back. */
export type CryptoOnrampMessages = Partial<Catalog>;

