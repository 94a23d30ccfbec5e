/**
 * The server kit: what the minting endpoint adds on top of the Stripe call it makes.
 *
 * Separate processes on loopback: the emulator (standing in for Stripe's API), the site (the
 * kit's handler behind `toNodeHandler` on `http`, with an official `stripe` client), a bare
 * hand-written endpoint for comparison, and this one, the load generator. Three paths, the same
 * number of requests at the same concurrency, in alternating rounds:
 * - kit: `POST /session` (JSON presets, an Idempotency-Key) to the site, which validates, applies
 *   its policy and calls the emulator with its `stripe` client;
 * - direct: the same `stripe` client settings calling the emulator directly with the parameters
 *   the kit would send (presets + `customer_ip_address`, the namespaced idempotency key);
 * - hand-written (information): the same request to a bare endpoint that parses JSON and calls
 *   `stripe` with no checks: what a site would otherwise write.
 * Latency is measured per request at the load generator; "added" is the difference of the p50s.
 * Also measured: the handler's own CPU time per request, in process, with a stub `stripe`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createOnrampSessionHandler } from '../src/server/index.js';
import { median, percentile, round2 } from './env.js';
import { PUBLISHABLE_KEY, stripeClient } from './server-process.js';

export const ADDED_P50_BUDGET_MS = 1;

const PRESETS = { destination_currency: 'eth', destination_network: 'ethereum' } as const;

export type ServerPath = 'kit' | 'direct' | 'plain';

export interface PathFigures {
  /** CPU time the serving process spent per request, µs (the site's process; none for direct). */
  serverCpuMicros?: number;
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
}

export interface ServerRun {
  concurrency: number;
  paths: Record<ServerPath, PathFigures>;
  /** kit p50 − direct p50, and the same at p99. */
  addedP50: number;
  addedP99: number;
  /** kit p50 − hand-written endpoint p50 (information). */
  addedOverPlainP50: number;
}

export interface ServerResult {
  main: ServerRun;
  /** Concurrency 1: no queueing (information). */
  sequential: ServerRun;
  /** The handler's own work per request, in process, `stripe` stubbed: microseconds. */
  handlerMicros: number;
  /** Of which the Fetch API objects alone (a `Request` read and a `Response` read, no handler). */
  fetchObjectsMicros: number;
  budget: { limit: number; actual: number; ok: boolean };
  firstError?: string;
}

export interface ServerOptions {
  requests: number;
  concurrency: number;
  /** Requests per path at concurrency 1 (information). */
  sequentialRequests: number;
  /** Stop a path early once it has run this long in total (the count is then lower). */
  maxSecondsPerPath: number;
  log?: (line: string) => void;
}

interface Child {
  child: ChildProcess;
  url: string;
}

/** A child's CPU time so far (user + system), in microseconds. */
function cpuOf({ child }: Child): Promise<number> {
  return new Promise((resolve) => {
    const onMessage = (message: unknown) => {
      const cpu = (message as { cpu?: NodeJS.CpuUsage }).cpu;
      if (!cpu) return;
      child.off('message', onMessage);
      resolve(cpu.user + cpu.system);
    };
    child.on('message', onMessage);
    child.send('cpu');
  });
}

function start(role: string, ...args: string[]): Promise<Child> {
  const child = fork(fileURLToPath(new URL('./server-process.ts', import.meta.url)), [role, ...args], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve({ child, url: (message as { url: string }).url }));
    child.once('exit', (code) => reject(new Error(`${role} process exited (${code}) before listening`)));
    child.once('error', reject);
  });
}

type OneRequest = () => Promise<void>;

interface Accumulated {
  latencies: number[];
  errors: number;
  ms: number;
  /** CPU time of the process serving the path (the site's), in µs. */
  serverCpu: number;
}

let firstError: string | undefined;

