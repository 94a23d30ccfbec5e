/**
 * package.json points where the published package has files: tools (IDEs, Storybook, linters)
 * read `customElements`, bundlers read `exports`. A path outside the package, or to nothing, fails here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  customElements: string;
  exports: Record<string, string | Record<string, string>>;
  bin: Record<string, string>;
  files: string[];
};

/** A path inside the package, shipped by `files`. */
function assertShipped(path: string, what: string): void {
  assert.match(path, /^\.\//, `${what} must be a relative path inside the package, got ${path}`);
  const top = path.slice(2).split('/')[0]!;
  // npm always packs package.json, whatever "files" says.
  assert.ok(top === 'package.json' || pkg.files.includes(top), `${what} (${path}) is not in package.json "files"`);
}

test('customElements names the committed manifest', () => {
  assertShipped(pkg.customElements, 'customElements');
  assert.ok(existsSync(pkg.customElements), `${pkg.customElements} does not exist`);
  const manifest = JSON.parse(readFileSync(pkg.customElements, 'utf8')) as { modules: Array<{ declarations?: Array<{ tagName?: string }> }> };
  assert.ok(manifest.modules.some((module) => module.declarations?.some((declaration) => declaration.tagName === 'crypto-onramp')));
});

test('every export and bin is a shipped path, and the built ones exist', () => {
  for (const [entry, target] of Object.entries(pkg.exports)) {
    for (const path of typeof target === 'string' ? [target] : Object.values(target)) {
      assertShipped(path, `exports["${entry}"]`);
      // dist/ is tsc's output (`prepare`); the drop-in is written by `npm run build:cdn`.
      if (!path.startsWith('./dist/cdn/')) assert.ok(existsSync(path), `exports["${entry}"] → ${path} does not exist`);
    }
  }
  for (const [name, path] of Object.entries(pkg.bin)) {
    assertShipped(path.startsWith('./') ? path : `./${path}`, `bin.${name}`);
    assert.ok(existsSync(path), `bin.${name} → ${path} does not exist`);
  }
});

test('the version the element registers with Stripe is package.json\'s', async () => {
  const { VERSION } = await import('../../src/element/internal/version.js');
  const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  assert.equal(VERSION, version);
});
