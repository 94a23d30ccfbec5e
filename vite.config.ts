// `npm run build:cdn`: the self-contained drop-in bundle, dist/cdn/crypto-onramp.js (Lit and the
// Stripe loaders bundled in, minified, registering <crypto-onramp> when loaded). The npm build of
// the element itself is tsc's (`npm run build:lib`), which keeps Lit external.
import { fileURLToPath } from 'node:url';
import { minify, type MinifyOptions } from 'terser';
import { defineConfig, type Plugin } from 'vite';
import { freshChunkImportsPlugin } from './scripts/fresh-chunk-imports.js';
import { stripePureAliases } from './stripe-pure-aliases.js';

const local = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** One edit of a dependency's published text: from `from` up to `until` (kept), or `from` alone, becomes `replace`. */
export interface LoaderEdit {
  /** Why the edit changes nothing a page can observe. */
  why: string;
  /** The exact text the edit starts at (it must occur once). */
  from: string;
  /** The exact text the edit ends before (the first occurrence after `from`); without it, `from` alone is replaced. */
  until?: string;
  /** What the cut text becomes. */
  replace: string;
}

/**
 * Edits of Stripe's two loaders, as bundled into the drop-in only (the npm build imports them
 * untouched). Each removes code no page can reach through the drop-in, which no minifier can prove
 * unreachable on its own; measured on the entry file, 13,215 → 12,405 B gzip. Every edit must find
 * its exact text once, so a loader that changed (the versions are pinned) fails the build instead
 * of shipping half-edited.
 */
export const STRIPE_LOADER_EDITS: Record<string, LoaderEdit[]> = {
  '@stripe/stripe-js/dist/pure.esm.js': [
    {
      why:
        "`loadStripe.setLoadParameters`: the drop-in never exposes this module's `loadStripe` (only @stripe/crypto's " +
        'loader calls it), so nothing can call it. Without it `loadParams` is never set, so the minifier also drops ' +
        'the parameter validation, its message and the "existing script" warnings that depend on it.',
      from: '\nloadStripe.setLoadParameters = function',
      until: '\nexport { loadStripe };',
      replace: '\n',
    },
  ],
  '@stripe/crypto/dist/pure.esm.js': [
    {
      why:
        "Babel's `_slicedToArray(_ref, 2)` destructures `Promise.all`'s result, always an array, which the helper " +
        'returns as it is (`_arrayWithHoles`); its iterator fallbacks can never run, and without the call they go.',
      from: '_slicedToArray(_ref, 2)',
      replace: '_ref',
    },
  ],
};

/** Applies `edits` to `code` (a module's text), or throws naming the edit that found no place. */
export function applyLoaderEdits(module: string, code: string, edits: LoaderEdit[]): string {
  for (const edit of edits) {
    const start = code.indexOf(edit.from);
    const end = edit.until === undefined ? start + edit.from.length : code.indexOf(edit.until, start);
    if (start < 0 || end < 0 || code.indexOf(edit.from, start + 1) >= 0) {
      throw new Error(`${module} is not the text the drop-in's edit expects (${JSON.stringify(edit.from)}): update its edits in vite.config.ts for this version`);
    }
    code = code.slice(0, start) + edit.replace + code.slice(end);
  }
  return code;
}

/**
 * Edits of Lit (3.3.3: @lit/reactive-element 2.1.2, lit-element 4.2.2, lit-html 3.3.3), as bundled
 * into the drop-ins only; the npm build imports Lit untouched. Each removes what only a browser the
 * drop-ins do not support could reach (measured on the entry file: 12,940 → 12,677 B gzip). Lit's
 * published files are minified, so the texts are short names; the versions are pinned, and a text
 * that moved fails the build.
 */
