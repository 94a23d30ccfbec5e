/** Renders the bench's figures as Markdown: printed by `npm run bench` and written to bench/RESULTS.md. */
import type { ChurnPart, ChurnResult } from './churn.js';
import type { MachineInfo } from './env.js';
import { READY_VARIANTS, type ReadyResult } from './ready.js';
import type { ServerResult, ServerRun } from './server.js';
import type { SizeResult } from './size.js';
import type { AbuseResult } from './abuse.js';
import type { NetworkResult } from './network.js';
import { renderNetwork } from './network-report.js';

export interface BudgetLine {
  name: string;
  limit: string;
  measured: string;
  ok: boolean;
  /** Why the measurement could not be made, if it could not. */
  error?: string;
}

export interface BenchResults {
  startedAt: string;
  seconds: number;
  command: string;
  quick: boolean;
  machine: MachineInfo;
  versions: Record<string, string>;
  settings: Record<string, string | number>;
  size?: SizeResult;
  /** The run the budget is checked on (READY_BUDGET_LATENCY_MS). */
  ready?: ReadyResult;
  /** Runs at other latencies, information. */
  readyAtOtherLatencies?: ReadyResult[];
  /** Time to ready on the modelled network, per engine. */
  network?: NetworkResult;
  churn?: ChurnResult;
  server?: ServerResult;
  abuse?: AbuseResult;
  errors: Record<string, string>;
  budgets: BudgetLine[];
}

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—');
const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(n < 10 ? 2 : 1)} ms` : '—');
const signed = (n: number) => (n > 0 ? `+${int(n)}` : int(n));
const mark = (ok: boolean) => (ok ? 'met' : '**missed**');

function table(header: string[], rows: Array<Array<string | number>>): string {
  const line = (cells: Array<string | number>) => `| ${cells.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`;
  // Right-align the columns whose every cell is a figure.
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((row) => /^[+-]?[\d,.]+( ?(ms|s|%|kB))?$|^—$/.test(String(row[i] ?? '').replace(/\*/g, ''))));
  return [line(header), line(numeric.map((n) => (n ? '---:' : '---'))), ...rows.map(line)].join('\n');
}

export function renderMarkdown(r: BenchResults): string {
  const out: string[] = [];
  out.push('# Benchmark results');
  out.push('');
  out.push(
    `Written by \`${r.command}\` on ${r.startedAt} in ${Math.round(r.seconds)} s.${r.quick ? ' **Quick mode: small counts, not the figures of record.**' : ''} ` +
      'How to run it and what each figure means: [README.md](README.md). Budgets are checked by the bench, which exits non-zero when one is missed.',
  );
  out.push('');
  out.push('## Budgets');
  out.push('');
  out.push(table(['Budget', 'Limit', 'Measured', 'Result'], r.budgets.map((b) => [b.name, b.limit, b.error ? `not measured: ${b.error}` : b.measured, mark(b.ok)])));
  out.push('');
  out.push('## Machine');
  out.push('');
  const m = r.machine;
  out.push(
    table(
      ['What', 'Value'],
      [
        ['CPU', `${m.cpu}, ${m.cores} cores`],
        ['Memory', `${m.memoryGiB} GiB (${m.freeMemoryGiB} GiB free at start)`],
        ['OS', m.os],
        ['Node', m.node],
        ['Chromium', m.chromium],
        ['Load average (1 min) at start / end', `${m.loadStart} / ${m.loadEnd ?? '—'}${(m.loadEnd ?? 0) > m.cores || m.loadStart > m.cores ? ' (busy: other work was running)' : ''}`],
      ],
    ),
  );
  out.push('');
  out.push('Settings: ' + Object.entries(r.settings).map(([k, v]) => `${k} ${v}`).join(', ') + '.');
  out.push('');
  if (Object.keys(r.errors).length > 0) {
    out.push('## Errors');
    out.push('');
    for (const [section, message] of Object.entries(r.errors)) out.push(`- ${section}: ${message}`);
    out.push('');
  }
  if (r.size) out.push(renderSize(r.size));
  if (r.ready) out.push(renderReady(r.ready, r.readyAtOtherLatencies ?? []));
  if (r.network) out.push(renderNetwork(r.network));
  if (r.churn) out.push(renderChurn(r.churn));
  if (r.server) out.push(renderServer(r.server));
  if (r.abuse) out.push(renderAbuse(r.abuse));
  out.push('## Versions measured');
  out.push('');
  out.push(table(['Package or tool', 'Version'], Object.entries(r.versions).map(([k, v]) => [k, v])));
  out.push('');
  return out.join('\n');
}

