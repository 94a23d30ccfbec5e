/**
 * The stand-in's pages speak the browser's language: the hosted page behind `redirect_url` (and a
 * standalone link) follows `Accept-Language`, the emulator-only `?locale=` decides when given, a
 * language with no translation is English, Arabic lays out right to left. And every translation
 * keeps the English words' parameters.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type Stripe from 'stripe';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { TRANSLATIONS } from '../../src/emulator/stand-in/translations.js';
import { WORDS } from '../../src/emulator/stand-in/words.js';
import { createSession, startTestEmulator } from './emulator-helpers.js';

/** The page's `<html lang dir>` and `<title>`. */
async function pageLanguage(url: string, acceptLanguage?: string): Promise<{ lang: string; dir: string; title: string }> {
  const response = await fetch(url, acceptLanguage === undefined ? {} : { headers: { 'Accept-Language': acceptLanguage } });
  assert.equal(response.status, 200);
  const html = await response.text();
  const root = /<html lang="([^"]*)" dir="([^"]*)"/.exec(html);
  const title = /<title>([^<]*)<\/title>/.exec(html);
  assert.ok(root && title, 'the page names its language and has a title');
  return { lang: root[1]!, dir: root[2]!, title: title[1]! };
}

describe("the stand-in's language", () => {
  let emulator: RunningEmulator;
  let stripe: Stripe;
  let hosted: string;
  before(async () => {
    ({ emulator, stripe } = await startTestEmulator());
    hosted = (await createSession(stripe)).redirect_url as string;
  });
  after(() => emulator.close());

  test('the hosted page follows Accept-Language, by preference and BCP 47 fallback', async () => {
    assert.deepEqual(await pageLanguage(hosted, 'fr-CA,fr;q=0.9,en;q=0.8'), { lang: 'fr-CA', dir: 'ltr', title: 'Acheter des cryptos · Mode test' });
    assert.deepEqual(await pageLanguage(hosted, 'de;q=0.5, ja'), { lang: 'ja', dir: 'ltr', title: '暗号資産を購入 · テストモード' });
    // Swedish has no translation: the next language the browser takes.
    assert.deepEqual(await pageLanguage(hosted, 'sv, ar;q=0.7'), { lang: 'ar', dir: 'rtl', title: 'شراء عملات مشفرة · وضع الاختبار' });
    assert.deepEqual(await pageLanguage(hosted, 'sv'), { lang: 'en', dir: 'ltr', title: 'Buy crypto · Test mode' });
    assert.deepEqual(await pageLanguage(hosted), { lang: 'en', dir: 'ltr', title: 'Buy crypto · Test mode' });
  });

  test('?locale= (the emulator’s own) decides over Accept-Language; a standalone link keeps it', async () => {
    assert.equal((await pageLanguage(`${hosted}&locale=de`, 'fr')).title, 'Krypto kaufen · Testmodus');
    // A tag with no translation is English, whatever the browser's language.
    assert.equal((await pageLanguage(`${hosted}&locale=sv`, 'fr')).lang, 'en');
    // Not a tag: the browser's language.
    assert.equal((await pageLanguage(`${hosted}&locale=%21%21`, 'fr')).lang, 'fr');
    const standalone = await fetch(`${emulator.url}/hosted?destination_currency=eth&destination_network=ethereum&locale=ar`, { redirect: 'manual' });
    assert.equal(standalone.status, 303);
    const location = new URL(standalone.headers.get('location')!, emulator.url);
    assert.equal(location.searchParams.get('locale'), 'ar');
    assert.equal((await pageLanguage(location.href)).dir, 'rtl');
  });

  test('the embedded frame takes ?locale= (the outer script sets it from the mounting page)', async () => {
    assert.deepEqual(await pageLanguage(`${emulator.url}/embedded?locale=ar`, 'fr'), { lang: 'ar', dir: 'rtl', title: 'شراء عملات مشفرة' });
  });

  test('every translation has every word, with the English parameters', () => {
    const parameters = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort().join(' ');
    for (const [language, { words }] of Object.entries(TRANSLATIONS)) {
      assert.deepEqual(Object.keys(words).sort(), [...WORDS].sort(), language);
      for (const english of WORDS) assert.equal(parameters(words[english]), parameters(english), `${language}: ${english}`);
    }
  });
});
