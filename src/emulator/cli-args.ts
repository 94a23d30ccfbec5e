/** Command-line options of `crypto-onramp-emulator`, parsed into `EmulatorOptions`. */
import { parseArgs } from 'node:util';
import type { EmulatorOptions } from './index.js';
import type { WebhookEndpoint } from './webhooks.js';

export const DEFAULT_PORT = 4242;

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
  -h, --help                Show this help
`;

export type CliCommand = { kind: 'help' } | { kind: 'run'; options: EmulatorOptions };

function integer(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new Error(`--${name} must be a whole number from ${min} to ${max} (got ${JSON.stringify(value)}).`);
  }
  return Number(value);
}

export function parseCliArgs(argv: readonly string[]): CliCommand {
  const { values } = parseArgs({
    args: [...argv],
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
  return { kind: 'run', options };
}