function renderSize(s: SizeResult): string {
  const out: string[] = [];
  out.push('## 1. Size');
  out.push('');
  out.push(
    'Each row is one ES module bundled by Vite/Rolldown and minified as the drop-in is (oxc, then terser; all dependencies in unless said), ' +
      'then gzip level 9; brotli quality 11 as information. Competitors are `export * from \'<package>\'`.',
  );
  out.push('');
  out.push(
    table(
      ['Bundle', 'Package', 'Minified bytes', 'gzip bytes', 'brotli bytes', 'Note'],
      s.rows.map((row) =>
        row.sizes
          ? [row.label, row.what, int(row.sizes.min), int(row.sizes.gzip), int(row.sizes.brotli), row.note ?? '']
          : [row.label, row.what, '—', '—', '—', row.error ?? ''],
      ),
    ),
  );
  out.push('');
  out.push("### The drop-in's files");
  out.push('');
  out.push(
    'The entry file is what every page loads, and what the budget is on. The lazy chunks sit beside it and load only when ' +
      'a page uses what they hold; each is compressed on its own, and the total is what a page using every mode downloads, ' +
      'so code moved into a chunk shows here and is not a saving for the pages that use it.',
  );
  out.push('');
  out.push(
    table(
      ['File (dist/cdn/)', 'Loaded by', 'Minified bytes', 'gzip bytes', 'brotli bytes'],
      [
        ['crypto-onramp.js (entry)', 'every page', int(s.dropIn.min), int(s.dropIn.gzip), int(s.dropIn.brotli)],
        ...s.lazyChunks.map((chunk) => [chunk.file, chunk.loadedBy, int(chunk.sizes.min), int(chunk.sizes.gzip), int(chunk.sizes.brotli)]),
        ['Entry + all chunks', 'a page using every mode', int(s.entryPlusChunks.min), int(s.entryPlusChunks.gzip), int(s.entryPlusChunks.brotli)],
      ],
    ),
  );
  out.push('');
  const libs = s.rows.find((row) => row.label.startsWith('Lit + Stripe'))?.sizes;
  const published = s.rows.find((row) => row.label.includes('as published'))?.sizes;
  const own = s.rows.find((row) => row.label.startsWith("Element's own"))?.sizes;
  const gap = s.dropIn.gzip - s.budget.limit;
  out.push(
    `Budget: the entry file at most ${int(s.budget.limit)} bytes gzip; it is ${int(s.dropIn.gzip)} (${mark(s.budget.ok)}, ` +
      `${int(Math.abs(gap))} bytes ${gap > 0 ? 'over' : 'under'}).` +
      (libs && own
        ? ` Lit and Stripe's loaders alone, bundled the same way, are ${int(libs.gzip)} bytes gzip (${Math.round((libs.gzip / s.budget.limit) * 100)}% of the budget` +
          (published ? `; ${int(published.gzip)} with the loaders as published, before the drop-in's edits of their unreachable code` : '') +
          '), ' +
          `leaving ${int(s.budget.limit - libs.gzip)} bytes for the element; the element's own code, minified and gzipped on its own, is ${int(own.gzip)} bytes. ` +
          `(Compressed sizes do not add up exactly: one gzip stream shares its dictionary across all parts.)`
        : '') +
      ` Information, not a budget: ${int(s.issue6.target)} bytes, ${s.issue6.note}; the entry is ${int(s.dropIn.gzip - s.issue6.target)} bytes above it.`,
  );
  out.push('');
  out.push('### Where the drop-in\'s bytes go');
  out.push('');
  out.push(
    'Every byte of the minified bundle is attributed to the module it came from through the bundle\'s source map ' +
      '(built again in process with the same settings; ' +
      (s.replicaMatches ? 'its size, and each lazy chunk\'s, matches the shipped files exactly' : '**its size differs from the shipped files**') +
      '). "Before minification" is the bundler\'s own per-module analysis (`renderedLength`); the gzip share is proportional to minified bytes.',
  );
  out.push('');
  const totalMin = s.breakdown.reduce((a, b) => a + b.min, 0);
  out.push(
    table(
      ['Part', 'Before minification bytes', 'Minified bytes', 'Share %', 'gzip share bytes'],
      [
        ...s.breakdown.map((b) => [b.name, int(b.rendered), int(b.min), `${((b.min / totalMin) * 100).toFixed(1)}%`, int(b.gzipShare)]),
        ['Total', int(s.breakdown.reduce((a, b) => a + b.rendered, 0)), int(totalMin), '100%', int(s.dropIn.gzip)],
      ],
    ),
  );
  out.push('');
  return out.join('\n');
}

