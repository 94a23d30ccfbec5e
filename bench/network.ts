/**
 * Time to ready on a modelled network (network-proxy.ts), in each engine: every origin the page
 * touches pays its connection setup and a round trip per request, as on a phone, instead of the
 * free loopback of ready.ts.
 *
 * The origins: the site (`shop.example`: the page, its scripts, the minting endpoint), Stripe's
 * two script hosts, and the frame's origin (`b.stripecdn.com`: the emulator, started with that
 * public URL, so the stand-in mounts its frame there and the frame's calls go there too). Stripe's
 * real frame also calls `api.stripe.com`; the stand-in's frame calls its own origin, so the model
 * charges every contender one origin setup less than Stripe would.
 *
 * Contenders, on the pages of pages.ts: Stripe's sequential sample; the best hand-written order
 * (scripts first, mint in parallel); the element. Levers are the same pages with `<link>` hints
 * added to the head by the proxy (`?levers=`), each measured against the page without.
 */
import { loadavg } from 'node:os';
import { startEmulator } from '../src/emulator/index.js';
import { ONRAMP_JS_URL, STRIPE_FRAME_ORIGIN as FRAME_ORIGIN, STRIPE_JS_URL } from '../src/shared/stripe-script-urls.js';
import { SCRIPT_PATHS } from '../src/emulator/browser-routes.js';
import type { Engine } from '../test/browser/support/engines.js';
import { launchEngine } from './engines.js';
import { median, percentile, round1, round2 } from './env.js';
import { BEACON_SCRIPT, NETWORK_PROFILES, startNetworkProxy, type NetworkProfile, type OriginStats } from './network-proxy.js';
import { startPageServer } from './pages.js';

export const SITE_HOST = 'shop.example';
const API_HOST = 'api.stripe.com';

/** The element / Stripe's sequential sample, medians, mobile profile, Chromium. */
export const NETWORK_RATIO_BUDGET = 0.55;
/** What the site's server waits on Stripe's API for when it mints (the emulator's latency). */
export const MINT_API_MS = 150;

/** `<link>` hints a page author can put in the head; each a lever, measured against the page without. */
export const LEVERS: Record<string, { label: string; tags: string }> = {
  preconnect: {
    label: 'page preconnects to js.stripe.com, crypto-js.stripe.com, the frame origin',
    tags: [STRIPE_JS_URL, ONRAMP_JS_URL, FRAME_ORIGIN].map((url) => `<link rel="preconnect" href="${new URL(url).origin}">`).join(''),
  },
  'preconnect-frame': {
    label: 'page preconnects to the frame origin only',
    tags: `<link rel="preconnect" href="${FRAME_ORIGIN}">`,
  },
  'preconnect-cors': {
    label: 'page preconnects, crossorigin (the wrong pool for classic scripts and a frame)',
    tags: [STRIPE_JS_URL, ONRAMP_JS_URL, FRAME_ORIGIN].map((url) => `<link rel="preconnect" href="${new URL(url).origin}" crossorigin>`).join(''),
  },
  'preload-scripts': {
    label: "page preloads Stripe's two scripts (<link rel=preload as=script>)",
    tags: [STRIPE_JS_URL, ONRAMP_JS_URL].map((url) => `<link rel="preload" as="script" href="${url}">`).join(''),
  },
  modulepreload: {
    label: 'page modulepreloads the drop-in',
    tags: '<link rel="modulepreload" href="/assets/crypto-onramp.js">',
  },
};

export interface NetworkCase {
  key: string;
  label: string;
  page: string;
  levers: string[];
  /** A lever case: information, compared with its base. */
  base?: string;
}

export const NETWORK_CASES: NetworkCase[] = [
  { key: 'sequential', label: "Stripe's sample order (fetch → loadStripeOnramp → mount)", page: '/handwritten.html', levers: [] },
  { key: 'best', label: 'best hand-written order (scripts first, mint in parallel)', page: '/handwritten-parallel.html', levers: [] },
  { key: 'element', label: '<crypto-onramp> (drop-in)', page: '/element.html', levers: [] },
];

/** The levers `npm run bench` measures, on the element's page, in the mobile profile. */
export const NETWORK_LEVERS = ['preconnect-frame', 'preconnect', 'preload-scripts', 'modulepreload'];
/** Levers run in this profile only: the one the budget is on, where setup costs most. */
const LEVER_PROFILE = 'mobile';

