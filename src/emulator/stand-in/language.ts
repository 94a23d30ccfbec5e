/**
 * Which language a stand-in page speaks. Stripe's UI picks its own language; the emulator's pages
 * take it from the emulator-only `?locale=` (the stand-in's outer script sets it on the frame's URL
 * from the mounting page's `lang`; the hosted and standalone pages accept it for a demo), else from
 * the browser's `Accept-Language`. A language with no translation shows the English words.
 */
import { bcp47Fallback } from '../../shared/bcp47-fallback.js';
import { TRANSLATIONS } from './translations.js';
import type { Translation } from './words.js';

export interface StandInLanguage {
  /** The tag the page's `lang` and `Intl` use (the one asked for, canonical), `en` when none fits. */
  locale: string;
  dir: 'ltr' | 'rtl';
  /** The translated words; empty for English. */
  words: Partial<Translation>;
}

const ENGLISH: StandInLanguage = { locale: 'en', dir: 'ltr', words: {} };

/** `Accept-Language`'s tags, most wanted first (`*` and `q=0` left out). */
function acceptedTags(header: string): string[] {
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim(), q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((entry) => entry.tag !== '' && entry.tag !== '*' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.tag);
}

/** The canonical form of `tag`, or `undefined` when it is not a BCP 47 tag. */
function canonical(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

/** `locale`'s language: English or a translation; `undefined` for another language. */
function languageOf(locale: string): StandInLanguage | undefined {
  const name = bcp47Fallback(locale, (candidate) => candidate === 'en' || Object.hasOwn(TRANSLATIONS, candidate));
  if (name === 'en') return { ...ENGLISH, locale };
  const translation = name === undefined ? undefined : TRANSLATIONS[name];
  return translation && { locale, dir: translation.dir ?? 'ltr', words: translation.words };
}

/**
 * The language asked for (`?locale=`: when it is a tag, it decides alone, another language being
 * English), else the first of `Accept-Language` that is English or translated, else English.
 */
export function standInLanguage(requested: string | null, acceptLanguage: string | null): StandInLanguage {
  const asked = requested ? canonical(requested) : undefined;
  if (asked) return languageOf(asked) ?? ENGLISH;
  for (const tag of acceptedTags(acceptLanguage ?? '')) {
    const locale = canonical(tag);
    const language = locale && languageOf(locale);
    if (language) return language;
  }
  return ENGLISH;
}