function renderReady(r: ReadyResult, others: ReadyResult[]): string {
  const out: string[] = [];
  out.push('## 2. Time to ready');
  out.push('');
  out.push(
    `Headless Chromium, a fresh context and page per load, the emulator adding ${r.latency.apiMs} ms to its API (which the minting endpoint calls) ` +
      `and ${r.latency.scriptsMs} ms to each of Stripe's two scripts; ${r.repetitions} loads per variant, alternating. ` +
      'Times are ms since navigation start; the phase columns are medians from the page\'s resource timing.',
  );
  out.push('');
  out.push(
    table(
      ['Variant', 'Median ready ms', 'Request sent ms', 'Session answered ms', 'Scripts in ms', 'Mounted ms', 'All loads ms'],
      READY_VARIANTS.map((v) => {
        const p = r.phases[v.key];
        return [v.label, ms(r.medians[v.key]), ms(p.sessionStart), ms(p.sessionEnd), ms(p.scriptsEnd), ms(p.mounted), r.samples[v.key].map((x) => Math.round(x)).join(', ')];
      }),
    ),
  );
  out.push('');
  out.push(
    `Ratio element / hand-written (Stripe's sample order): **${r.ratio}** (budget at most ${r.budget.limit} with equal latencies: ${mark(r.budget.ok)}). ` +
      `Element / hand-written with the scripts started first: ${r.ratioParallel} (information).`,
  );
  if (r.errors.length) out.push(`\nLoads that failed: ${r.errors.join('; ')}`);
  out.push('');
  if (others.length > 0) {
    out.push('The same loads at other latencies (information; no budget). The fixed costs every variant pays, page start and Stripe\'s iframe, weigh more as the latency falls:');
    out.push('');
    out.push(
      table(
        ['Latency, endpoint and each script', 'Element median ms', 'Hand-written (sample order) median ms', 'Scripts first median ms', 'Ratio element / hand-written', 'Ratio element / scripts first'],
        [r, ...others]
          .sort((a, b) => a.latency.apiMs - b.latency.apiMs)
          .map((run) => [`${run.latency.apiMs} ms`, ms(run.medians.element), ms(run.medians.handwritten), ms(run.medians.parallel), run.ratio, run.ratioParallel]),
      ),
    );
    const failed = others.flatMap((run) => run.errors);
    if (failed.length) out.push(`\nLoads that failed: ${failed.join('; ')}`);
    out.push('');
  }
  return out.join('\n');
}

