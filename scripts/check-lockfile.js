#!/usr/bin/env node
// Fails when package-lock.json is not what npm makes of package.json (a dependency added or
// changed without `npm install`, so a fresh clone's `npm install` would rewrite it).
// npm recomputes the lockfile in a scratch copy: the working tree is never touched, no package
// is installed and no script runs; npm reads only the registry metadata it needs.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FILES = ['package.json', 'package-lock.json', '.npmrc'];
const scratch = mkdtempSync(join(tmpdir(), 'lockfile-check-'));
try {
  for (const file of FILES) copyFileSync(file, join(scratch, file));
  execFileSync('npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: scratch,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const committed = readFileSync('package-lock.json', 'utf8');
  const recomputed = readFileSync(join(scratch, 'package-lock.json'), 'utf8');
  if (committed !== recomputed) {
    const a = committed.split('\n');
    const b = recomputed.split('\n');
    const line = a.findIndex((text, i) => text !== b[i]);
    console.error(`package-lock.json is stale: npm install would rewrite it (first difference at line ${line + 1}:`);
    console.error(`  committed:  ${a[line]?.trim()}\n  recomputed: ${b[line]?.trim()})`);
    console.error('Run `npm install` and commit package-lock.json.');
    process.exit(1);
  }
  console.log('package-lock.json matches package.json.');
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
