/**
 * `/dist/cdn/*` on the demo server: the drop-in bundle, built from the current sources on the first
 * request, exactly as `npm run build:cdn` builds it (the same command and config, in a child
 * process, so the dev server's `NODE_ENV=development` cannot turn it into a development build), into
 * a cache directory. A fresh clone's "Plain HTML" page works with nothing built first, and never
 * shows a stale dist/ left over from an older build.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT_DIR = 'node_modules/.cache/demo-drop-in';

let built: Promise<void> | undefined;

async function buildDropIn(): Promise<void> {
  const env = { ...process.env };
  delete env['NODE_ENV'];
  await promisify(execFile)(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'vite.config.ts', '--outDir', OUT_DIR, '--emptyOutDir', '--logLevel', 'error'], { cwd: ROOT, env });
}

export function dropInBundle(pathname: string, res: ServerResponse, next: (error?: unknown) => void): void {
  const name = pathname.slice('/dist/cdn/'.length);
  if (!/^[\w.-]+\.js$/.test(name)) return next();
  built ??= buildDropIn();
  built
    .then(() => readFile(`${ROOT}${OUT_DIR}/${name}`, 'utf8'))
    .then(
      (code) => {
        res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' });
        res.end(code);
      },
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return next(); // built, but no such file
        built = undefined; // a fixed source builds on the next request
        next(error);
      },
    );
}