function renderChurn(c: ChurnResult): string {
  const out: string[] = [];
  out.push('## 3. Churn');
  out.push('');
  out.push(
    'One page, the drop-in bundle. Each part is measured against the state just before it, after every element is removed, ' +
      'a 500 ms pause and forced garbage collection (`window.gc()` and the DevTools protocol\'s `HeapProfiler.collectGarbage`). ' +
      'Listeners are those on `window` and `document` (DevTools `DOMDebugger.getEventListeners`), attributed to the script that added them. ' +
      'Open requests: the browser\'s (DevTools Network events, any frame) and the test server\'s minting requests in flight.',
  );
  out.push('');
  out.push(
    table(
      ['Part', 'Cycles count', 'Waited for ready count', 'Mints count', 'Time s', 'Heap growth bytes', "Element's listeners left", "Stripe's listeners left", 'Iframes left', 'Mount nodes left', 'Requests open count'],
      c.parts.map((p: ChurnPart) => [
        p.label + (p.failures.length ? ` (failures: ${p.failures.join('; ')})` : '') + (Object.keys(p.errors).length ? ` (error events: ${JSON.stringify(p.errors)})` : ''),
        int(p.cycles),
        int(p.readies),
        int(p.mints),
        p.seconds.toFixed(1),
        signed(p.heapGrowth),
        p.listenersLeft.element,
        p.listenersLeft.stripe + listenerTypes(p),
        p.iframesLeft,
        p.mountNodesLeft,
        `${p.after.browserRequestsOpen} / ${p.after.serverRequestsOpen}`,
      ]),
    ),
  );
  out.push('');
  const b = c.budget;
  out.push(
    `Budget: heap growth under ${int(b.heap.limit)} bytes per part (largest: ${signed(b.heap.actual)}, ${mark(b.heap.ok)}); ` +
      `no listener of the element's, iframe, mount node or request left (${mark(b.leftovers.ok)}). ` +
      "Stripe's listeners are counted apart: Stripe's script (and the emulator's stand-in, which imitates it) adds a `message` listener to `window` for every `createSession` and never removes it; " +
      'the last row shows the same count with no element at all.',
  );
  out.push('');
  return out.join('\n');
}

function listenerTypes(p: ChurnPart): string {
  const before = p.before.listeners.stripe;
  const after = p.after.listeners.stripe;
  const types = Object.keys(after).filter((k) => k !== 'total' && (after[k] ?? 0) - (before[k] ?? 0) !== 0);
  return types.length ? ` (${types.map((t) => `${t} ${signed((after[t] ?? 0) - (before[t] ?? 0))}`).join(', ')})` : '';
}

function renderServer(s: ServerResult): string {
  const out: string[] = [];
  out.push('## 4. Server kit');
  out.push('');
  out.push(
    'Separate processes on loopback: the emulator (as Stripe), the site (`createOnrampSessionHandler` behind `toNodeHandler` on `http`), a bare hand-written endpoint, and the load generator. ' +
      'Same requests (`{"destination_currency":"eth","destination_network":"ethereum"}` with an Idempotency-Key), same concurrency, alternating rounds. ' +
      '"direct" is the same `stripe` client settings calling the emulator with what the kit would send.',
  );
  out.push('');
  const rows = (run: ServerRun) =>
    (['kit', 'direct', 'plain'] as const).map((name) => {
      const p = run.paths[name];
      const label = { kit: 'kit endpoint → emulator', direct: 'stripe client → emulator (direct)', plain: 'hand-written endpoint → emulator' }[name];
      return [`${label}, concurrency ${run.concurrency}`, int(p.requests), p.errors, int(p.rps), ms(p.p50), ms(p.p90), ms(p.p99), p.serverCpuMicros === undefined ? '—' : int(p.serverCpuMicros)];
    });
  out.push(table(['Path', 'Requests count', 'Errors count', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'Site CPU per request µs'], [...rows(s.main), ...rows(s.sequential)]));
  out.push('');
  out.push(
    `Added by the kit at p50, one request at a time: **${ms(s.sequential.addedP50)}** over direct (budget under ${ms(s.budget.limit)}: ${mark(s.budget.ok)}), ` +
      `${ms(s.sequential.addedOverPlainP50)} over the hand-written endpoint. ` +
      `Under load (concurrency ${s.main.concurrency}, information: on 2 cores the three processes queue for CPU, and a bare hand-written endpoint pays that too): ` +
      `${ms(s.main.addedP50)} over direct, ${ms(s.main.addedOverPlainP50)} over the hand-written endpoint; p99 ${ms(s.main.addedP99)} over direct. ` +
      `The handler's own work, in process with Stripe stubbed: ${s.handlerMicros} µs per request, of which building and reading a \`Request\` and a \`Response\` on this Node costs ${s.fetchObjectsMicros} µs.`,
  );
  if (s.firstError) out.push(`\nFirst error: ${s.firstError}`);
  out.push('');
  return out.join('\n');
}

