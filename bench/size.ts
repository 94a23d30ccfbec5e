/**
 * Size: what a page downloads for the element, beside what it would download for the competing
 * widget SDKs, all bundled by the same bundler (Vite 8 / Rolldown) with the drop-in's minifier
 * (oxc, then terser: vite.config.ts) and compressed the same way (gzip level 9; brotli quality 11
 * as information).
 *
 * - The drop-in bundle is built with the project's own command (`vite build --config
 *   vite.config.ts`) and the files it writes are measured as shipped: the entry,
 *   dist/cdn/crypto-onramp.js, which every page loads and the budget is on, and each lazy chunk
 *   beside it, with what loads it and the total of all, so a move into a lazy chunk is never
 *   mistaken for a saving.
 * - The element's own code is src/element/define.ts bundled with Lit and Stripe's loaders external.
 * - "Lit + Stripe loaders alone" is an entry importing exactly what the element imports from them,
 *   with the drop-in's edits of the loaders and of Lit (vite.config.ts, STRIPE_LOADER_EDITS, LIT_EDITS) and without.
 * - Each competitor is `export * from '<package>'`, every dependency bundled in.
 * - The breakdown attributes every byte of the minified drop-in to the module it came from, using
 *   the bundle's source map (the way source-map-explorer does); gzip shares are proportional.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build, type InlineConfig, type Plugin, type Rolldown } from 'vite';
import { stripePureAliases } from '../stripe-pure-aliases.js';
import { DROP_IN_MINIFY, minifyCssLiterals, terserChunks, trimLit, trimStripeLoaders, trimTemplates } from '../vite.config.js';
import { ROOT, SCRATCH, packageVersion } from './env.js';

const run = promisify(execFile);

/** The competing widget SDKs, at exact versions, installed into bench/.scratch by the bench. */
export const COMPETITORS = [
  { name: '@ramp-network/ramp-instant-sdk', version: '6.2.0' },
  { name: '@transak/ui-js-sdk', version: '1.0.0' },
  { name: '@coinbase/cbpay-js', version: '2.4.0' },
  { name: '@moonpay/moonpay-js', version: '0.7.6' },
] as const;

/**
 * The entry file, what every page loads, at most this many bytes gzip: 12,500 before the elements
 * spoke the page's language; the language machinery (resolving `lang` live, loading catalogs) may
 * add at most 400 B of it.
 */
export const DROP_IN_GZIP_BUDGET = 12_900;

/**
 * An earlier target, shown as information and not checked: Lit and Stripe's loaders alone are
 * about 7,400 B gzip, so 9,000 left the element some 1,600 B for what it came to do (Stripe's real
 * behaviour, retries, modes); it was declared out of reach, and 12,500 replaced it.
 */
export const ISSUE_6_TARGET = 9_000;
export const ISSUE_6_NOTE = "an earlier target, declared out of reach (Lit and Stripe's loaders alone were then about 7,400 B of it)";

/** What makes a page load each lazy chunk, by the chunk's file name; a new chunk shows its importer only. */
const LAZY_CHUNK_TRIGGERS: Record<string, string> = {
  'crypto-onramp-redirect.js': 'mode="redirect", on the first click',
  'crypto-onramp-standalone.js': 'mode="standalone", when the element starts',
  'crypto-onramp-script-injector.js': "a retry after Stripe's scripts failed to load; Trusted Types pages; mode=\"standalone\"",
  'crypto-onramp-session-failure.js': 'a minting request that failed (its diagnosis and the one automatic retry)',
  'crypto-onramp-messages.js': "an error of the element's own (its sentence)",
  'crypto-onramp-redact-secrets.js': 'with the messages, session-failure or redirect chunk (redaction of words the element passes on)',
  'crypto-onramp-catalogs.js': 'a language other than English (finds and loads its catalog)',
};

export interface Sizes {
  min: number;
  gzip: number;
  brotli: number;
}

export interface SizeRow {
  label: string;
  /** What was bundled, e.g. `@coinbase/cbpay-js@2.4.0`. */
  what: string;
  sizes?: Sizes;
  /** Why there is no figure (an install or build failure). */
  error?: string;
  note?: string;
}

