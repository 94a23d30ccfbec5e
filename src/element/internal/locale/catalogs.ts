/**
 * The built-in catalogs, each its own module (its own file beside the drop-in), imported only when
 * an element speaks that language. This module is itself loaded on demand (the drop-in's
 * `crypto-onramp-catalogs.js`), only for a language other than English: an English page fetches
 * neither it nor any catalog. In the drop-in it imports the catalogs through its own retrying
 * import (scripts/fresh-chunk-imports.ts), so a catalog that failed is fetched again next time.
 */
import type { Catalog } from './catalog.js';
import { bcp47Fallback } from '../../../shared/bcp47-fallback.js';

const CATALOGS: Record<string, () => Promise<{ default: Catalog }>> = {
  ar: () => import('./catalogs/ar.js'),
  de: () => import('./catalogs/de.js'),
  es: () => import('./catalogs/es.js'),
  fr: () => import('./catalogs/fr.js'),
  it: () => import('./catalogs/it.js'),
  ja: () => import('./catalogs/ja.js'),
  ko: () => import('./catalogs/ko.js'),
  nl: () => import('./catalogs/nl.js'),
  pl: () => import('./catalogs/pl.js'),
  pt: () => import('./catalogs/pt.js'),
  'pt-BR': () => import('./catalogs/pt-BR.js'),
  'zh-Hans': () => import('./catalogs/zh-Hans.js'),
};

/**
 * The built-in catalog `locale` falls back to by BCP 47, dropping subtags from the end (`pt-BR` →
 * `pt-BR`; `pt-PT` → `pt`; `zh-Hant-TW` → `zh-Hant`, none: English), then by its likely script
 * (`zh-CN` → `zh-Hans`); `undefined` for English or a language with no catalog.
 */
export const catalogName = (locale: string): string | undefined => bcp47Fallback(locale, (name) => Object.hasOwn(CATALOGS, name));

/** Each catalog's load, once per page; a failed one is forgotten, so the next change asks again. */
const loads: Record<string, Promise<Catalog | void>> = {};

/** The catalog for `locale`, or `undefined` (no catalog for it, or one that failed to load). */
export function loadCatalog(locale: string): Promise<Catalog | void> | undefined {
  const name = catalogName(locale);
  return name ? (loads[name] ??= CATALOGS[name]!().then((module) => module.default, () => void delete loads[name])) : undefined;
}