function renderAbuse(a: AbuseResult): string {
  const out: string[] = [];
  out.push('## 5. Under abuse, and past one process');
  out.push('');
  out.push(
    'Validation: 16 shapes of hostile body, each built for one rule\'s worst case, at 64 kB and 1 MB: through `createOnrampSessionHandler` in process (`maxBodyBytes` raised to 2 MB so they are read), or, for parameters only the server sets (which reach the rules as objects from the site\'s hooks, never as JSON), through the shared rules on the object; each refused with a 400 before any Stripe call. ' +
      'Before linear validation the destination lists took 14 ms at 8 kB, 0.63–0.86 s at 64 kB and 153 s at 1 MB; before wallet keys were looked up in a Set, 1 MB of them took 9 s.',
  );
  out.push('');
  out.push(table(['Body', 'Bytes', 'Status', 'p50 ms', 'Slowest ms'], a.validation.map((row) => [row.body, int(row.bytes), row.status, ms(row.p50Ms), ms(row.maxMs)])));
  out.push('');
  out.push('Redaction (`redactSecrets`, every kit log line and every passed-through text): 1 MB texts. Before it was made linear: 10k letters 193 ms, 40k 1.95 s, 160k 25 s.');
  out.push('');
  out.push(table(['Text', 'p50 ms', 'Slowest ms'], a.redaction.map((row) => [row.text, ms(row.p50Ms), ms(row.maxMs)])));
  out.push('');
  out.push(
    "Redis outage, `rateLimit.failure: 'closed'`, default store timeout (250 ms), both client packages with their default options: each request's time to its answer (503 `rate_limit_unavailable`). " +
      'Before: no timeout, `DEBUG SLEEP 6` held every request 5.9 s and a stopped Redis under ioredis up to 68 s.',
  );
  out.push('');
  if (a.outage.length > 0) out.push(table(['Scenario', 'Requests', 'Status', 'p50 ms', 'p99 ms', 'Slowest ms'], a.outage.map((row) => [row.scenario, int(row.requests), row.status, ms(row.p50Ms), ms(row.p99Ms), ms(row.maxMs)])));
  if (a.outageError) out.push(`Outage not measured: ${a.outageError}`);
  out.push('');
  out.push(
    'Emulator create latency, one request at a time over loopback, after filling it with N sessions (in process, memory vs `--data`, the append-only log). ' +
      'Before (a whole-file rewrite per change): 10.5 ms at 1k sessions, 174.5 ms at 20k, against 0.4–0.8 ms in memory.',
  );
  out.push('');
  out.push(table(['Sessions', 'In memory p50 ms', '--data p50 ms', 'Ratio'], a.persistence.map((row) => [int(row.sessions), ms(row.memoryP50Ms), ms(row.dataP50Ms), String(row.ratio)])));
  out.push('');
  out.push('Rate limiter, cost of one `increment` (one request counted), sequential, 500 keys; Redis is a local `redis-server` on loopback (one `EVALSHA` round trip).');
  out.push('');
  if (a.limiter.length > 0) out.push(table(['Store', 'p50 ms', 'p99 ms'], a.limiter.map((row) => [row.store, ms(row.p50Ms), ms(row.p99Ms)])));
  if (a.limiterError) out.push(`Redis not measured: ${a.limiterError}`);
  out.push('');
  return out.join('\n');
}