export interface BreakdownRow {
  /** A group (`Lit`, `Stripe loaders`, …) or one of the element's modules. */
  name: string;
  /** Bytes before minification, as the bundler reports its modules (`chunk.modules[id].renderedLength`). */
  rendered: number;
  /** Bytes of the minified bundle this group's code became, by source map. */
  min: number;
  /** Proportional share of the bundle's gzip size. */
  gzipShare: number;
}

export interface LazyChunkRow {
  /** File name beside the entry, e.g. `crypto-onramp-standalone.js`. */
  file: string;
  sizes: Sizes;
  /** What makes a page load it (`import()` in which module, and when). */
  loadedBy: string;
}

export interface SizeResult {
  rows: SizeRow[];
  /** The entry file, dist/cdn/crypto-onramp.js, as shipped: what every page loads. */
  dropIn: Sizes;
  budget: { limit: number; actual: number; ok: boolean };
  /** The earlier 9,000 B target, information only (ISSUE_6_NOTE). */
  issue6: { target: number; note: string };
  /** The drop-in's lazy chunks as shipped, and what loads each. */
  lazyChunks: LazyChunkRow[];
  /** Entry and every lazy chunk, each compressed on its own and summed: a page using every mode. */
  entryPlusChunks: Sizes;
  breakdown: BreakdownRow[];
  /** Whether the bench's replica of the drop-in build produces the same bytes as the real one (every file). */
  replicaMatches: boolean;
  versions: Record<string, string>;
}

export function measure(code: string | Uint8Array): Sizes {
  const bytes = typeof code === 'string' ? Buffer.from(code) : Buffer.from(code);
  return {
    min: bytes.byteLength,
    gzip: gzipSync(bytes, { level: 9 }).byteLength,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength },
    }).byteLength,
  };
}

interface BundleOptions {
  /** Absolute path of the entry module. */
  entry: string;
  /** Directory whose node_modules resolve the entry's imports. */
  root: string;
  external?: RegExp[];
  plugins?: Plugin[];
  alias?: typeof stripePureAliases;
  sourcemap?: boolean;
}

interface Bundle {
  code: string;
  map: { sources: string[]; mappings: string } | undefined;
  modules: Record<string, { renderedLength: number }>;
  /** The lazy chunks, by file name, with the modules whose `import()` loads each. */
  lazyChunks: Array<{ fileName: string; code: string; importers: string[] }>;
}

/**
 * One ES module, everything not `external` bundled in, with the drop-in's build settings: its
 * minifier (oxc, then terser) for every bundle, the element's and the competitors' alike.
 */
async function bundle(options: BundleOptions): Promise<Bundle> {
  const importers = new Map<string, string[]>();
  const config: InlineConfig = {
    configFile: false,
    logLevel: 'silent',
    root: options.root,
    plugins: [...(options.plugins ?? []), terserChunks(), recordDynamicImporters(importers)],
    resolve: { alias: options.alias ?? [] },
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      write: false,
      target: 'es2022',
      sourcemap: options.sourcemap ? 'hidden' : false,
      // The shipped name: the lazy chunks import the entry by it, so their bytes match the shipped ones.
      lib: { entry: options.entry, formats: ['es'], fileName: () => 'crypto-onramp.js' },
      rolldownOptions: {
        external: options.external ?? [],
        // As vite.config.ts: what the lazy chunks share stays in the entry.
        preserveEntrySignatures: 'allow-extension',
        output: { minify: DROP_IN_MINIFY, chunkFileNames: 'crypto-onramp-[name].js' },
        checks: { bundlerTimings: false },
      },
    },
  };
  const result = (await build(config)) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
  const output = (Array.isArray(result) ? result[0]! : result).output;
  const chunk = output.find((item): item is Rolldown.OutputChunk => item.type === 'chunk' && item.isEntry);
  if (!chunk) throw new Error(`no entry chunk for ${options.entry}`);
  const lazyChunks = output
    .filter((item): item is Rolldown.OutputChunk => item.type === 'chunk' && !item.isEntry)
    .map((lazy) => ({ fileName: lazy.fileName, code: lazy.code, importers: importers.get(lazy.facadeModuleId ?? '') ?? [] }));
  return {
    code: chunk.code,
    map: chunk.map ? { sources: chunk.map.sources, mappings: chunk.map.mappings } : undefined,
    modules: Object.fromEntries(Object.entries(chunk.modules).map(([id, m]) => [id, { renderedLength: m.renderedLength }])),
    lazyChunks,
  };
}

