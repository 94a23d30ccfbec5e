#!/usr/bin/env node
// Runs the browser suite in each engine, one after another: Chromium (with the stand-in of Stripe's
// current script, then of its older one, STAND_IN_SDK=legacy), Firefox ESR and WebKitGTK. Every
// engine runs even when an earlier one failed, so one run shows them all; the exit code is non-zero
// when any failed. `node scripts/test-browsers.js firefox webkit` runs only those.
import { spawnSync } from 'node:child_process';

const RUNS = {
  chromium: { BROWSER_ENGINE: 'chromium' },
  'chromium-legacy': { BROWSER_ENGINE: 'chromium', STAND_IN_SDK: 'legacy' },
  firefox: { BROWSER_ENGINE: 'firefox' },
  webkit: { BROWSER_ENGINE: 'webkit' },
};
const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(RUNS);
const summary = [];
const totals = { passed: 0, failed: 0, skipped: 0 };
let failed = false;
for (const name of wanted) {
  if (!RUNS[name]) throw new Error(`unknown run ${name}: one of ${Object.keys(RUNS).join(', ')}`);
  const started = Date.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'node_modules/@web/test-runner/dist/bin.js', '--config', 'web-test-runner.config.mjs'], {
    env: { ...process.env, ...RUNS[name] },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.stdout.write(result.stdout ?? '');
  // The runner's progress display writes cursor codes; the engine's line is read without them.
  const plain = (result.stdout ?? '').replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
  const line = plain.split('\n').reverse().find((l) => /^\w+: \d+ passed, \d+ failed/.test(l));
  const counts = line?.match(/(\d+) passed, (\d+) failed, (\d+) skipped/);
  if (counts) for (const [i, key] of ['passed', 'failed', 'skipped'].entries()) totals[key] += Number(counts[i + 1]);
  const label = name === 'chromium-legacy' ? 'chromium (legacy SDK stand-in)' : name;
  summary.push(`${label}: ${line ? line.replace(/^\w+: /, '') : 'no summary (the run did not finish)'} in ${Math.round((Date.now() - started) / 1000)} s`);
  if (result.status !== 0 || !line || !/ 0 failed/.test(line)) failed = true;
}
console.log(`\nBrowser suite, per engine:\n${summary.map((l) => `  ${l}`).join('\n')}`);
// All engines together, as one plain closing line.
console.log(`browsers: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failed ? 1 : 0);
