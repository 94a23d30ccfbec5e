/**
 * The package as a stranger gets it. package.json points where the published package has files
 * (tools read `customElements`, bundlers read `exports`), and `npm pack` (what `npm publish`
 * uploads) holds every one of them, built, and nothing of the repository's own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  main: string;
  types: string;
  customElements: string;
  exports: Record<string, string | Record<string, string>>;
  bin: Record<string, string>;
  files: string[];
  scripts: Record<string, string>;
  engines: Record<string, string>;
  repository: { url: string };
  homepage: string;
  bugs: { url: string };
  keywords: string[];
};

/** Every path package.json promises a consumer: exports targets, bin, main, types, the manifest. */
function promisedPaths(): Map<string, string> {
  const paths = new Map<string, string>();
  for (const [entry, target] of Object.entries(pkg.exports)) {
    for (const [condition, path] of typeof target === 'string' ? [['default', target]] : Object.entries(target)) {
      paths.set(path, `exports["${entry}"].${condition}`);
    }
  }
  for (const [name, path] of Object.entries(pkg.bin)) paths.set(path.startsWith('./') ? path : `./${path}`, `bin.${name}`);
  paths.set(pkg.main, 'main');
  paths.set(pkg.types, 'types');
  paths.set(pkg.customElements, 'customElements');
  return paths;
}

test('customElements names the committed manifest', () => {
  assert.ok(existsSync(pkg.customElements), `${pkg.customElements} does not exist`);
  const manifest = JSON.parse(readFileSync(pkg.customElements, 'utf8')) as { modules: Array<{ declarations?: Array<{ tagName?: string }> }> };
  for (const tag of ['crypto-onramp', 'crypto-onramp-quotes']) {
    assert.ok(manifest.modules.some((module) => module.declarations?.some((declaration) => declaration.tagName === tag)), `${tag} is in the manifest`);
  }
});

test('every export has types, and each module export its own .d.ts beside its .js', () => {
  for (const [entry, target] of Object.entries(pkg.exports)) {
    if (typeof target === 'string') {
      assert.match(target, /\.json$/, `exports["${entry}"] is a module without types`);
      continue;
    }
    assert.deepEqual(Object.keys(target), ['types', 'default'], `exports["${entry}"]: "types" first, then "default"`);
    assert.equal(target['types'], target['default']!.replace(/\.js$/, '.d.ts'), `exports["${entry}"]`);
  }
});

test('packing builds everything; installing runs nothing', () => {
  assert.match(pkg.scripts['prepack'] ?? '', /^npm run build$/);
  assert.match(pkg.scripts['build'] ?? '', /build:lib/);
  assert.match(pkg.scripts['build'] ?? '', /build:cdn/);
  for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) {
    assert.equal(pkg.scripts[hook], undefined, `a "${hook}" script runs on every consumer's install`);
  }
});

test('the registry page links to the repository', () => {
  const repo = 'https://github.com/crypto-onramp-element/crypto-onramp-element';
  assert.equal(pkg.repository.url, `git+${repo}.git`);
  assert.ok(pkg.homepage.startsWith(repo));
  assert.equal(pkg.bugs.url, `${repo}/issues`);
  assert.ok(pkg.keywords.includes('web-component') && pkg.keywords.includes('stripe'));
  // The registry shows the README away from the repository: no relative links or images.
  const readme = readFileSync('README.md', 'utf8');
  const relative = [...readme.matchAll(/\]\((?!https?:|#|mailto:)([^)]+)\)|<img[^>]+src="(?!https?:)([^"]+)"/g)].map((match) => match[1] ?? match[2]);
  assert.deepEqual(relative, [], 'relative links in README.md');
});

test('npm pack holds every promised path and nothing of the repository’s own', { timeout: 60_000 }, async () => {
  // --ignore-scripts: `npm test` has built already (prepack would build again, to the same files).
  const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '--loglevel=error']);
  const [packed] = JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>;
  const files = new Set(packed!.files.map((file) => file.path));
  for (const [path, what] of promisedPaths()) {
    assert.ok(files.has(path.replace(/^\.\//, '')), `${what} → ${path} is not in the tarball (run npm run build?)`);
  }
  for (const file of ['package.json', 'README.md', 'LICENSE']) assert.ok(files.has(file), file);
  const strays = [...files].filter((file) => /^(test|bench|docs|demo|scripts|node_modules|\.ci)\//.test(file) || /(^|\/)\.|\.test\.[jt]s$/.test(file));
  assert.deepEqual(strays, [], 'files that are not the package');
  // Every compiled module ships its types (a .js without its .d.ts breaks a TypeScript consumer).
  // The drop-ins' lazy chunks (dist/cdn/ files no export names) are loaded by the drop-in, never imported.
  const promised = new Set([...promisedPaths().keys()].map((path) => path.replace(/^\.\//, '')));
  const lazyChunk = (file: string) => file.startsWith('dist/cdn/') && !promised.has(file);
  const untyped = [...files].filter((file) => /^dist\/.*\.js$/.test(file) && !lazyChunk(file) && !files.has(file.replace(/\.js$/, '.d.ts')));
  assert.deepEqual(untyped, []);
});

test('nothing in the package imports the dev-server code (src/vite/): only dev servers (and the demo) do', async () => {
  const { readdir } = await import('node:fs/promises');
  const files = (await readdir('src', { recursive: true })).filter((file) => file.endsWith('.ts') && !file.startsWith('vite/'));
  const importers = files.filter((file) => /(?:from |import |import\()'(?:\.\.?\/)+vite\//.test(readFileSync(`src/${file}`, 'utf8')));
  assert.ok(files.length > 50, 'the sources were read');
  assert.deepEqual(importers, []);
});

test('the version the element registers with Stripe is package.json\'s', async () => {
  const { VERSION } = await import('../../src/element/internal/version.js');
  const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  assert.equal(VERSION, version);
});