export const LIT_EDITS: Record<string, LoaderEdit[]> = {
  '@lit/reactive-element/css-tag.js': [
    {
      why:
        '`supportsAdoptingStyleSheets` is true in every browser the drop-ins support: each has native shadow roots and ' +
        'constructable style sheets (Chromium, Firefox 101+, Safari 16.4+), and ShadyCSS is the polyfill for browsers ' +
        'without them. As a constant, the minifier drops the fallback only those browsers reach: a `<style>` element per ' +
        'style, and the conversion of a CSSStyleSheet to text.',
      from: 'e=t.ShadowRoot&&(void 0===t.ShadyCSS||t.ShadyCSS.nativeShadow)&&"adoptedStyleSheets"in Document.prototype&&"replace"in CSSStyleSheet.prototype,',
      replace: 'e=!0,',
    },
  ],
  '@lit/reactive-element/reactive-element.js': [
    {
      why: "`reactiveElementPolyfillSupport` is set only by Lit's polyfill-support module, for browsers without native custom elements or shadow DOM.",
      from: 'p=a.reactiveElementPolyfillSupport,',
      replace: '',
    },
    {
      why:
        "The polyfill hook's call (see above), and `reactiveElementVersions`, which only Lit's development build reads, to " +
        'warn that several copies of Lit are loaded: the drop-in carries its own copy on purpose.',
      from: ',p?.({ReactiveElement:y}),(a.reactiveElementVersions??=[]).push("2.1.2");',
      replace: ';',
    },
    {
      why:
        "Standard decorators' metadata (`Symbol.metadata`, `litPropertyMetadata`): the drop-ins' elements declare " +
        '`static properties` and use no decorators, and their Lit is their own, which no other code extends.',
      from: 'Symbol.metadata??=Symbol("metadata"),a.litPropertyMetadata??=new WeakMap;',
      replace: '',
    },
    {
      why: 'Reading that metadata when a class finalizes (see above).',
      from: 'const t=this[Symbol.metadata];if(null!==t){const s=litPropertyMetadata.get(t);if(void 0!==s)for(const[t,i]of s)this.elementProperties.set(t,i)}',
      replace: '',
    },
    {
      why: '`addInitializer`, for decorators too (see above): its list, inherited by subclasses and run per instance.',
      from: 'static addInitializer(t){this._$Ei(),(this.l??=[]).push(t)}',
      replace: '',
    },
    {
      why: 'Its list inherited (see above).',
      from: 'void 0!==t.l&&(this.l=[...t.l]),',
      replace: '',
    },
    {
      why: 'Its list run per instance (see above).',
      from: ',this.constructor.l?.forEach(t=>t(this))',
      replace: '',
    },
  ],
  'lit-element/lit-element.js': [
    {
      why: "`litElementPolyfillSupport`: Lit's polyfill-support module's hook, as above. (`litElementHydrateSupport`, which server-rendered pages load, stays.)",
      from: 'const o=s.litElementPolyfillSupport;o?.({LitElement:i});',
      replace: '',
    },
    {
      why: '`litElementVersions`: read only by Lit\'s development build, as above.',
      from: '(s.litElementVersions??=[]).push("4.2.2");',
      replace: '',
    },
  ],
  'lit-html/lit-html.js': [
    {
      why: "`litHtmlPolyfillSupport` and `litHtmlVersions`: the polyfill-support module's hook and the development build's list, as above.",
      from: ',B=t.litHtmlPolyfillSupport;B?.(S,k),(t.litHtmlVersions??=[]).push("3.3.3");',
      replace: ';',
    },
  ],
};

/**
 * Applies `edits` (by path under node_modules) to those modules as a build bundles them. A build
 * that bundles one of them not at all fails: an edit that never ran would ship the module whole,
 * unnoticed.
 */
function editDependencies(name: string, edits: Record<string, LoaderEdit[]>): Plugin {
  const applied = new Set<string>();
  return {
    name,
    enforce: 'pre',
    transform(code, id) {
      const module = Object.keys(edits).find((path) => id.endsWith(`/node_modules/${path}`));
      if (!module) return undefined;
      applied.add(module);
      return { code: applyLoaderEdits(module, code, edits[module]!), map: null };
    },
    buildEnd(error) {
      const missed = Object.keys(edits).filter((path) => !applied.has(path));
      if (!error && missed.length) this.error(`${name}: the build bundled no ${missed.join(', ')}`);
    },
  };
}

