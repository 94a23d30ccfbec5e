// `npm run build:cdn`, second half: the quotes element's own drop-in, dist/cdn/crypto-onramp-quotes.js
// (Lit bundled in, minified, registering <crypto-onramp-quotes> when loaded). A separate build, not
// a second entry of vite.config.ts: two entries would share a chunk (Lit), and the core drop-in
// would change; this way dist/cdn/crypto-onramp.js is byte for byte what it is without quotes.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { DROP_IN_MINIFY, dropInTypes, minifyCssLiterals, terserChunks, trimLit } from './vite.config.js';

export default defineConfig({
  // Minified as the core drop-in is: oxc, then terser (vite.config.ts says why).
  plugins: [trimLit(), minifyCssLiterals(), dropInTypes('crypto-onramp-quotes', '../element/quotes/define.js'), terserChunks()],
  build: {
    outDir: 'dist/cdn',
    // Runs after vite.config.ts, which empties the folder: keep the core drop-in it wrote.
    emptyOutDir: false,
    target: 'es2022',
    lib: {
      entry: fileURLToPath(new URL('./src/element/quotes/define.ts', import.meta.url)),
      formats: ['es'],
      fileName: () => 'crypto-onramp-quotes.js',
    },
    // The language catalogs, each loaded only on a page in that language, sit beside it unhashed:
    // crypto-onramp-quotes-fr.js, … (the core drop-in's own are crypto-onramp-fr.js, …).
    rolldownOptions: { output: { minify: DROP_IN_MINIFY, chunkFileNames: 'crypto-onramp-quotes-[name].js' }, checks: { bundlerTimings: false } },
  },
});
