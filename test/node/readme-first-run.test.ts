/**
 * The README's "First run" is what `npm run test:framework-apps first-run` runs: its server and
 * page are the files of test/framework-apps/first-run, character for character, and its install
 * line pins the versions that app installs (and this package's own version).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const readme = read('README.md');
const firstRun = readme.slice(readme.indexOf('## First run'), readme.indexOf('\n## ', readme.indexOf('## First run') + 1));

/** The code block that follows `marker` in the First run section. */
function blockAfter(marker: string): string {
  const start = firstRun.indexOf(marker);
  assert.ok(start >= 0, `the First run section has "${marker}"`);
  const match = /```\w*\n([\s\S]*?)```/.exec(firstRun.slice(start));
  assert.ok(match, `a code block follows "${marker}"`);
  return match[1]!;
}

test("the First run's server.js and page are the tested app's files", () => {
  assert.equal(blockAfter('**2. Mount the kit**'), read('test/framework-apps/first-run/server.js'));
  assert.equal(blockAfter('**3. Add the tag**'), read('test/framework-apps/first-run/public/index.html'));
});

test("the First run installs the versions the tested app pins, and this package's", () => {
  const install = blockAfter('**1. Install**');
  const app = JSON.parse(read('test/framework-apps/first-run/package.json')) as { dependencies: Record<string, string> };
  const own = JSON.parse(read('package.json')) as { name: string; version: string };
  const wanted = { ...app.dependencies, [own.name]: own.version };
  const installed = Object.fromEntries([...install.matchAll(/(@?[\w./-]+)@(\d[\w.-]*)/g)].map((m) => [m[1]!, m[2]!]));
  assert.deepEqual(installed, wanted);
});

test('the First run runs the emulator on the port its page loads the stand-ins from', () => {
  const run = blockAfter('**4. Run**');
  assert.match(run, /npx crypto-onramp-emulator --port 4242/);
  assert.match(run, /CRYPTO_ONRAMP_EMULATOR_URL=http:\/\/127\.0\.0\.1:4242 node server\.js/);
  assert.match(read('test/framework-apps/first-run/public/index.html'), /http:\/\/127\.0\.0\.1:4242\/js\/stripe\.js/);
});