/** The drop-in's edits of Stripe's loaders (STRIPE_LOADER_EDITS). */
export const trimStripeLoaders = (): Plugin => editDependencies('trim-stripe-loaders', STRIPE_LOADER_EDITS);

/** The drop-ins' edits of Lit (LIT_EDITS). */
export const trimLit = (): Plugin => editDependencies('trim-lit', LIT_EDITS);

/**
 * Collapses whitespace and comments inside the elements' CSS texts, which the JS minifier leaves
 * alone: the drop-ins have size budgets. A CSS text is a template literal marked `/* css *\/` in a
 * `*.styles.ts` file. The elements make their sheets with `unsafeCSS` rather than Lit's `css` tag,
 * whose checks of interpolated values (and their long message) would ship in the drop-ins; what is
 * interpolated is the elements' own constant text (the shared spinner), never a page's. An
 * interpolation `${…}` (with no `}` inside) is kept as written, and the text around it collapses as
 * around a word.
 */
export function minifyCssLiterals(): Plugin {
  const collapse = (css: string) =>
    css
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,>])\s*/g, '$1')
      .replace(/:\s+/g, ':')
      .replace(/;}/g, '}')
      .trim();
  /** `collapse` with each `${…}` set aside under a stand-in (NUL and its index), which it leaves alone. */
  const collapseAround = (text: string) => {
    const held: string[] = [];
    const stood = text.replace(/\$\{[^}]*\}/g, (interpolation) => `\0${held.push(interpolation) - 1}\0`);
    return collapse(stood).replace(/\0(\d+)\0/g, (_, index: string) => held[Number(index)]!);
  };
  return {
    name: 'minify-css-literals',
    // On the source as written, before TypeScript's transform, which need not keep the `/* css */` comments.
    enforce: 'pre',
    transform(code, id) {
      if (!id.endsWith('.styles.ts')) return undefined;
      return { code: code.replace(/\/\* css \*\/ `([^`]*)`/g, (_, text: string) => `/* css */ \`${collapseAround(text)}\``), map: null };
    },
  };
}

/**
 * `dist/cdn/<name>.d.ts`, so `import 'crypto-onramp-element/cdn/<name>.js'` (or its named
 * exports) type-checks: a drop-in's entry is one of the package's entries, and so are its types.
 */
export function dropInTypes(name: string, entry: string): Plugin {
  return {
    name: 'drop-in-types',
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: `${name}.d.ts`,
        source: `// The drop-in bundle registers its element and exports what ${entry} does.\nexport * from '${entry}';\n`,
      });
    },
  };
}

/**
 * Drops the indentation between tags and bindings in the element's html`` templates, which the JS
 * minifier leaves alone (whitespace text nodes there render nothing): the drop-in has a size budget.
 */
