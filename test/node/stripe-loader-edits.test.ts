/**
 * The drop-in bundles Stripe's two loaders without code no page can reach through it
 * (vite.config.ts, STRIPE_LOADER_EDITS). Each edit is checked here against the installed, pinned
 * loader: it finds its text exactly once, what it claims unreachable is, what it claims equivalent
 * is, and a loader whose text changed fails the build instead of shipping half-edited. That the
 * edited loaders still load Stripe's scripts is the browser suite's: every drop-in test runs them.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { build, type Plugin, type Rolldown } from 'vite';
import { STRIPE_LOADER_EDITS, applyLoaderEdits, trimStripeLoaders } from '../../vite.config.js';

const RUNS = Number(process.env['FC_RUNS'] ?? 300);
const SEED = Number(process.env['FC_SEED'] ?? Date.now() % 2 ** 31);

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const installed = (module: string) => readFile(`${ROOT}node_modules/${module}`, 'utf8');

describe("the drop-in's edits of Stripe's loaders", () => {
  it('each finds its text once in the installed loader; the loaders keep their API', async () => {
    const stripeJs = applyLoaderEdits('stripe-js', await installed('@stripe/stripe-js/dist/pure.esm.js'), STRIPE_LOADER_EDITS['@stripe/stripe-js/dist/pure.esm.js']!);
    assert.doesNotMatch(stripeJs, /setLoadParameters\s*=/);
    assert.match(stripeJs, /\nexport \{ loadStripe \};/);
    assert.match(stripeJs, /name: 'stripe-js'/, "Stripe.js's own wrapper registration stays");

    const crypto = applyLoaderEdits('crypto', await installed('@stripe/crypto/dist/pure.esm.js'), STRIPE_LOADER_EDITS['@stripe/crypto/dist/pure.esm.js']!);
    assert.doesNotMatch(crypto, /_slicedToArray\(_ref/);
    assert.match(crypto, /Promise\.all\(\[loadStripe\.apply\(void 0, args\), loadScript\(\)\]\)/);
    assert.match(crypto, /var _ref2 = _ref,\s+maybeStripeOnramp = _ref2\[1\];/);
  });

  it("Babel's _slicedToArray(_ref, 2) is `_ref` itself for any array, which is all Promise.all gives it", async () => {
    const source = await installed('@stripe/crypto/dist/pure.esm.js');
    // The published helpers, evaluated as they are.
    const helpers = source.slice(source.indexOf('function _iterableToArrayLimit'), source.indexOf('\nvar ONRAMP_URL'));
    const slicedToArray = new Function(`${helpers}\nreturn _slicedToArray;`)() as (value: unknown, n: number) => unknown;
    console.log(`fast-check seed ${SEED}, runs ${RUNS} (FC_SEED, FC_RUNS)`);
    fc.assert(
      fc.property(fc.array(fc.anything(), { maxLength: 6 }), (values) => slicedToArray(values, 2) === values),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('a loader whose text differs fails, naming the module and the edit', () => {
    const [edit] = STRIPE_LOADER_EDITS['@stripe/stripe-js/dist/pure.esm.js']!;
    assert.throws(() => applyLoaderEdits('@stripe/stripe-js/dist/pure.esm.js', 'export { loadStripe };\n', [edit!]), /@stripe\/stripe-js\/dist\/pure\.esm\.js is not the text .*setLoadParameters/);
    // Found, but twice: which one is meant is unknown.
    assert.throws(() => applyLoaderEdits('crypto', '_slicedToArray(_ref, 2); _slicedToArray(_ref, 2);', STRIPE_LOADER_EDITS['@stripe/crypto/dist/pure.esm.js']!), /crypto is not the text/);
    // Found, with no end after it.
    assert.throws(() => applyLoaderEdits('stripe-js', '\nloadStripe.setLoadParameters = function () {};', [edit!]), /stripe-js is not the text/);
  });

  // So no page can reach `loadStripe.setLoadParameters`: neither the element's modules (whose
  // exports are the entry's and the chunks' imports) nor a chunk imports Stripe.js's loader.
  it("in the drop-in only @stripe/crypto's loader imports Stripe.js's loader", async () => {
    const importers = new Map<string, string[]>();
    const recorder: Plugin = {
      name: 'record-importers',
      buildEnd() {
        for (const id of this.getModuleIds()) importers.set(id, [...(this.getModuleInfo(id)?.importers ?? [])]);
      },
    };
    const result = (await build({ configFile: `${ROOT}vite.config.ts`, logLevel: 'silent', plugins: [recorder], build: { write: false } })) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
    const output = Array.isArray(result) ? result[0]! : result;
    const stripeJs = [...importers].find(([id]) => id.endsWith('/@stripe/stripe-js/dist/pure.esm.js'));
    assert.ok(stripeJs, "the drop-in bundles Stripe.js's loader");
    assert.deepEqual(stripeJs[1].map((id) => id.slice(id.indexOf('/node_modules/') + 1)), ['node_modules/@stripe/crypto/dist/pure.esm.js']);
    for (const chunk of output.output) {
      if (chunk.type === 'chunk') assert.doesNotMatch(chunk.code, /setLoadParameters|invalid load parameters|Invalid attempt to destructure/, chunk.fileName);
    }
  });

  it('a build that bundles neither loader fails instead of passing unedited', async () => {
    await assert.rejects(
      build({
        configFile: false,
        logLevel: 'silent',
        root: ROOT,
        plugins: [trimStripeLoaders()],
        build: { write: false, lib: { entry: `${ROOT}src/shared/is-record.ts`, formats: ['es'] } },
      }),
      /bundled no @stripe\/stripe-js\/dist\/pure\.esm\.js, @stripe\/crypto\/dist\/pure\.esm\.js/,
    );
  });
});
