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

export default defineConfig({
  plugins: [minifyCssLiterals()],
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
    // `allow-extension`: the modules the drop-in shares with its one lazy chunk (standalone mode's
    // preset rules) stay in crypto-onramp.js, which exports them to the chunk, rather than moving
    // to a third file every page would load. The lazy chunks (redirect, standalone) sit beside it,
    // unhashed like it: crypto-onramp-redirect.js, crypto-onramp-standalone.js.
    rolldownOptions: { preserveEntrySignatures: 'allow-extension', output: { minify: true, chunkFileNames: 'crypto-onramp-[name].js' } },
  },
});
