#!/usr/bin/env node
// Fails when custom-elements.json no longer matches the source (`npm run manifest` regenerates it).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

// The analyzer resolves --outdir against the working directory, so keep it relative (and ignored).
const outdir = join('.tmp', `cem-check-${process.pid}`);
mkdirSync(outdir, { recursive: true });
try {
  execFileSync('npx', ['--no-install', 'custom-elements-manifest', 'analyze', '--outdir', outdir], { stdio: 'pipe' });
  const fresh = readFileSync(join(outdir, 'custom-elements.json'), 'utf8');
  const committed = readFileSync('custom-elements.json', 'utf8');
  if (fresh !== committed) {
    console.error('custom-elements.json is stale: run `npm run manifest` and commit the result.');
    process.exit(1);
  }
  console.log('custom-elements.json matches the source.');
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
