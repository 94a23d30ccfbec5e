/** The network model's section of bench/RESULTS.md (network.ts). */
import { NETWORK_PROFILES } from './network-proxy.js';
import { NETWORK_CASES, type CaseFigures, type NetworkResult, type ProfileRun } from './network.js';

const cell = (s: string | number) => String(s).replace(/\|/g, '\\|');
const row = (cells: Array<string | number>) => `| ${cells.map(cell).join(' | ')} |`;
const ms = (n: number) => (Number.isFinite(n) ? String(Math.round(n)) : '—');

function spread(c: CaseFigures): string {
  return c.samples.length ? `${ms(c.p10)}–${ms(c.p90)}` : '—';
}

function origins(c: CaseFigures): string {
  return Object.entries(c.origins)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([host, s]) => `${host} ${s.connections}×, ${Math.round(s.setupMs)} ms`)
    .join('; ');
}

function leverRows(p: ProfileRun): string[] {
  const base = (key: string) => p.cases.find((c) => c.key === key);
  return p.cases
    .filter((c) => c.key.includes('+'))
    .map((c) => {
      const of = base(c.key.split('+')[0]!)!;
      const delta = c.median - of.median;
      return row([c.label, ms(c.median), spread(c), `${delta > 0 ? '+' : ''}${ms(delta)}`, c.errors.length ? String(c.errors.length) : '0']);
    });
}

export function renderNetwork(r: NetworkResult): string {
  const out: string[] = [];
  out.push('## 2b. Time to ready on a modelled network');
  out.push('');
  out.push(
    `Every origin the page touches (the site \`shop.example\`, js.stripe.com, crypto-js.stripe.com, the frame origin b.stripecdn.com) goes through a local HTTPS proxy ` +
      `that charges each new connection its setup (DNS + TCP + TLS as round trips) and each request one round trip. ` +
      `Profiles: ${NETWORK_PROFILES.map((p) => `${p.name} (RTT ${p.rttMs} ms, ${p.setupRoundTrips} round trips of setup)`).join(', ')}. ` +
      `The minting endpoint waits ${r.mintApiMs} ms on Stripe's API. ${r.repetitions} loads per contender and engine, alternating, each in a fresh profile or context; ` +
      'times are ms since navigation start, spread is p10–p90; connections are per origin, medians over the loads.',
  );
  out.push('');
  out.push(`Budget: element / Stripe's sequential sample at most ${r.budget.limit} in the mobile profile in Chromium, and the element no slower than the best hand-written order in any engine: measured ${r.budget.actual}${r.budget.detail ? ` (${r.budget.detail})` : ''}, ${r.budget.ok ? 'met' : '**missed**'}.`);
  out.push('');
  out.push(row(['Engine', 'Profile', 'Load avg start/end', ...NETWORK_CASES.map((c) => `${c.key} median ms (spread)`), 'element / sequential', 'element / best']));
  out.push(row(['---', '---', '---', ...NETWORK_CASES.map(() => '---:'), '---:', '---:']));
  for (const e of r.engines) {
    if (e.error && e.profiles.length === 0) {
      out.push(row([e.engine, '—', '—', ...NETWORK_CASES.map(() => '—'), `not measured: ${e.error}`, '']));
      continue;
    }
    for (const p of e.profiles) {
      const cases = NETWORK_CASES.map((c) => p.cases.find((x) => x.key === c.key)!);
      out.push(row([e.engine, p.profile.name, `${p.loadStart} / ${p.loadEnd}`, ...cases.map((c) => `${ms(c.median)} (${spread(c)})`), p.ratioSequential, p.ratioBest]));
    }
  }
  out.push('');
  out.push('Connections and setup time per origin (median load), mobile profile:');
  out.push('');
  out.push(row(['Engine', 'Contender', 'Origins: connections, setup']));
  out.push(row(['---', '---', '---']));
  for (const e of r.engines) {
    const mobile = e.profiles.find((p) => p.profile.name === 'mobile');
    for (const c of mobile?.cases ?? []) out.push(row([e.engine, c.key, origins(c)]));
  }
  out.push('');
  const withLevers = r.engines.some((e) => e.profiles.some((p) => leverRows(p).length > 0));
  if (withLevers) {
    out.push('Levers a page can add (`<link>` hints in its head), each against the same page without (information):');
    out.push('');
    for (const e of r.engines) {
      for (const p of e.profiles) {
        const rows = leverRows(p);
        if (!rows.length) continue;
        out.push(`${e.engine}, ${p.profile.name}:`);
        out.push('');
        out.push(row(['Page and lever', 'Median ms', 'Spread ms', 'Change ms', 'Failed loads']));
        out.push(row(['---', '---:', '---:', '---:', '---']));
        out.push(...rows);
        out.push('');
      }
    }
  }
  const failed = r.engines.flatMap((e) => [
    ...(e.error ? [`${e.engine}: ${e.error}`] : []),
    ...e.profiles.flatMap((p) => p.cases.flatMap((c) => c.errors.map((x) => `${e.engine} ${p.profile.name} ${c.key} ${x}`))),
  ]);
  if (failed.length) {
    out.push(`Loads that failed: ${failed.slice(0, 10).join('; ')}${failed.length > 10 ? ` and ${failed.length - 10} more` : ''}`);
    out.push('');
  }
  return out.join('\n');
}
