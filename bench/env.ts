/** Paths, versions and the machine the figures come from. */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { cpus, freemem, loadavg, release, totalmem, type as osType } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const ROOT = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
/** Git-ignored: the competitor SDKs are installed here, and generated entry files live here. */
export const SCRATCH = `${ROOT}/bench/.scratch`;

export async function packageVersion(dir: string): Promise<string> {
  const pkg = JSON.parse(await readFile(`${dir}/package.json`, 'utf8')) as { version?: string };
  return pkg.version ?? '?';
}

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  chromium: string;
  /** 1-minute load average at the start and at the end of the run: how busy the machine was. */
  loadStart: number;
  loadEnd?: number;
  freeMemoryGiB: number;
}

export async function machineInfo(chromiumPath: string | undefined): Promise<MachineInfo> {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown';
  return {
    cpu,
    cores: cpus().length,
    memoryGiB: round1(totalmem() / 2 ** 30),
    freeMemoryGiB: round1(freemem() / 2 ** 30),
    os: await osDescription(),
    node: process.version,
    chromium: chromiumPath ? await chromiumVersion(chromiumPath) : 'not found',
    loadStart: round2(loadavg()[0] ?? 0),
  };
}

async function osDescription(): Promise<string> {
  try {
    const text = await readFile('/etc/os-release', 'utf8');
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(text)?.[1];
    if (pretty) return `${pretty} (${osType()} ${release()})`;
  } catch {
    /* not Linux */
  }
  return `${osType()} ${release()}`;
}

async function chromiumVersion(path: string): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(path, ['--version'], { timeout: 20_000 });
    return stdout.trim().split('\n').pop()?.trim() ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export const round1 = (n: number) => Math.round(n * 10) / 10;
export const round2 = (n: number) => Math.round(n * 100) / 100;

export function median(values: readonly number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest-rank percentile of `values` (0 < p ≤ 100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}
