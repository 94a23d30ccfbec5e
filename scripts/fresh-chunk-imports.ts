/**
 * The drop-in's lazy chunks, loadable again after a failure in every engine.
 *
 * Firefox keeps a failed module in its module map: once `import('./crypto-onramp-messages.js')`
 * failed (a dropped connection, a 503), every later import of that URL fails at once, with no
 * request, for the life of the page. Chromium and WebKit fetch it again. So in the drop-in:
 *
 * - the entry imports each chunk through one small function that, after a chunk failed, asks for it
 *   under a fresh URL (`?1`, `?2`, …) and keeps using the URL that last loaded, so a
 *   chunk is evaluated once per URL and never twice for no reason;
 * - a chunk imports its sibling chunks under its own query, so the retried chunk also fetches a
 *   sibling that failed with it (a static import of it would find the failure in the module map):
 *   a static import of a sibling becomes a top-level `await import(…)`.
 *
 * The entry itself is never imported under another URL (chunks import `./crypto-onramp.js`
 * statically, as built), so the element's module, and its registry of the tag, exist once.
 *
 * Each rewrite must find what it rewrites: a build whose output changed shape fails here, rather
 * than shipping chunks a retry cannot reach.
 */
import type { Plugin } from 'vite';

/**
 * Chunks that import their siblings through a retrying import of their own, as the entry does:
 * the language catalogs' finder (src/element/internal/locale/catalogs.ts) loads once per page and
 * then imports a catalog per language; a catalog that failed must be asked for under a fresh URL
 * by it, since it is never itself imported again.
 */
export const OWN_RETRY_CHUNKS = ['crypto-onramp-catalogs.js'];

/** The chunks' common prefix, as `chunkFileNames` names them. */
export const CHUNK_PREFIX = './crypto-onramp-';

/** Defined at the top of the entry: imports a chunk, under a fresh URL (`?1`, `?2`, …) after a failure. Every byte counts here. */
const RETRYING_IMPORT = 'const __freshChunk=(s,n=__freshChunk[s])=>import(n?s+"?"+n:s).catch(e=>{throw __freshChunk[s]=-~n,e});';

const DYNAMIC = /\bimport\((["'`])(\.\/crypto-onramp-[\w-]+\.js)\1\)/g;
const STATIC_SIBLING = /\bimport\s*\{([^}]*)\}\s*from\s*(["'`])(\.\/crypto-onramp-[\w-]+\.js)\2;?/g;

/** Rewrites one chunk's code; `isEntry` for the drop-in's entry (and `OWN_RETRY_CHUNKS`). Throws when an entry has no chunk import to rewrite. */
export function freshChunkImports(code: string, isEntry: boolean, name: string): string {
  if (isEntry) {
    let found = 0;
    const rewritten = code.replace(DYNAMIC, (_m, quote: string, specifier: string) => (found++, `__freshChunk(${quote}${specifier}${quote})`));
    if (found === 0) throw new Error(`fresh-chunk-imports: the entry ${name} imports no chunk: has the build's naming changed?`);
    if (new RegExp(STATIC_SIBLING.source).test(code)) throw new Error(`fresh-chunk-imports: the entry ${name} imports a chunk statically; it would load before any retry could reach it.`);
    return RETRYING_IMPORT + rewritten;
  }
  const search = 'new URL(import.meta.url).search';
  return code
    .replace(DYNAMIC, (_m, quote: string, specifier: string) => `import(${quote}${specifier}${quote}+${search})`)
    .replace(STATIC_SIBLING, (_m, names: string, quote: string, specifier: string) => {
      const pattern = names.split(',').filter((n) => n.trim()).map((n) => n.trim().replace(/\s+as\s+/, ':')).join(',');
      return `const{${pattern}}=await import(${quote}${specifier}${quote}+${search});`;
    });
}

/** The plugin: in `generateBundle`, after Rolldown's minifier and before terser's (terser compacts the rewrite). */
export function freshChunkImportsPlugin(): Plugin {
  return {
    name: 'fresh-chunk-imports',
    generateBundle(_, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        chunk.code = freshChunkImports(chunk.code, chunk.isEntry || OWN_RETRY_CHUNKS.includes(chunk.fileName), chunk.fileName);
      }
    },
  };
}