/** Runs up to `count` requests with `concurrency` in flight until `deadline`. */
async function load(count: number, concurrency: number, one: OneRequest, deadline: number, into: Accumulated): Promise<void> {
  let issued = 0;
  const started = performance.now();
  const worker = async () => {
    while (issued < count && performance.now() < deadline) {
      issued++;
      const t0 = performance.now();
      try {
        await one();
        into.latencies.push(performance.now() - t0);
      } catch (error) {
        into.errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  into.ms += performance.now() - started;
}

function figures({ latencies, errors, ms, serverCpu }: Accumulated): PathFigures {
  return {
    ...(serverCpu > 0 && { serverCpuMicros: Math.round(serverCpu / (latencies.length + errors)) }),
    requests: latencies.length + errors,
    errors,
    seconds: round2(ms / 1000),
    rps: Math.round((latencies.length / ms) * 1000),
    p50: round2(median(latencies)),
    p90: round2(percentile(latencies, 90)),
    p99: round2(percentile(latencies, 99)),
  };
}

/** A JSON POST over a keep-alive agent; resolves when a 200 with a client secret is read. */
function poster(url: string, agent: Agent): OneRequest {
  const target = new URL('/session', url);
  const body = JSON.stringify(PRESETS);
  return () =>
    new Promise((resolve, reject) => {
      const req = request(
        target,
        {
          method: 'POST',
          agent,
          headers: {
            'Content-Type': 'application/json',
            Accept: 'application/json',
            'Content-Length': Buffer.byteLength(body),
            'Idempotency-Key': `crypto-onramp-${randomUUID()}`,
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () =>
            res.statusCode === 200 && text.includes('client_secret')
              ? resolve()
              : reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`)),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
}

/**
 * The handler's own CPU time per request: in process, Stripe answered by a stub at once; and, for
 * scale, what building and reading one `Request` and one `Response` costs on this Node alone.
 */
async function handlerCost(iterations: number): Promise<{ handler: number; fetchObjects: number }> {
  const session = { id: 'cos_bench', object: 'crypto.onramp_session', client_secret: 'cos_bench_secret_abc', redirect_url: null };
  const handler = createOnrampSessionHandler({
    stripe: { rawRequest: (async () => session) as never },
    publishableKey: PUBLISHABLE_KEY,
    logger: false,
  });
  const body = JSON.stringify(PRESETS);
  const one = async () => {
    const response = await handler(
      new Request('http://127.0.0.1/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `crypto-onramp-${randomUUID()}` },
        body,
      }),
      { peerAddress: '127.0.0.1' },
    );
    await response.text();
    if (response.status !== 200) throw new Error(`handler answered ${response.status}`);
  };
  const bare = async () => {
    const req = new Request('http://127.0.0.1/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `crypto-onramp-${randomUUID()}` },
      body,
    });
    await req.text();
    const response = new Response(JSON.stringify({ client_secret: session.client_secret }), { headers: { 'Content-Type': 'application/json' } });
    await response.text();
  };
  const time = async (fn: () => Promise<void>) => {
    for (let i = 0; i < 200; i++) await fn();
    const started = performance.now();
    for (let i = 0; i < iterations; i++) await fn();
    return Math.round(((performance.now() - started) / iterations) * 1000);
  };
  return { handler: await time(one), fetchObjects: await time(bare) };
}

export async function runServer(options: ServerOptions): Promise<ServerResult> {
  const log = options.log ?? (() => {});
  firstError = undefined;
  const emulator = await start('emulator');
  const kit = await start('kit', emulator.url);
  const plain = await start('plain', emulator.url);
  try {
    const stripe = stripeClient(emulator.url);
    const direct: OneRequest = async () => {
      await stripe.rawRequest(
        'POST',
        '/v1/crypto/onramp_sessions',
        { ...PRESETS, customer_ip_address: '127.0.0.1' },
        { idempotencyKey: `crypto-onramp-mint:crypto-onramp-${randomUUID()}` },
      );
    };

    const runAt = async (concurrency: number, total: number): Promise<ServerRun> => {
      const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
      const paths: Record<ServerPath, OneRequest> = { kit: poster(kit.url, agent), direct, plain: poster(plain.url, agent) };
      const names: ServerPath[] = ['kit', 'direct', 'plain'];
      // Warm-up (JIT, sockets), then alternating rounds so that drift on a shared machine hits all.
      const warm = Math.min(200, Math.ceil(total / 5));
      for (const name of names) await load(warm, concurrency, paths[name], Infinity, { latencies: [], errors: 0, ms: 0, serverCpu: 0 });
      const acc = Object.fromEntries(names.map((name) => [name, { latencies: [], errors: 0, ms: 0, serverCpu: 0 }])) as unknown as Record<ServerPath, Accumulated>;
      const servedBy: Partial<Record<ServerPath, Child>> = { kit, plain };
      const rounds = 8;
      const perRound = Math.ceil(total / rounds);
      const budgetMs = options.maxSecondsPerPath * 1000;
      for (let round = 0; round < rounds; round++) {
        const order = round % 2 === 0 ? names : [...names].reverse();
        for (const name of order) {
          const target = acc[name];
          const remaining = Math.min(perRound, total - target.latencies.length - target.errors);
          if (remaining <= 0 || target.ms >= budgetMs) continue;
          const site = servedBy[name];
          const cpuBefore = site ? await cpuOf(site) : 0;
          await load(remaining, concurrency, paths[name], performance.now() + (budgetMs - target.ms), target);
          if (site) target.serverCpu += (await cpuOf(site)) - cpuBefore;
        }
      }
      agent.destroy();
      const result = Object.fromEntries(names.map((name) => [name, figures(acc[name])])) as Record<ServerPath, PathFigures>;
      log(
        `server (concurrency ${concurrency}): ${names.map((name) => `${name} ${result[name].rps} req/s p50 ${result[name].p50} ms p99 ${result[name].p99} ms`).join('; ')}`,
      );
      return {
        concurrency,
        paths: result,
        addedP50: round2(result.kit.p50 - result.direct.p50),
        addedP99: round2(result.kit.p99 - result.direct.p99),
        addedOverPlainP50: round2(result.kit.p50 - result.plain.p50),
      };
    };

    const main = await runAt(options.concurrency, options.requests);
    const sequential = await runAt(1, options.sequentialRequests);
    const cost = await handlerCost(2_000);
    log(`server: handler alone ${cost.handler} µs per request (stub Stripe), of which Request + Response objects ${cost.fetchObjects} µs`);
    const errorFree = [main, sequential].every((run) => Object.values(run.paths).every((path) => path.errors === 0));
    // The budget is the latency the kit adds to one request, measured without queueing (concurrency
    // 1). At concurrency 16 on 2 cores, three busy processes (client, site, emulator) mostly measure
    // CPU contention, which even a bare hand-written endpoint pays; those rows are information.
    return {
      main,
      sequential,
      handlerMicros: cost.handler,
      fetchObjectsMicros: cost.fetchObjects,
      budget: { limit: ADDED_P50_BUDGET_MS, actual: sequential.addedP50, ok: errorFree && sequential.addedP50 < ADDED_P50_BUDGET_MS },
      ...(firstError !== undefined && { firstError }),
    };
  } finally {
    for (const process of [plain, kit, emulator]) process.child.disconnect();
  }
}