export function leverCases(names: readonly string[], bases: readonly string[] = ['element']): NetworkCase[] {
  const cases: NetworkCase[] = [];
  for (const name of names) {
    for (const base of bases) {
      if (!NETWORK_CASES.some((c) => c.key === base)) continue;
      if (name === 'modulepreload' && base !== 'element') continue;
      const of = NETWORK_CASES.find((c) => c.key === base)!;
      cases.push({ key: `${base}+${name}`, label: `${of.label} + ${LEVERS[name]!.label}`, page: of.page, levers: [name], base });
    }
  }
  return cases;
}

export interface CaseFigures {
  key: string;
  label: string;
  samples: number[];
  median: number;
  p10: number;
  p90: number;
  /** Median per origin, over the loads. */
  origins: Record<string, OriginStats>;
  errors: string[];
}

export interface ProfileRun {
  profile: NetworkProfile;
  cases: CaseFigures[];
  /** element / sequential and element / best (medians). */
  ratioSequential: number;
  ratioBest: number;
  loadStart: number;
  loadEnd: number;
}

export interface EngineRun {
  engine: Engine;
  version: string;
  profiles: ProfileRun[];
  error?: string;
}

export interface NetworkResult {
  repetitions: number;
  mintApiMs: number;
  engines: EngineRun[];
  budget: { limit: number; actual: number; ok: boolean; notSlowerThanBest: boolean; detail: string };
}

export interface NetworkOptions {
  engines: readonly Engine[];
  repetitions: number;
  levers: readonly string[];
  /** The contenders the levers are tried on (default the element). */
  leverBases?: readonly string[];
  log: (line: string) => void;
}

function rewriteFor(html: string, url: URL): string {
  const levers = (url.searchParams.get('levers') ?? '').split(',').filter(Boolean);
  const tags = levers.map((name) => LEVERS[name]?.tags ?? '').join('');
  if (process.env.NETBENCH_DEBUG) console.error('rewrite', url.pathname + url.search, tags);
  return html
    .replace('<meta charset="utf-8">', `<meta charset="utf-8">${tags}`)
    .replace('window.__markReady = () => {', `window.__markReady = () => { ${BEACON_SCRIPT}`);
}

export async function runNetwork(options: NetworkOptions): Promise<NetworkResult> {
  const { log } = options;
  const emulator = await startEmulator({ port: 0, publicUrl: FRAME_ORIGIN, latencyMs: { api: MINT_API_MS, scripts: 0 } });
  const emulatorLoopback = `http://127.0.0.1:${emulator.port}`;
  const pages = await startPageServer({ emulatorUrl: emulatorLoopback, secretKey: emulator.secretKey, publishableKey: emulator.publishableKey });
  const stripeJs = new URL(STRIPE_JS_URL);
  const onrampJs = new URL(ONRAMP_JS_URL);
  const proxy = await startNetworkProxy(
    [
      { host: SITE_HOST, upstream: pages.url, site: true, rewriteHtml: rewriteFor },
      { host: stripeJs.host, upstream: emulatorLoopback, path: (p) => (p.replace(/\/$/, '') === stripeJs.pathname ? SCRIPT_PATHS.stripeJs : undefined) },
      { host: onrampJs.host, upstream: emulatorLoopback, path: (p) => (p === onrampJs.pathname ? SCRIPT_PATHS.onrampOuterJs : undefined) },
      { host: new URL(FRAME_ORIGIN).host, upstream: emulatorLoopback },
      { host: API_HOST, upstream: emulatorLoopback },
    ],
    NETWORK_PROFILES[0]!,
  );
  const allCases = [...NETWORK_CASES, ...leverCases(options.levers, options.leverBases)];
  const engines: EngineRun[] = [];
  try {
    for (const engine of options.engines) {
      let driver;
      try {
        driver = await launchEngine(engine, proxy.port, proxy.certificate);
      } catch (error) {
        engines.push({ engine, version: 'not launched', profiles: [], error: message(error) });
        log(`network: ${engine} not launched: ${message(error)}`);
        continue;
      }
      const run: EngineRun = { engine, version: driver.version, profiles: [] };
      engines.push(run);
      try {
        for (const profile of NETWORK_PROFILES) {
          proxy.setProfile(profile);
          const loadStart = round2(loadavg()[0] ?? 0);
          const cases = profile.name === LEVER_PROFILE ? allCases : NETWORK_CASES;
          const samples = new Map(cases.map((c) => [c.key, [] as number[]]));
          const stats = new Map(cases.map((c) => [c.key, [] as Record<string, OriginStats>[]]));
          const errors = new Map(cases.map((c) => [c.key, [] as string[]]));
          // One load to warm the engine and the servers, not counted.
          await loadOnce(driver, proxy, `https://${SITE_HOST}/element.html`).catch(() => {});
          for (let i = 0; i < options.repetitions; i++) {
            // Alternating order: drift on a shared machine hits every case alike.
            const order = i % 2 === 0 ? cases : [...cases].reverse();
            for (const c of order) {
              const url = `https://${SITE_HOST}${c.page}${c.levers.length ? `?levers=${c.levers.join(',')}` : ''}`;
              try {
                const { ms, origins } = await loadOnce(driver, proxy, url);
                samples.get(c.key)!.push(round1(ms));
                stats.get(c.key)!.push(origins);
              } catch (error) {
                errors.get(c.key)!.push(`#${i + 1}: ${message(error)}`);
              }
            }
            log(`network ${engine} ${profile.name} ${i + 1}/${options.repetitions}: ${NETWORK_CASES.map((c) => `${c.key} ${samples.get(c.key)!.at(-1) ?? '—'}`).join(', ')} ms`);
          }
          const figures = cases.map((c): CaseFigures => {
            const list = samples.get(c.key)!;
            return {
              key: c.key,
              label: c.label,
              samples: list,
              median: round1(median(list)),
              p10: percentile(list, 10),
              p90: percentile(list, 90),
              origins: medianOrigins(stats.get(c.key)!),
              errors: errors.get(c.key)!,
            };
          });
          const m = (key: string) => figures.find((f) => f.key === key)!.median;
          run.profiles.push({
            profile,
            cases: figures,
            ratioSequential: ratio(m('element'), m('sequential')),
            ratioBest: ratio(m('element'), m('best')),
            loadStart,
            loadEnd: round2(loadavg()[0] ?? 0),
          });
          log(`network ${engine} ${profile.name}: element / sequential ${ratio(m('element'), m('sequential'))}, element / best ${ratio(m('element'), m('best'))}`);
        }
      } catch (error) {
        run.error = message(error);
        log(`network: ${engine} failed: ${run.error}`);
      } finally {
        await driver.close().catch(() => {});
      }
    }
  } finally {
    await proxy.close();
    await pages.close();
    await emulator.close();
  }
  return { repetitions: options.repetitions, mintApiMs: MINT_API_MS, engines, budget: budgetOf(engines) };
}

