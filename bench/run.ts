/**
 * `npm run bench`: size, time to ready, churn and the server kit in one run; prints the figures,
 * writes bench/RESULTS.md, and exits 1 when a budget is missed (after writing).
 *
 * Flags: `--quick` (small counts, writes bench/.scratch/RESULTS.quick.md instead), `--only=size,ready,network,churn,server,abuse`,
 * `--engines=chromium,firefox,webkit` (the network model's engines; default all three).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { chromiumPath, launchChromium } from './browser.js';
import { runChurn } from './churn.js';
import { machineInfo, packageVersion, ROOT, round2, SCRATCH } from './env.js';
import { startPageServer } from './pages.js';
import { READY_BUDGET_LATENCY_MS, runReady } from './ready.js';
import { renderMarkdown, type BenchResults, type BudgetLine } from './report.js';
import { runServer } from './server.js';
import { runAbuse } from './abuse.js';
import { NETWORK_LEVERS, runNetwork } from './network.js';
import { ENGINES, type Engine } from '../test/browser/support/engines.js';
import { COMPETITORS, DROP_IN_GZIP_BUDGET, runSize } from './size.js';
import { startEmulator } from '../src/emulator/index.js';

const SECTIONS = ['size', 'ready', 'network', 'churn', 'server', 'abuse'] as const;
type Section = (typeof SECTIONS)[number];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyArg = args.find((arg) => arg.startsWith('--only='));
const enginesArg = args.find((arg) => arg.startsWith('--engines='));
const networkEngines = (enginesArg ? enginesArg.slice('--engines='.length).split(',') : ENGINES) as Engine[];
const only = new Set<Section>(onlyArg ? (onlyArg.slice('--only='.length).split(',') as Section[]) : SECTIONS);

const settings = quick
  ? { readyRepetitions: 3, networkRepetitions: 3, latenciesMs: [READY_BUDGET_LATENCY_MS], churnCycles: 100, churnApiLatencyMs: 30, presetChanges: 10, readyEvery: 10, serverRequests: 400, serverConcurrency: 16, sequentialRequests: 100, maxSecondsPerPath: 10, sessionCounts: [1000, 2000], creates: 100, validationRepetitions: 3, limiterHits: 500, outageRequests: 500 }
  : { readyRepetitions: 13, networkRepetitions: 7, latenciesMs: [READY_BUDGET_LATENCY_MS, 300], churnCycles: 1000, churnApiLatencyMs: 30, presetChanges: 100, readyEvery: 10, serverRequests: 2000, serverConcurrency: 16, sequentialRequests: 500, maxSecondsPerPath: 30, sessionCounts: [1000, 20_000], creates: 300, validationRepetitions: 7, limiterHits: 3000, outageRequests: 3000 };

const log = (line: string) => console.error(`[bench] ${line}`);
const message = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!;

async function main(): Promise<number> {
  const started = performance.now();
  const results: BenchResults = {
    startedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    seconds: 0,
    command: `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`,
    quick,
    machine: await machineInfo(await chromiumPath()),
    versions: {},
    settings: {
      'ready loads per variant': settings.readyRepetitions,
      'latency (API, each script)': settings.latenciesMs.map((ms) => `${ms} ms`).join(', ') + ` (budget at ${READY_BUDGET_LATENCY_MS} ms)`,
      'network loads per contender and engine': settings.networkRepetitions,
      'churn cycles': settings.churnCycles,
      'preset changes': settings.presetChanges,
      'churn API latency': `${settings.churnApiLatencyMs} ms`,
      'server requests per path': settings.serverRequests,
      'server concurrency': settings.serverConcurrency,
      'emulator sessions (--data rows)': settings.sessionCounts.map((n) => n.toLocaleString('en-US')).join(', '),
      'creates timed per row': settings.creates,
    },
    errors: {},
    budgets: [],
  };
  if (results.machine.loadStart > results.machine.cores) {
    log(`the machine is busy (load average ${results.machine.loadStart} on ${results.machine.cores} cores): timings will be noisy`);
  }

  // Size first: it builds dist/cdn/crypto-onramp.js, which the browser benchmarks load.
  if (only.has('size') || only.has('ready') || only.has('network') || only.has('churn')) {
    try {
      results.size = await runSize(log);
    } catch (error) {
      results.errors['size'] = message(error);
    }
  }

  // Before the loopback browser benchmarks: it needs the built drop-in, and runs its own servers.
  if (only.has('network')) {
    try {
      results.network = await runNetwork({ engines: networkEngines, repetitions: settings.networkRepetitions, levers: NETWORK_LEVERS, log });
    } catch (error) {
      results.errors['network'] = message(error);
    }
  }

  if (only.has('ready') || only.has('churn')) {
    const emulator = await startEmulator({ port: 0 });
    const pages = await startPageServer({ emulatorUrl: emulator.url, secretKey: emulator.secretKey, publishableKey: emulator.publishableKey });
    const browser = await launchChromium({ exposeGc: true });
    try {
      if (only.has('ready')) {
        try {
          for (const latencyMs of settings.latenciesMs) {
            const run = await runReady({
              browser,
              pages,
              emulator,
              repetitions: settings.readyRepetitions,
              apiLatencyMs: latencyMs,
              scriptLatencyMs: latencyMs,
              log,
            });
            if (latencyMs === READY_BUDGET_LATENCY_MS) results.ready = run;
            else (results.readyAtOtherLatencies ??= []).push(run);
          }
        } catch (error) {
          results.errors['ready'] = message(error);
        }
      }
      if (only.has('churn')) {
        try {
          results.churn = await runChurn({
            browser,
            pages,
            emulator,
            apiLatencyMs: settings.churnApiLatencyMs,
            cycles: settings.churnCycles,
            presetChanges: settings.presetChanges,
            readyEvery: settings.readyEvery,
            log,
          });
        } catch (error) {
          results.errors['churn'] = message(error);
        }
      }
    } finally {
      await browser.close();
      await pages.close();
      await emulator.close();
    }
  }

  if (only.has('server')) {
    try {
      results.server = await runServer({
        requests: settings.serverRequests,
        concurrency: settings.serverConcurrency,
        sequentialRequests: settings.sequentialRequests,
        maxSecondsPerPath: settings.maxSecondsPerPath,
        log,
      });
    } catch (error) {
      results.errors['server'] = message(error);
    }
  }

  if (only.has('abuse')) {
    try {
      results.abuse = await runAbuse({
        sessionCounts: settings.sessionCounts,
        creates: settings.creates,
        validationRepetitions: settings.validationRepetitions,
        limiterHits: settings.limiterHits,
        outageRequests: settings.outageRequests,
        log,
      });
    } catch (error) {
      results.errors['abuse'] = message(error);
    }
  }

  results.versions = await versions(results);
  results.budgets = budgets(results);
  results.machine.loadEnd = round2(loadavg()[0] ?? 0);
  results.seconds = (performance.now() - started) / 1000;

  const markdown = renderMarkdown(results);
  console.log(markdown);
  const partial = only.size < SECTIONS.length;
  const target = quick || partial ? join(SCRATCH, quick ? 'RESULTS.quick.md' : 'RESULTS.partial.md') : join(ROOT, 'bench/RESULTS.md');
  await mkdir(SCRATCH, { recursive: true });
  await writeFile(target, markdown);
  await writeFile(join(SCRATCH, 'results.json'), JSON.stringify(results, null, 2));
  log(`wrote ${target.slice(ROOT.length + 1)} in ${Math.round(results.seconds)} s`);

  const missed = results.budgets.filter((budget) => !budget.ok);
  if (missed.length) {
    log(`budgets missed: ${missed.map((budget) => budget.name).join('; ')}`);
    return 1;
  }
  log('all budgets met');
  return 0;
}

const DROP_IN_BUDGET_NAME = 'Drop-in entry file (dist/cdn/crypto-onramp.js, every page loads it), gzip';
const DROP_IN_BUDGET_LIMIT = `≤ ${DROP_IN_GZIP_BUDGET.toLocaleString('en-US')} bytes`;

function budgets(r: BenchResults): BudgetLine[] {
  const lines: BudgetLine[] = [];
  const notMeasured = (section: Section) => r.errors[section] ?? 'not run';
  if (only.has('size')) {
    lines.push(
      r.size
        ? { name: DROP_IN_BUDGET_NAME, limit: DROP_IN_BUDGET_LIMIT, measured: `${r.size.dropIn.gzip.toLocaleString('en-US')} bytes`, ok: r.size.budget.ok }
        : { name: DROP_IN_BUDGET_NAME, limit: DROP_IN_BUDGET_LIMIT, measured: '', ok: false, error: notMeasured('size') },
    );
  }
  if (only.has('ready')) {
    lines.push(
      r.ready
        ? {
            name: `Time to ready, element / hand-written (medians), ${READY_BUDGET_LATENCY_MS} ms on the endpoint and on each script`,
            limit: `≤ ${r.ready.budget.limit}`,
            measured: `${r.ready.ratio} (${Math.round(r.ready.medians.element)} / ${Math.round(r.ready.medians.handwritten)} ms)`,
            ok: r.ready.budget.ok,
          }
        : { name: `Time to ready, element / hand-written (medians), ${READY_BUDGET_LATENCY_MS} ms on the endpoint and on each script`, limit: '≤ 0.65', measured: '', ok: false, error: notMeasured('ready') },
    );
  }
  if (only.has('network')) {
    const name = "Time to ready on the mobile network model, element / Stripe's sequential sample (medians, Chromium); no slower than the best hand-written order in any engine";
    const n = r.network;
    lines.push(
      n
        ? { name, limit: `≤ ${n.budget.limit}, ≤ 1`, measured: `${n.budget.actual}${n.budget.detail ? ` (${n.budget.detail})` : ''}`, ok: n.budget.ok }
        : { name, limit: '≤ 0.55, ≤ 1', measured: '', ok: false, error: notMeasured('network') },
    );
  }
  if (only.has('churn')) {
    if (r.churn) {
      const b = r.churn.budget;
      lines.push({ name: 'Churn: heap growth after GC (largest part)', limit: '< 1,000,000 bytes', measured: `${b.heap.actual.toLocaleString('en-US')} bytes`, ok: b.heap.ok });
      lines.push({
        name: "Churn: element's listeners, iframes, mount nodes, requests left",
        limit: '0',
        measured: `${b.leftovers.listeners} listeners, ${b.leftovers.iframes} iframes, ${b.leftovers.requests} requests`,
        ok: b.leftovers.ok && r.churn.parts.every((p) => p.key === 'stripeAlone' || p.failures.length === 0),
      });
    } else {
      lines.push({ name: 'Churn', limit: '', measured: '', ok: false, error: notMeasured('churn') });
    }
  }
  if (only.has('server')) {
    lines.push(
      r.server
        ? {
            name: `Server kit: added p50 over direct, concurrency ${r.server.sequential.concurrency}`,
            limit: '< 1 ms',
            measured: `${r.server.sequential.addedP50} ms (${r.server.sequential.paths.kit.p50} vs ${r.server.sequential.paths.direct.p50} ms)`,
            ok: r.server.budget.ok,
          }
        : { name: 'Server kit: added p50 over direct', limit: '< 1 ms', measured: '', ok: false, error: notMeasured('server') },
    );
  }
  if (only.has('abuse')) {
    const a = r.abuse;
    lines.push(
      a
        ? {
            name: 'Emulator create p50 with --data / in memory, at ' + a.persistence.map((row) => `${row.sessions.toLocaleString('en-US')}`).join(' and ') + ' sessions',
            limit: `≤ ${a.budget.persistenceRatioLimit}`,
            measured: a.persistence.map((row) => `${row.ratio} (${row.dataP50Ms} / ${row.memoryP50Ms} ms)`).join(', '),
            ok: a.budget.persistenceOk,
          }
        : { name: 'Emulator create p50 with --data / in memory', limit: `≤ 2`, measured: '', ok: false, error: notMeasured('abuse') },
    );
    lines.push(
      a
        ? {
            name: 'Validation of a hostile body up to 1 MB (400), slowest run',
            limit: `≤ ${a.budget.validationLimitMs} ms`,
            measured: `${Math.max(...a.validation.map((row) => row.maxMs))} ms`,
            ok: a.budget.validationOk,
          }
        : { name: 'Validation of a hostile body up to 1 MB', limit: '≤ 100 ms', measured: '', ok: false, error: notMeasured('abuse') },
    );
    lines.push(
      a
        ? {
            name: 'Redaction of 1 MB of text, slowest run',
            limit: `≤ ${a.budget.redactionLimitMs} ms`,
            measured: `${Math.max(...a.redaction.map((row) => row.maxMs))} ms`,
            ok: a.budget.redactionOk,
          }
        : { name: 'Redaction of 1 MB of text', limit: '≤ 50 ms', measured: '', ok: false, error: notMeasured('abuse') },
    );
    lines.push(
      a && a.outage.length > 0
        ? {
            name: 'Redis outage (paused, stopped): slowest request, 503',
            limit: `≤ ${a.budget.outageLimitMs} ms (store timeout + 50)`,
            measured: `${Math.max(...a.outage.map((row) => row.maxMs))} ms`,
            ok: a.budget.outageOk,
          }
        : { name: 'Redis outage: slowest request', limit: '≤ 300 ms', measured: '', ok: false, error: a?.outageError ?? notMeasured('abuse') },
    );
  }
  return lines;
}

async function versions(r: BenchResults): Promise<Record<string, string>> {
  const nm = (name: string) => packageVersion(join(ROOT, 'node_modules', name)).catch(() => 'not installed');
  const list: Record<string, string> = {
    'crypto-onramp-element': await packageVersion(ROOT),
    lit: await nm('lit'),
    '@stripe/crypto': await nm('@stripe/crypto'),
    '@stripe/stripe-js': await nm('@stripe/stripe-js'),
    'stripe (Node SDK)': await nm('stripe'),
    vite: await nm('vite'),
    rolldown: await nm('rolldown'),
    terser: await nm('terser'),
    playwright: await nm('playwright'),
    tsx: await nm('tsx'),
    Node: process.version,
    Chromium: r.machine.chromium,
  };
  for (const competitor of COMPETITORS) {
    const row = r.size?.rows.find((x) => x.label === competitor.name);
    list[competitor.name] = row?.sizes ? row.what.slice(competitor.name.length + 1) : `${competitor.version} (${row?.error ?? 'not measured'})`;
  }
  return list;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
