/**
 * Every regular expression in the code that reads outside input (src/shared, src/server,
 * src/element, src/emulator) runs in linear time, as the ReDoS analyser `recheck` judges it: the
 * literals found in the source by the TypeScript parser, and the patterns built at run time, which
 * are only the exported key formats (their sources reach the emulator's stand-in through its
 * config). Nothing here is timed. Plus the redaction rule's linear form redacts exactly what the
 * original (quadratic) pattern did.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { check } from 'recheck';
import ts from 'typescript';
import * as keyFormats from '../../src/shared/key-formats.js';
import { redactSecrets } from '../../src/shared/redact-secrets.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIRS = ['src/shared', 'src/server', 'src/element', 'src/emulator'];
/** Where `new RegExp(…)` may appear, and why its pattern is covered anyway. */
const DYNAMIC = new Map([
  ['src/shared/key-formats.ts', 'exported: checked below through the module'],
  ['src/emulator/stand-in/stripe-js.ts', 'the config carries SECRET_KEY_PREFIX.source'],
  ['src/emulator/stand-in/onramp-outer.ts', 'the config carries CLIENT_SECRET_PATTERN / PUBLISHABLE_KEY_PATTERN sources'],
  ['src/emulator/routing-route.ts', 'Stripe\'s two constant script URLs, escaped, then an optional query: no outside text reaches its source'],
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

interface Found {
  where: string;
  source: string;
  flags: string;
}

function patternsInSource(): { literals: Found[]; dynamic: string[] } {
  const literals: Found[] = [];
  const dynamic: string[] = [];
  for (const file of DIRS.flatMap((dir) => sourceFiles(join(ROOT, dir)))) {
    const where = relative(ROOT, file);
    const text = readFileSync(file, 'utf8');
    const tree = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const literal = node.getText(tree);
        const end = literal.lastIndexOf('/');
        literals.push({ where: `${where}:${tree.getLineAndCharacterOfPosition(node.getStart(tree)).line + 1}`, source: literal.slice(1, end), flags: literal.slice(end + 1) });
      }
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') dynamic.push(where);
      ts.forEachChild(node, visit);
    };
    visit(tree);
  }
  return { literals, dynamic };
}

describe('linear-time patterns', () => {
  const { literals, dynamic } = patternsInSource();

  it('finds the patterns (the walk reads the source)', () => {
    assert.ok(literals.length >= 50, `${literals.length} literals`);
  });

  it('builds patterns at run time only where they are covered', () => {
    for (const where of dynamic) assert.ok(DYNAMIC.has(where), `new RegExp in ${where}: make it a literal, or cover it here`);
  });

  it('recheck finds no super-linear backtracking in any of them', async () => {
    const exported = Object.entries(keyFormats)
      .filter((entry): entry is [string, RegExp] => entry[1] instanceof RegExp)
      .map(([name, pattern]) => ({ where: `key-formats ${name}`, source: pattern.source, flags: pattern.flags }));
    const unsafe: string[] = [];
    for (const pattern of [...literals, ...exported]) {
      const result = await check(pattern.source, pattern.flags, { timeout: 10_000 });
      // 'unknown' is a timeout or an unsupported feature: not a proof, so it fails too.
      if (result.status !== 'safe') {
        const attack = result.status === 'vulnerable' ? ` (attack: ${result.attack.pattern})` : '';
        unsafe.push(`${pattern.where} /${pattern.source}/${pattern.flags}: ${result.status}${attack}`);
      }
    }
    assert.deepEqual(unsafe, []);
  });
});

describe('redaction, linear', () => {
  /** The pattern before it was made linear: the oracle for what must be redacted. */
  const ORIGINAL = /(?:sk|rk)_(?:live|test)_[A-Za-z0-9*]+|whsec_[A-Za-z0-9+/=*]+|[a-z]+_[^\s_]+_secret_[^\s"'<>&-]+/g;
  const SEED = Number(process.env['FC_SEED'] ?? Date.now() % 2 ** 31);
  const RUNS = Number(process.env['FC_RUNS'] ?? 2000);

  it(`redacts exactly what the original pattern did (seed ${SEED}, ${RUNS} runs)`, () => {
    console.log(`fast-check: seed ${SEED}, ${RUNS} runs (replay with FC_SEED=${SEED} FC_RUNS=${RUNS})`);
    const piece = fc.constantFrom('a', 'b', 'z', 'sk', 'rk', '_', 'live', 'test', 'secret', '_secret_', 'whsec_', 'cos', ' ', '"', '-', '&', 'A', '1', '*', '=', '%3D');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const text = pieces.join('');
        assert.equal(redactSecrets(text), text.replace(ORIGINAL, '[redacted]'), JSON.stringify(text));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