export function trimTemplates(): Plugin {
  return {
    name: 'trim-templates',
    transform(code, id) {
      if (!id.endsWith('/src/element/crypto-onramp.ts')) return undefined;
      // A newline and its indentation between a tag's edge, a binding or a template's edge.
      return { code: code.replace(/([>`}])[ \t]*\n\s*(?=[<`]|\$\{)/g, '$1'), map: null };
    },
  };
}

/**
 * First pass: Rolldown's own minifier (oxc). It shortens the element's `#private` names, which
 * terser leaves whole. No property mangling here: Rolldown mangles properties only in a
 * single-chunk build, and the drop-in has lazy chunks (the redirect and standalone modes).
 */
export const DROP_IN_MINIFY = { compress: true, mangle: true, codegen: { removeWhitespace: true } };

/**
 * Second pass: terser over each chunk oxc wrote. Measured on the drop-in (gzip -9, entry file):
 * oxc alone 14,601 B; terser alone, on Rolldown's unminified output, 14,530 (it keeps `#private`
 * names long); oxc then terser 14,335. Every option that is not terser's default, and why it is
 * safe for this code:
 * - `module`: every chunk is an ES module (strict mode, top-level names are the module's own), so
 *   top-level names may be mangled; exported and imported names, which link the chunks, never are.
 * - `passes: 3`: a third pass still finds work (14,389 → 14,378 B over two passes); more finds none.
 * - `keep_fargs: false` (17 B): drops unused trailing parameters. Unsafe only for code that reads a
 *   function's `.length`; none in the bundle does (Lit's and the element's `.length` reads are of
 *   arrays and template strings, Stripe's loaders read none).
 * - `unsafe_arrows` (21 B): turns `function` expressions that use neither `this`, `arguments` nor
 *   `new.target` into arrows. Unsafe only for one called with `new` or whose `.prototype` is read;
 *   the bundle's constructors are all classes (Lit's, the element's) and the loaders' `function`
 *   expressions are callbacks.
 * Not on, because they gained nothing here (measured): `pure_getters: true`, `unsafe_methods`
 * (3 B worse), `unsafe_comps`, `unsafe_proto`, more passes. No property mangling: the element's
 * state is in `#private` fields and Lit's build already shortened its own; renaming the element's
 * internal-but-public members (the controller's `pending`, `link`, `forget`, …) across chunks with
 * one name cache would save about 40 B gzip (bench/README.md), not worth a cross-chunk check.
 * Terser drops the `@__PURE__` annotations oxc leaves in (nothing bundles the drop-in again) and
 * keeps `@license` comments (there are none left after oxc).
 */
export const DROP_IN_TERSER: MinifyOptions = {
  module: true,
  ecma: 2020,
  compress: { passes: 3, keep_fargs: false, unsafe_arrows: true },
};

/**
 * Runs terser (DROP_IN_TERSER) over every chunk of the build, after Rolldown's own minifier: in
 * `generateBundle`, because Rolldown minifies after `renderChunk`. A chunk's source map, when the
 * build writes one (the bench's breakdown), is carried through terser's.
 */
export function terserChunks(options: MinifyOptions = DROP_IN_TERSER): Plugin {
  return {
    name: 'terser-chunks',
    async generateBundle(_, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const sourceMap = chunk.map ? { content: JSON.stringify(chunk.map), asObject: true } : false;
        const result = await minify(chunk.code, { ...options, sourceMap });
        chunk.code = result.code!;
        if (chunk.map && result.map) Object.assign(chunk.map, typeof result.map === 'string' ? JSON.parse(result.map) : result.map);
      }
    },
  };
}

export default defineConfig({
  plugins: [trimStripeLoaders(), trimLit(), minifyCssLiterals(), trimTemplates(), dropInTypes('crypto-onramp', '../element/define.js'), freshChunkImportsPlugin(), terserChunks()],
  resolve: { alias: stripePureAliases },
  build: {
    outDir: 'dist/cdn',
    emptyOutDir: true,
    target: 'es2022',
    lib: {
      entry: local('./src/element/define.ts'),
      formats: ['es'],
      fileName: () => 'crypto-onramp.js',
    },
    // `allow-extension`: the modules the drop-in shares with its lazy chunks stay in
    // crypto-onramp.js, which exports them to the chunks, rather than moving to a third file every
    // page would load. The lazy chunks (redirect and standalone modes) sit beside it, unhashed like
    // it: crypto-onramp-redirect.js, crypto-onramp-standalone.js.
    rolldownOptions: {
      preserveEntrySignatures: 'allow-extension',
      output: { minify: DROP_IN_MINIFY, chunkFileNames: 'crypto-onramp-[name].js' },
      // Terser takes a few seconds on purpose (three passes): no "slow plugin" warning for it.
      checks: { bundlerTimings: false },
    },
  },
});
