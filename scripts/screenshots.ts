/**
 * `node --import tsx scripts/screenshots.ts`: starts the demo against the emulator, renders each
 * page in headless Chromium in light and dark, and writes `docs/screenshots/<page>-<theme>.png`
 * (800 px wide). Each page is captured once it shows what it is for: its element ready, or its
 * demonstrated error, as the smoke test waits for it. The quick-start page is also captured in
 * French and Arabic (`quick-start-fr-light.png`, `quick-start-ar-light.png`, its language picker's
 * `?lang=`). Names given on the command line (`npm run screenshots -- quick-start-fr`) capture only
 * the files whose names start with one of them.
 */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright';
import { launchChromium, newDemoContext, PAGE_CHECKS, watchConsole } from './demo-browser-checks.js';
import { startDemo } from '../demo/serve.js';

const OUT_DIR = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
/** The languages the quick-start page is also captured in (light only). */
const LANGUAGES = ['fr', 'ar'];
/** Only files whose names start with one of these, when any are given. */
const only = process.argv.slice(2);
const wanted = (file: string) => only.length === 0 || only.some((prefix) => file.startsWith(prefix));

/** Long pages are cut here: the top of each page is what a README needs. */
const MAX_HEIGHT = 1800;

const env = { ...process.env };
delete env['STRIPE_SECRET_KEY'];
delete env['STRIPE_PUBLISHABLE_KEY'];

await mkdir(OUT_DIR, { recursive: true });
const demo = await startDemo({ port: 0, logLevel: 'error', env, watch: false });
const browser = await launchChromium();
const problems: string[] = [];
/** Waits for the last layout and the iframes' first paint, then captures the top of the page. */
async function capture(page: Page, file: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))));
  const height = Math.min(MAX_HEIGHT, await page.evaluate(() => document.documentElement.scrollHeight));
  await page.setViewportSize({ width: 800, height });
  await page.screenshot({ path: OUT_DIR + file, clip: { x: 0, y: 0, width: 800, height } });
  console.log(`wrote docs/screenshots/${file}`);
}

try {
  for (const colorScheme of ['light', 'dark'] as const) {
    const runs = PAGE_CHECKS.flatMap((check) => [
      { check, lang: undefined as string | undefined },
      ...(check.page.name === 'quick-start' && colorScheme === 'light' ? LANGUAGES.map((lang) => ({ check, lang })) : []),
    ]);
    for (const { check, lang } of runs) {
      const file = `${check.page.name}${lang ? `-${lang}` : ''}-${colorScheme}.png`;
      if (!wanted(file)) continue;
      const context = await newDemoContext(browser, { colorScheme });
      const consoleErrors = watchConsole(context, check);
      const page = await context.newPage();
      try {
        await page.goto(demo.url + check.page.path + (lang ? `?lang=${lang}` : ''));
        await check.settle(page);
        // The page's words in that language: the button's catalog has arrived.
        if (lang) await page.waitForFunction((tag) => document.getElementById('locale')?.textContent === tag, lang);
        const opened = check.screenshotAfterExercise ? await check.exercise?.(page) : undefined;
        await capture(page, file);
        // Windows the page opened (the hosted onramp) follow their own theme: once is enough.
        for (const [index, popup] of (colorScheme === 'light' ? opened ?? [] : []).entries()) {
          await capture(popup, `${check.page.name}-window${index === 0 ? '' : index + 1}-${colorScheme}.png`);
        }
      } catch (error) {
        problems.push(`${file}: ${(error as Error).message.split('\n')[0]}`);
      } finally {
        await context.close();
      }
      problems.push(...consoleErrors.unexpected.map((line) => `${file}: console: ${line}`));
    }
  }
} finally {
  await browser.close();
  await demo.close();
}
if (problems.length > 0) {
  console.error(`\n${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exitCode = 1;
}
