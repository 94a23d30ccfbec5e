/** Shared by the emulator's node tests: a running emulator, the official SDK pointed at it, raw HTTP. */
import Stripe from 'stripe';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';

export const SECRET_KEY = 'sk_test_emulator_tests';
export const EVM_ADDRESS = '0x52908400098527886E0F7030069857D2E4169EE7';

export function stripeFor(emulator: RunningEmulator, key = SECRET_KEY): Stripe {
  const { hostname, port } = new URL(emulator.url);
  return new Stripe(key, { host: hostname, port: Number(port), protocol: 'http', maxNetworkRetries: 0 });
}

export async function startTestEmulator(options: EmulatorOptions = {}): Promise<{ emulator: RunningEmulator; stripe: Stripe }> {
  const emulator = await startEmulator({ fulfillmentDelayMs: 0, ...options });
  return { emulator, stripe: stripeFor(emulator) };
}

export interface RawResponse {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON of any shape, asserted field by field
}

/** A request with a raw form body (or query), the way curl sends it. */
export async function raw(
  emulator: RunningEmulator,
  method: 'GET' | 'POST',
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const response = await fetch(emulator.url + path, {
    method,
    headers: {
      Authorization: `Bearer ${SECRET_KEY}`,
      ...(body !== undefined ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body } : {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

/** Creates a session through the SDK and returns it as plain JSON. */
export async function createSession(stripe: Stripe, params: Record<string, unknown> = {}): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return JSON.parse(JSON.stringify(await stripe.rawRequest('POST', '/v1/crypto/onramp_sessions', params)));
}

/** The Stripe error an SDK call rejects with. */
export async function sdkError(promise: Promise<unknown>): Promise<{ type: string; statusCode?: number; code?: string; param?: string; message: string; raw: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    await promise;
  } catch (error) {
    return error as never;
  }
  throw new Error('expected the call to fail');
}

import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CLI_PATH = fileURLToPath(new URL('../../src/emulator/cli.ts', import.meta.url));

export interface CliProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
}

/** Runs the CLI from source (tsx) and resolves once it printed the URL it listens on. */
export function startCli(args: string[]): Promise<CliProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI_PATH, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve({ child, url: match[1]!, output: () => out, exited });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    void exited.then((code) => reject(new Error(`CLI exited (${code}) before listening:\n${out}`)));
  });
}
