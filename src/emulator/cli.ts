/**
 * `crypto-onramp-emulator`: runs the emulator alone, prints where it listens and which keys to use,
 * and closes cleanly on SIGINT/SIGTERM. Importing this module runs it (the bin file imports it).
 */
import { startEmulator, type RunningEmulator } from './index.js';
import { parseCliArgs, USAGE } from './cli-args.js';
import { startCliProxy } from './cli-proxy.js';

function banner(emulator: RunningEmulator, options: { dataFile?: string; webhooks?: Array<{ url: string }> }, proxyLines: string[]): string {
  const { hostname, port } = new URL(emulator.url);
  return [
    `crypto-onramp-emulator listening on ${emulator.url}`,
    '',
    `  Secret key       ${emulator.secretKey}   (any sk_test_… key works)`,
    `  Publishable key  ${emulator.publishableKey}   (any pk_test_… key works)`,
    `  Node SDK         new Stripe('${emulator.secretKey}', { host: '${hostname}', port: ${port}, protocol: 'http' })`,
    `  Stripe.js        ${emulator.scriptUrls.stripeJs}   (stands in for https://js.stripe.com/v3)`,
    `  Onramp script    ${emulator.scriptUrls.onrampOuterJs}   (stands in for https://crypto-js.stripe.com/crypto-onramp-outer.js)`,
    `  Test controls    POST ${emulator.url}/v1/test_helpers/crypto/onramp_sessions/:id/status  status=…`,
    `  Data             ${options.dataFile ?? 'in memory (use --data FILE to keep sessions)'}`,
    ...(options.webhooks?.length ? [`  Webhooks         ${options.webhooks.map((w) => w.url).join(', ')}`] : []),
    ...proxyLines,
    '',
    'Press Ctrl+C to stop.',
  ].join('\n');
}

export async function main(argv: readonly string[]): Promise<void> {
  let command;
  try {
    command = parseCliArgs(argv);
  } catch (error) {
    console.error(`crypto-onramp-emulator: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (command.kind === 'help') {
    console.log(USAGE);
    return;
  }
  const emulator = await startEmulator(command.options);
  const proxy = command.proxy ? await startCliProxy(emulator, command.proxy).catch(async (error: unknown) => {
    await emulator.close();
    throw error;
  }) : undefined;

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: closing…`);
    Promise.all([proxy?.close(), emulator.close()]).then(
      () => {
        console.log('crypto-onramp-emulator stopped.');
        process.exit(0);
      },
      (error: unknown) => {
        console.error('crypto-onramp-emulator: error while closing:', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  // Printed last: whoever waits for this line can signal the process right away.
  console.log(banner(emulator, command.options, proxy?.banner ?? []));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`crypto-onramp-emulator: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