const ratio = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;
const message = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!;

async function loadOnce(driver: Awaited<ReturnType<typeof launchEngine>>, proxy: Awaited<ReturnType<typeof startNetworkProxy>>, url: string) {
  proxy.reset();
  // Armed before the page opens (its beacon may come first); covers a slow engine start too.
  const ready = proxy.nextReady(60_000);
  ready.catch(() => {}); // awaited below, unless opening fails first
  const close = await driver.open(url);
  try {
    const ms = await ready;
    return { ms, origins: proxy.stats() };
  } finally {
    await close();
    proxy.reset();
  }
}

function medianOrigins(list: Record<string, OriginStats>[]): Record<string, OriginStats> {
  const hosts = new Set(list.flatMap((entry) => Object.keys(entry)));
  const out: Record<string, OriginStats> = {};
  for (const host of hosts) {
    const of = (k: keyof OriginStats) => median(list.map((entry) => entry[host]?.[k] ?? 0));
    out[host] = { connections: of('connections'), setupMs: of('setupMs'), requests: of('requests') };
  }
  return out;
}

function budgetOf(engines: EngineRun[]): NetworkResult['budget'] {
  const chromiumMobile = engines.find((e) => e.engine === 'chromium')?.profiles.find((p) => p.profile.name === 'mobile');
  const actual = chromiumMobile?.ratioSequential ?? Number.NaN;
  const slower = engines.flatMap((e) => e.profiles.filter((p) => p.ratioBest > 1).map((p) => `${e.engine} ${p.profile.name} ${p.ratioBest}`));
  const failed = engines.filter((e) => e.error || e.profiles.some((p) => p.cases.some((c) => c.errors.length > 0)));
  return {
    limit: NETWORK_RATIO_BUDGET,
    actual,
    notSlowerThanBest: slower.length === 0,
    ok: Number.isFinite(actual) && actual <= NETWORK_RATIO_BUDGET && slower.length === 0 && failed.length === 0,
    detail: [slower.length ? `slower than the best hand-written order in ${slower.join(', ')}` : '', failed.length ? `errors in ${failed.map((e) => e.engine).join(', ')}` : ''].filter(Boolean).join('; '),
  };
}
