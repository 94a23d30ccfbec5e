// `npm run build:cdn`: the self-contained drop-in bundle, dist/cdn/crypto-onramp.js (Lit and the
// Stripe loaders bundled in, minified, registering <crypto-onramp> when loaded). The npm build of
// the element itself is tsc's (`npm run build:lib`), which keeps Lit external.
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const local = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The Stripe loaders' `pure` entries are CommonJS stubs; bundle their ES builds instead. */
export const stripePureAliases = [
  { find: /^@stripe\/crypto\/pure(\.js)?$/, replacement: local('./node_modules/@stripe/crypto/dist/pure.esm.js') },
  { find: /^@stripe\/stripe-js\/pure(\.js)?$/, replacement: local('./node_modules/@stripe/stripe-js/dist/pure.esm.js') },
];

/**
 * Collapses whitespace and comments inside the element's css`` literals, which the JS minifier
 * leaves alone: the drop-in bundle has a size budget.
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
  return {
    name: 'minify-css-literals',
    transform(code, id) {
      if (!id.endsWith('.styles.ts')) return undefined;
      return { code: code.replace(/css`([^`]*)`/g, (_, body: string) => `css\`${collapse(body)}\``), map: null };
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
 * Rolldown's own minifier (oxc). No property mangling: Rolldown mangles properties only in a
 * single-chunk build, and the drop-in has lazy chunks (the redirect and standalone modes); with
 * the element's state in `#private` fields it saved 1 byte (13 970 vs 13 971 B gzip).
 */
export const DROP_IN_MINIFY = { compress: true, mangle: true, codegen: { removeWhitespace: true } };

export default defineConfig({
  plugins: [minifyCssLiterals(), trimTemplates(), dropInTypes('crypto-onramp', '../element/define.js')],
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
    },
  },
});
