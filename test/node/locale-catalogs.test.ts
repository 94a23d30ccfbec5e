/**
 * Every built-in catalog says what the English says, no more, no less: exactly the English keys,
 * each with the same placeholders, and with the names a translation must not touch (Stripe's
 * product names, attributes, properties, key and secret formats, code) kept as written.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ONRAMP_WORDS } from '../../src/element/internal/locale/en-onramp.js';
import { QUOTES_WORDS } from '../../src/element/internal/locale/en-quotes.js';
import { SENTENCES } from '../../src/element/internal/locale/en-sentences.js';
import { catalogName } from '../../src/element/internal/locale/catalogs.js';

const ENGLISH: Record<string, string> = { ...ONRAMP_WORDS, ...QUOTES_WORDS, ...SENTENCES };
const DIR = new URL('../../src/element/internal/locale/catalogs/', import.meta.url);
const NAMES = readdirSync(DIR).filter((file) => file.endsWith('.ts')).map((file) => file.slice(0, -3)).sort();

/** The placeholders of a text, sorted (`{0}` may appear twice, as in the CSP sentence). */
const placeholders = (text: string): string[] => (text.match(/\{\d\}/g) ?? []).sort();

/**
 * What must survive translation: Stripe's names, attribute and property names (kebab-case,
 * camelCase, snake_case), key and secret formats, element tags, `RequestInit`, HTTP, JSON, Trusted
 * Types, and the attribute values a sentence tells the page to write (`mode="embedded"`, `usd`).
 */
const KEPT = /Stripe(?: Dashboard)?|Content-Security-Policy|RequestInit|HTTP|JSON|Trusted Types|mode="[a-z]+"|\busd\b|iframe|<crypto-onramp[^>]*>|[a-z]+(?:-[a-z]+)+|[a-z]+[A-Z]\w*|[a-z]+_[a-z_…]+|pk_\w+…/g;
const kept = (text: string): string[] => [...new Set(text.match(KEPT) ?? [])].sort();

describe('the built-in catalogs', () => {
  it('are the languages the README lists', () => {
    assert.deepEqual(NAMES, ['ar', 'de', 'es', 'fr', 'it', 'ja', 'ko', 'nl', 'pl', 'pt', 'pt-BR', 'zh-Hans']);
  });

  for (const name of NAMES) {
    it(`${name}: exactly the English keys, placeholders and kept names`, async () => {
      const catalog = ((await import(new URL(`${name}.ts`, DIR).href)) as { default: Record<string, string> }).default;
      assert.deepEqual(Object.keys(catalog).sort(), Object.keys(ENGLISH).sort(), 'the keys');
      for (const [key, english] of Object.entries(ENGLISH)) {
        const text = catalog[key]!;
        assert.equal(typeof text, 'string', key);
        assert.deepEqual(placeholders(text), placeholders(english), `${key}: the placeholders`);
        if (key === 'dir') {
          assert.ok(text === '' || text === 'rtl', `dir is '' or 'rtl', not ${JSON.stringify(text)}`);
          continue;
        }
        assert.notEqual(text.trim(), '', `${key}: translated`);
        for (const name of kept(english)) assert.ok(text.includes(name), `${key}: keeps "${name}" (${JSON.stringify(text)})`);
        // A leading space joins a sentence to the one before it.
        assert.equal(text.startsWith(' '), english.startsWith(' '), `${key}: the leading space`);
      }
    });
  }

  it('Arabic is the one written right to left', async () => {
    for (const name of NAMES) {
      const { default: catalog } = (await import(new URL(`${name}.ts`, DIR).href)) as { default: Record<string, string> };
      assert.equal(catalog['dir'], name === 'ar' ? 'rtl' : '', name);
    }
  });
});

describe('BCP 47 fallback to a built-in catalog', () => {
  const cases: Array<[string, string | undefined]> = [
    ['pt-BR', 'pt-BR'],
    ['pt-PT', 'pt'],
    ['pt', 'pt'],
    ['zh-Hant-TW', undefined],
    ['zh-TW', undefined],
    ['zh-CN', 'zh-Hans'],
    ['zh', 'zh-Hans'],
    ['zh-Hans-SG', 'zh-Hans'],
    ['de-CH-1996', 'de'],
    ['ar-EG', 'ar'],
    ['en', undefined],
    ['en-GB', undefined],
    ['sv', undefined],
  ];
  for (const [locale, expected] of cases) {
    it(`${locale} → ${expected ?? 'English'}`, () => assert.equal(catalogName(locale), expected));
  }
});
