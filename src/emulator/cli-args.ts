/** Command-line options of `crypto-onramp-emulator`, parsed into `EmulatorOptions`. */
import { parseArgs } from 'node:util';
import type { EmulatorOptions } from './index.js';
import type { WebhookEndpoint } from './webhooks.js';

export const DEFAULT_PORT = 4242;
/** The proxy's port when `--proxy` is given without one: next to the emulator's. */
export const DEFAULT_PROXY_PORT = 4243;

export const USAGE = `Usage: crypto-onramp-emulator [options]

An offline emulator of Stripe's crypto onramp: the HTTP API, stand-ins for Stripe's browser
scripts, the embedded and hosted purchase flow, test controls and webhooks.

Options:
  --port N                  Port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --host H                  Interface to listen on (default 127.0.0.1)
  --public-url URL          URL browsers use to reach the emulator, if not http://host:port
  --data FILE               Keep sessions in FILE across restarts (default: in memory)
  --webhook URL             Send crypto.onramp_session_updated events to URL (repeatable)
  --webhook-secret whsec_…  Signing secret for the --webhook at the same position
                            (one secret applies to every --webhook)
  --latency-ms N            Delay every API response by N ms
  --scripts-latency-ms N    Delay the two stand-in scripts by N ms
  --fulfillment-delay-ms N  Time from payment to fulfillment_complete (default 2000)
  --proxy [PORT]            Also run an HTTPS proxy on PORT (default ${DEFAULT_PROXY_PORT}; 0 picks a free
                            one) that answers Stripe's two script URLs with the stand-ins and
                            refuses every other host, so any browser, driver or phone can use
                            them; it listens on --host too
  --proxy-cert FILE         Write the proxy's certificate (PEM) to FILE (default: a file in the
                            temporary folder, removed on exit)
  -h, --help                Show this help
`;

/** The proxy the CLI runs beside the emulator (`--proxy`). */
export interface CliProxyOptions {
  port: number;
  /** Where to write the certificate; unset: a temporary file. */
  certFile?: string;
}

export type CliCommand = { kind: 'help' } | { kind: 'run'; options: EmulatorOptions; proxy?: CliProxyOptions };

function integer(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new Error(`--${name} must be a whole number from ${min} to ${max} (got ${JSON.stringify(value)}).`);
  }
  return Number(value);
}

/** `--proxy` takes an optional port: a bare `--proxy` (not followed by a number) gets the default. */
function withProxyPort(argv: readonly string[]): string[] {
  return argv.flatMap((arg, index) => (arg === '--proxy' && !/^\d+$/.test(argv[index + 1] ?? '') ? [`--proxy=${DEFAULT_PROXY_PORT}`] : [arg]));
}

export function parseCliArgs(argv: readonly string[]): CliCommand {
  const { values } = parseArgs({
    args: withProxyPort(argv),
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'public-url': { type: 'string' },
      data: { type: 'string' },
      webhook: { type: 'string', multiple: true },
      'webhook-secret': { type: 'string', multiple: true },
      'latency-ms': { type: 'string' },
      'scripts-latency-ms': { type: 'string' },
      'fulfillment-delay-ms': { type: 'string' },
      proxy: { type: 'string' },
      'proxy-cert': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { kind: 'help' };

  const urls = values.webhook ?? [];
  const secrets = values['webhook-secret'] ?? [];
  if (secrets.length > 0 && urls.length === 0) throw new Error('--webhook-secret needs a --webhook URL.');
  if (urls.length > 0 && secrets.length !== 1 && secrets.length !== urls.length) {
    throw new Error('Give one --webhook-secret for all --webhook URLs, or one per --webhook, in the same order.');
  }
  const webhooks: WebhookEndpoint[] = urls.map((url, index) => ({ url, secret: secrets[secrets.length === 1 ? 0 : index] ?? '' }));

  const apiLatency = integer('latency-ms', values['latency-ms'], 0, 600_000);
  const scriptsLatency = integer('scripts-latency-ms', values['scripts-latency-ms'], 0, 600_000);
  const fulfillmentDelay = integer('fulfillment-delay-ms', values['fulfillment-delay-ms'], 0, 3_600_000);
  const options: EmulatorOptions = {
    port: integer('port', values.port, 0, 65535) ?? DEFAULT_PORT,
    ...(values.host !== undefined ? { host: values.host } : {}),
    ...(values['public-url'] !== undefined ? { publicUrl: values['public-url'] } : {}),
    ...(values.data !== undefined ? { dataFile: values.data } : {}),
    ...(webhooks.length > 0 ? { webhooks } : {}),
    latencyMs: { ...(apiLatency !== undefined ? { api: apiLatency } : {}), ...(scriptsLatency !== undefined ? { scripts: scriptsLatency } : {}) },
    ...(fulfillmentDelay !== undefined ? { fulfillmentDelayMs: fulfillmentDelay } : {}),
  };
  if (values['proxy-cert'] !== undefined && values.proxy === undefined) throw new Error('--proxy-cert needs --proxy.');
  if (values.proxy === undefined) return { kind: 'run', options };
  const proxy: CliProxyOptions = {
    port: integer('proxy', values.proxy, 0, 65535)!,
    ...(values['proxy-cert'] !== undefined ? { certFile: values['proxy-cert'] } : {}),
  };
  return { kind: 'run', options, proxy };
}