/** Fills `into` with each dynamically imported module's importers (root-relative), for the report. */
function recordDynamicImporters(into: Map<string, string[]>): Plugin {
  return {
    name: 'record-dynamic-importers',
    generateBundle(_, output) {
      for (const item of Object.values(output)) {
        if (item.type !== 'chunk' || item.isEntry || !item.facadeModuleId) continue;
        const importerIds = this.getModuleInfo(item.facadeModuleId)?.dynamicImporters ?? [];
        into.set(item.facadeModuleId, importerIds.map((id) => relative(ROOT, id)));
      }
    },
  };
}

/** Sizes summed file by file: what a page that loads all of them downloads. */
function sum(sizes: Sizes[]): Sizes {
  return sizes.reduce((a, b) => ({ min: a.min + b.min, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli }), { min: 0, gzip: 0, brotli: 0 });
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUE = new Map([...BASE64].map((c, i) => [c, i]));

/**
 * Bytes of generated code per source index (-1 for bytes no mapping covers: newlines, the glue
 * the bundler writes), from a source map's VLQ mappings. A segment owns the bytes up to the next.
 */
export function attributeBytes(code: string, mappings: string): Map<number, number> {
  const totals = new Map<number, number>();
  const add = (source: number, bytes: number) => totals.set(source, (totals.get(source) ?? 0) + bytes);
  const lines = code.split('\n');
  const mappingLines = mappings.split(';');
  let source = 0;
  for (let lineIndex = 0; lineIndex < lines.length; lineIndex++) {
    const line = lines[lineIndex]!;
    const segments: Array<[column: number, source: number]> = [];
    let column = 0;
    for (const segment of (mappingLines[lineIndex] ?? '').split(',')) {
      if (!segment) continue;
      const fields = decodeVlq(segment);
      column += fields[0]!;
      if (fields.length >= 4) {
        source += fields[1]!;
        segments.push([column, source]);
      } else {
        segments.push([column, -1]);
      }
      // fields[2], fields[3] (original line/column) and [4] (name) are not needed, but the
      // original-line/column deltas are relative, so they need no tracking for attribution.
    }
    // Byte lengths, not UTF-16 lengths: the file is measured in bytes.
    const byteLength = (from: number, to: number) => Buffer.byteLength(line.slice(from, to));
    add(-1, byteLength(0, segments[0]?.[0] ?? line.length));
    segments.forEach(([start, src], i) => add(src, byteLength(start, segments[i + 1]?.[0] ?? line.length)));
    if (lineIndex < lines.length - 1) add(-1, 1);
  }
  return totals;
}

function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64_VALUE.get(char);
    if (digit === undefined) throw new Error(`bad VLQ character ${char}`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

const GLUE = 'Bundler glue (bytes no source maps to: separators, declarations, the export list the lazy chunks import)';

/** Which group a module belongs to in the breakdown. */
function groupOf(id: string): string {
  const path = id.replace(/\\/g, '/');
  if (/node_modules\/(lit|lit-html|lit-element|@lit)\//.test(path)) return 'Lit (lit-html, lit-element, reactive-element)';
  if (/node_modules\/@stripe\//.test(path)) return "Stripe's loaders (@stripe/crypto, @stripe/stripe-js pure)";
  if (path.startsWith('src/')) return path;
  return GLUE;
}

async function installCompetitors(): Promise<Map<string, string>> {
  const failures = new Map<string, string>();
  await mkdir(SCRATCH, { recursive: true });
  const specs = COMPETITORS.map((c) => `${c.name}@${c.version}`);
  const install = (packages: string[]) =>
    run('npm', ['install', '--prefix', SCRATCH, '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', ...packages], {
      cwd: ROOT,
      timeout: 180_000,
    });
  try {
    await install(specs);
  } catch {
    // One at a time, so that one package that fails does not cost the others their figures.
    for (const spec of specs) {
      try {
        await install([spec]);
      } catch (error) {
        failures.set(spec, firstLine(error));
      }
    }
  }
  return failures;
}

function firstLine(error: unknown): string {
  const text = (error as { stderr?: string }).stderr || (error instanceof Error ? error.message : String(error));
  return text.split('\n').find((line) => line.trim() && !/Unknown user config/.test(line))?.trim().slice(0, 160) ?? 'failed';
}

export async function runSize(log: (line: string) => void = () => {}): Promise<SizeResult> {
  // 1. The drop-in, built by the project's own command and measured as written.
  log('size: building the drop-in (vite build --config vite.config.ts)');
  await run(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.config.ts', '--logLevel', 'warn'], {
    cwd: ROOT,
    timeout: 180_000,
  });
  const shipped = await readFile(join(ROOT, 'dist/cdn/crypto-onramp.js'));
  const dropIn = measure(shipped);

  // 2. The same build again, in process with a hidden source map, for the breakdown.
  const define = join(ROOT, 'src/element/define.ts');
  const elementPlugins = () => [minifyCssLiterals(), trimTemplates()];
  const replica = await bundle({ entry: define, root: ROOT, plugins: [trimStripeLoaders(), trimLit(), ...elementPlugins()], alias: stripePureAliases, sourcemap: true });
  // The lazy chunks as shipped, by the names the replica gives them (the build emptied dist/cdn).
  const lazyChunks: LazyChunkRow[] = [];
  let replicaMatches = Buffer.byteLength(replica.code) === shipped.byteLength;
  for (const lazy of replica.lazyChunks) {
    const file = await readFile(join(ROOT, 'dist/cdn', lazy.fileName));
    replicaMatches &&= Buffer.byteLength(lazy.code) === file.byteLength;
    const importers = lazy.importers.length ? lazy.importers.map((id) => `\`import()\` in ${id}`).join(', ') : 'an `import()`';
    const when = LAZY_CHUNK_TRIGGERS[lazy.fileName];
    lazyChunks.push({ file: lazy.fileName, sizes: measure(file), loadedBy: when ? `${importers}: ${when}` : importers });
  }
  const total = Buffer.byteLength(replica.code);
  const sources = replica.map?.sources ?? [];
  // Source-map paths are relative to the (unwritten) output directory, dist/.
  const sourceGroup = (index: number) =>
    index < 0 ? GLUE : groupOf(relative(ROOT, resolve(ROOT, 'dist', sources[index] ?? '')));
  const groups = new Map<string, { rendered: number; min: number }>();
  const group = (name: string) => groups.get(name) ?? groups.set(name, { rendered: 0, min: 0 }).get(name)!;
  for (const [index, bytes] of attributeBytes(replica.code, replica.map?.mappings ?? '')) group(sourceGroup(index)).min += bytes;
  for (const [id, m] of Object.entries(replica.modules)) group(groupOf(relative(ROOT, id))).rendered += m.renderedLength;
  const breakdown = [...groups]
    .map(([name, g]) => ({ name, rendered: g.rendered, min: g.min, gzipShare: Math.round((g.min / total) * dropIn.gzip) }))
    .sort((a, b) => b.min - a.min);

  const rows: SizeRow[] = [
    { label: '<crypto-onramp> drop-in, entry file (dist/cdn/crypto-onramp.js)', what: `crypto-onramp-element@${await packageVersion(ROOT)}`, sizes: dropIn, note: 'Lit + Stripe loaders + element' },
  ];

  // 3. The element's own code: Lit and Stripe's loaders external.
  log('size: the element alone, and Lit + Stripe loaders alone');
  const own = await bundle({ entry: define, root: ROOT, plugins: elementPlugins(), external: [/^lit(\/|$)/, /^@lit\//, /^@stripe\//] });
  rows.push({ label: "Element's own code (Lit, Stripe loaders external)", what: 'src/element/define.ts', sizes: measure(own.code) });

  // 4. Lit + Stripe's loaders alone: exactly what the element imports from them, once with the
  // drop-in's edits of the loaders and of Lit (what the entry holds) and once as published (information).
  await mkdir(join(SCRATCH, 'entries'), { recursive: true });
  const libsEntry = join(SCRATCH, 'entries', 'lit-and-stripe-loaders.js');
  await writeFile(
    libsEntry,
    ["export { LitElement, html, nothing, css } from 'lit';", "export { loadStripeOnramp } from '@stripe/crypto/pure.js';", ''].join('\n'),
  );
  const libVersions = `lit@${await packageVersion(join(ROOT, 'node_modules/lit'))}, @stripe/crypto@${await packageVersion(join(ROOT, 'node_modules/@stripe/crypto'))}, @stripe/stripe-js@${await packageVersion(join(ROOT, 'node_modules/@stripe/stripe-js'))}`;
  const libs = await bundle({ entry: libsEntry, root: ROOT, plugins: [trimStripeLoaders(), trimLit()], alias: stripePureAliases });
  rows.push({ label: 'Lit + Stripe loaders alone (what the element imports), as the drop-in bundles them', what: libVersions, sizes: measure(libs.code), note: 'without code no supported page reaches (vite.config.ts, STRIPE_LOADER_EDITS, LIT_EDITS)' });
  const published = await bundle({ entry: libsEntry, root: ROOT, alias: stripePureAliases });
  rows.push({ label: 'Lit + Stripe loaders alone, as published (information)', what: libVersions, sizes: measure(published.code) });

  // 5. The competitors, installed here at exact versions.
  log('size: installing and bundling the competing SDKs');
  const failures = await installCompetitors();
  for (const competitor of COMPETITORS) {
    const spec = `${competitor.name}@${competitor.version}`;
    const failure = failures.get(spec);
    if (failure) {
      rows.push({ label: competitor.name, what: spec, error: `install failed: ${failure}` });
      continue;
    }
    try {
      const installed = await packageVersion(join(SCRATCH, 'node_modules', competitor.name));
      const entry = join(SCRATCH, 'entries', `${competitor.name.replace(/[@/]/g, '_')}.js`);
      await writeFile(entry, `export * from '${competitor.name}';\n`);
      const result = await bundle({ entry, root: SCRATCH });
      rows.push({ label: competitor.name, what: `${competitor.name}@${installed}`, sizes: measure(result.code), note: COMPETITOR_NOTES[competitor.name] });
    } catch (error) {
      rows.push({ label: competitor.name, what: spec, error: `bundle failed: ${firstLine(error)}` });
    }
  }

  const versions: Record<string, string> = {
    vite: await packageVersion(join(ROOT, 'node_modules/vite')),
    rolldown: await packageVersion(join(ROOT, 'node_modules/rolldown')),
    terser: await packageVersion(join(ROOT, 'node_modules/terser')),
  };
  return {
    rows,
    dropIn,
    budget: { limit: DROP_IN_GZIP_BUDGET, actual: dropIn.gzip, ok: dropIn.gzip <= DROP_IN_GZIP_BUDGET },
    issue6: { target: ISSUE_6_TARGET, note: ISSUE_6_NOTE },
    lazyChunks,
    entryPlusChunks: sum([dropIn, ...lazyChunks.map((chunk) => chunk.sizes)]),
    breakdown,
    replicaMatches,
    versions,
  };
}

/** What each competitor's bytes buy, so the table is read fairly. */
const COMPETITOR_NOTES: Record<string, string> = {
  '@ramp-network/ramp-instant-sdk': 'full widget host (iframe, overlay, styles)',
  '@transak/ui-js-sdk': 'iframe/modal host, with query-string and events',
  '@coinbase/cbpay-js': 'popup/iframe host; no element, no UI state',
  '@moonpay/moonpay-js': 'loader only: fetches its SDK from static.moonpay.com at run time',
};
