/**
 * The drop-ins bundle Lit without what only unsupported browsers reach (vite.config.ts,
 * LIT_EDITS). Each edit is checked here against the installed, pinned Lit: it finds its text
 * exactly once and every module keeps its exports; the drop-in as built holds none of what was
 * taken out; a build that bundles no Lit fails instead of passing unedited. That the styles still
 * apply in each engine is the browser suite's (drop-in-styles.test.ts).
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { build, type Rolldown } from 'vite';
import { LIT_EDITS, applyLoaderEdits, trimLit } from '../../vite.config.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const exportsOf = (code: string) => code.slice(code.lastIndexOf('export{'));

describe("the drop-ins' edits of Lit", () => {
  it('each finds its text once in the installed module, which keeps its exports', async () => {
    for (const [module, edits] of Object.entries(LIT_EDITS)) {
      const published = await readFile(`${ROOT}node_modules/${module}`, 'utf8');
      const edited = applyLoaderEdits(module, published, edits);
      assert.notEqual(edited, published, module);
      assert.equal(exportsOf(edited), exportsOf(published), `${module} keeps its exports`);
      assert.doesNotMatch(edited, /PolyfillSupport|Versions\?\?=|ShadyCSS|Symbol\.metadata|litPropertyMetadata|addInitializer|\.l\?\./, module);
    }
    // The one hook server-rendered pages need stays.
    const litElement = applyLoaderEdits('lit-element', await readFile(`${ROOT}node_modules/lit-element/lit-element.js`, 'utf8'), LIT_EDITS['lit-element/lit-element.js']!);
    assert.match(litElement, /litElementHydrateSupport\?\.\(\{LitElement:i\}\)/);
  });

  it('the drop-in as built holds none of what the edits take out', async () => {
    const result = (await build({ configFile: `${ROOT}vite.config.ts`, logLevel: 'silent', build: { write: false } })) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
    const output = Array.isArray(result) ? result[0]! : result;
    const entry = output.output.find((chunk) => chunk.type === 'chunk' && chunk.isEntry);
    assert.ok(entry && entry.type === 'chunk');
    assert.doesNotMatch(entry.code, /PolyfillSupport|litHtmlVersions|reactiveElementVersions|litElementVersions|ShadyCSS|litNonce|Symbol\.metadata|litPropertyMetadata|addInitializer/);
    assert.match(entry.code, /adoptedStyleSheets/, 'the adopted style sheets path stays');
  });

  it('a build that bundles no Lit fails instead of passing unedited', async () => {
    await assert.rejects(
      build({
        configFile: false,
        logLevel: 'silent',
        root: ROOT,
        plugins: [trimLit()],
        build: { write: false, lib: { entry: `${ROOT}src/shared/is-record.ts`, formats: ['es'] } },
      }),
      /trim-lit: the build bundled no @lit\/reactive-element\/css-tag\.js/,
    );
  });
});
