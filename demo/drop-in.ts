/**
 * `/dist/cdn/*.js` on the demo server: the drop-in bundles, built from the current sources (with
 * the package's own vite.config.ts, as `npm run build:cdn` does) on the first request and kept in
 * memory. A fresh clone's "Plain HTML" page works with nothing built first, and never shows a
 * stale dist/ left over from an older build.
 */
import type { ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';

const CONFIG = fileURLToPath(new URL('../vite.config.ts', import.meta.url));

let bundles: Promise<Map<string, string>> | undefined;

async function buildBundles(): Promise<Map<string, string>> {
  const result = await build({ configFile: CONFIG, logLevel: 'silent', build: { write: false, emptyOutDir: false } });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const files = new Map<string, string>();
  for (const { output } of outputs) {
    for (const chunk of output) if (chunk.type === 'chunk') files.set(`/dist/cdn/${chunk.fileName}`, chunk.code);
  }
  return files;
}

export function dropInBundle(pathname: string, res: ServerResponse, next: (error?: unknown) => void): void {
  bundles ??= buildBundles();
  bundles.then(
    (files) => {
      const code = files.get(pathname);
      if (code === undefined) return next();
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' });
      res.end(code);
    },
    (error: unknown) => {
      bundles = undefined; // a fixed source builds on the next request
      next(error);
    },
  );
}
