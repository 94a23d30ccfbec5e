/** The HTML of the `/embedded` iframe and the `/hosted` page: one stylesheet, the purchase app inline. */
import { purchaseAppScript } from './scripts.js';
import type { Theme } from './protocol.js';
import type { StandInLanguage } from './language.js';
import type { Word } from './words.js';

const STYLES = `
:root {
  color-scheme: light;
  --bg: #ffffff; --surface: #f6f8fa; --text: #1a1f36; --muted: #4f566b; --border: #d5dbe1;
  --accent: #635bff; --accent-text: #ffffff; --danger: #b3261e; --danger-bg: #fdecea; --focus: #635bff;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
:root[data-theme="dark"] {
  color-scheme: dark;
  --bg: #1a1f36; --surface: #242b48; --text: #f6f8fa; --muted: #c1c9d2; --border: #3c4257;
  --accent: #8f89ff; --accent-text: #0b0f1f; --danger: #ffb4ab; --danger-bg: #4a1c18; --focus: #b9b5ff;
}
* { box-sizing: border-box; }
html, body { margin: 0; background: var(--bg); color: var(--text); }
body { padding: 16px; }
main { max-width: 460px; margin: 0 auto; display: grid; gap: 12px; }
:root[data-mode="hosted"] body { padding: 48px 16px; }
:root[data-mode="hosted"] main { border: 1px solid var(--border); border-radius: 12px; padding: 24px; }
.brand { display: flex; justify-content: space-between; align-items: center; font-weight: 600; }
.badge { font-size: 12px; font-weight: 600; padding: 2px 8px; border-radius: 999px; background: #ffde92; color: #5c3c00; }
h1 { font-size: 22px; margin: 0; }
h1:focus { outline: none; }
.steps { display: flex; gap: 8px; list-style: none; margin: 0; padding: 0; font-size: 13px; color: var(--muted); }
.steps li { flex: 1; min-width: 0; border-top: 3px solid var(--border); padding-top: 4px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.steps li.done, .steps li.current { border-color: var(--accent); color: var(--text); }
.steps li.current { font-weight: 600; }
.stack { display: grid; gap: 12px; }
/* The currency column is as wide as its longest option ("USD · US Dollar"): never clipped. */
.row { display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 8px; }
/* What to buy and on which network side by side where both names fit, so the quote screen stays short. */
@media (min-width: 361px) {
  form.stack { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); column-gap: 8px; }
  form.stack > * { grid-column: 1 / -1; }
  form.stack > .field:has(> #destination-currency), form.stack > .field:has(> #destination-network) { grid-column: auto; }
}
.field { display: grid; gap: 4px; }
label { font-weight: 600; font-size: 14px; }
input, select { font: inherit; color: var(--text); background: var(--surface); border: 1px solid var(--border); border-radius: 6px; padding: 8px 10px; width: 100%; }
input[readonly] { opacity: 0.8; }
.hint { margin: 0; font-size: 13px; color: var(--muted); overflow-wrap: anywhere; }
button { font: inherit; font-weight: 600; border-radius: 6px; padding: 10px 16px; border: 1px solid var(--border); background: var(--surface); color: var(--text); cursor: pointer; }
button.primary { background: var(--accent); border-color: var(--accent); color: var(--accent-text); }
button:disabled { opacity: 0.6; cursor: progress; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.actions { display: flex; gap: 8px; justify-content: space-between; }
.summary { margin: 0; display: grid; gap: 4px; background: var(--surface); border-radius: 8px; padding: 12px; }
.summary div { display: flex; justify-content: space-between; gap: 12px; }
.summary dt { color: var(--muted); }
.summary dt { flex: none; }
.summary dd { margin: 0; min-width: 0; font-weight: 600; text-align: end; overflow-wrap: anywhere; }
/* Addresses and transaction ids are one long word: they wrap rather than widen the page. */
main > *, .stack > * { min-width: 0; }
.content p { overflow-wrap: anywhere; }
.notice { background: var(--danger-bg); color: var(--danger); border-radius: 6px; padding: 8px 12px; }
.notice[hidden] { display: none; }
.status { margin: 0; font-size: 13px; color: var(--muted); }
.progress { height: 6px; border-radius: 3px; background: linear-gradient(90deg, var(--accent) 30%, var(--border) 30%); background-size: 200% 100%; animation: slide 1.2s linear infinite; }
/*
 * Stripe's iframe takes any size from 320×480 to 500×750: in a short or narrow frame everything
 * tightens so that the totals and the Continue button stay in view without scrolling.
 */
@media (max-height: 640px), (max-width: 360px) {
  :root { font-size: 15px; line-height: 1.35; }
  body { padding: 12px; }
  main, .stack { gap: 8px; }
  h1 { font-size: 18px; }
  .brand { font-size: 14px; }
  .steps { font-size: 11.5px; gap: 6px; }
  label { font-size: 13px; }
  .field { gap: 2px; }
  input, select { padding: 6px 8px; }
  button { padding: 8px 14px; }
  .summary { gap: 2px; padding: 8px 10px; font-size: 14px; }
  .hint, .status { font-size: 12px; }
}
@keyframes slide { from { background-position: 100% 0; } to { background-position: -100% 0; } }
/* Right to left, the progress runs the other way too. */
:root[dir="rtl"] .progress { transform: scaleX(-1); }
@media (prefers-reduced-motion: reduce) { .progress { animation: none; } }
`;

/** `english` in `language`'s words. */
const say = (language: StandInLanguage, english: Word): string => language.words[english] ?? english;

function page(title: string, mode: 'embedded' | 'hosted', theme: Theme, language: StandInLanguage, script: string): string {
  return `<!doctype html>
<html lang="${language.locale}" dir="${language.dir}" data-theme="${theme}" data-mode="${mode}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${title}</title>
<style>${STYLES}</style>
</head>
<body>
<main id="app" aria-labelledby="title"><p>${say(language, 'Loading…')}</p></main>
<script>${script}</script>
</body>
</html>
`;
}

export function parseTheme(value: string | null): Theme {
  return value === 'dark' ? 'dark' : 'light';
}

/** The iframe `crypto-onramp-outer.js` mounts. Its URL carries no secret; the page posts it in. */
export function embeddedPage(theme: Theme, language: StandInLanguage): string {
  const { locale, words } = language;
  return page(say(language, 'Buy crypto'), 'embedded', theme, language, purchaseAppScript({ mode: 'embedded', sessionHash: null, theme, fatal: null, locale, words }));
}

/** The standalone page behind `redirect_url`; `fatal` shows instead of a purchase (a broken standalone link). */
export function hostedPage(sessionHash: string | null, theme: Theme, language: StandInLanguage, fatal: string | null = null): string {
  const { locale, words } = language;
  const title = `${say(language, 'Buy crypto')} · ${say(language, 'Test mode')}`;
  return page(title, 'hosted', theme, language, purchaseAppScript({ mode: 'hosted', sessionHash, theme, fatal, locale, words }));
}
