/**
 * The README's styling tables (slots, parts, custom properties with their defaults) say what the
 * manifest says, and the manifest's defaults are what the styles declare on `:host`: none of the
 * three can drift from the others.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

interface Named {
  name: string;
  default?: string;
}
interface Manifest {
  modules: Array<{ declarations?: Array<{ tagName?: string; slots?: Named[]; cssParts?: Named[]; cssProperties?: Named[] }> }>;
}

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8')) as Manifest;
const element = manifest.modules.flatMap((module) => module.declarations ?? []).find((d) => d.tagName === 'crypto-onramp')!;
const readme = readFileSync('README.md', 'utf8');
const section = readme.slice(readme.indexOf('## Slots, parts and custom properties'));
const styling = section.slice(0, section.indexOf('\n## ', 1));

/** The rows of the README table whose first header cell is `header`: first cell → second cell. */
function table(header: string): Map<string, string> {
  const lines = styling.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`| ${header} |`));
  assert.ok(start >= 0, `README has no "${header}" table under "Slots, parts and custom properties"`);
  const rows = new Map<string, string>();
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const [name = '', second = ''] = line.split(' | ').map((cell) => cell.replace(/^\|\s*/, '').trim());
    rows.set(name.replace(/^`|`$/g, ''), second.replace(/^`|`$/g, ''));
  }
  return rows;
}

const names = (list: Named[] | undefined) => (list ?? []).map((item) => item.name).sort();

test('the README lists exactly the manifest\'s slots and parts', () => {
  assert.deepEqual([...table('slot').keys()].sort(), names(element.slots));
  assert.deepEqual([...table('part').keys()].sort(), names(element.cssParts));
});

test('the README lists exactly the manifest\'s custom properties, with the same defaults', () => {
  const rows = table('custom property');
  assert.deepEqual([...rows.keys()].sort(), names(element.cssProperties));
  for (const property of element.cssProperties ?? []) {
    assert.equal(rows.get(property.name), property.default, `README default of ${property.name}`);
  }
});

test('the manifest\'s defaults are the values the styles declare on :host', () => {
  const styles = readFileSync('src/element/internal/crypto-onramp.styles.ts', 'utf8');
  const host = /:host\s*\{([^}]*)\}/.exec(styles)![1]!;
  const declared = new Map([...host.matchAll(/(--crypto-onramp-[\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
  assert.deepEqual([...declared.keys()].sort(), names(element.cssProperties));
  for (const property of element.cssProperties ?? []) {
    assert.equal(property.default, declared.get(property.name), `manifest default of ${property.name}`);
  }
});
