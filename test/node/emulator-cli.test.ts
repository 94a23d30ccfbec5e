/** `crypto-onramp-emulator` as a child process: prints its URL and keys, serves, stops cleanly. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import Stripe from 'stripe';
import { parseCliArgs } from '../../src/emulator/cli-args.js';
import { CLI_PATH, startCli } from './emulator-helpers.js';

describe('the CLI', () => {
  test('prints its URL and keys, serves the API and the scripts, and stops on SIGTERM', async () => {
    const cli = await startCli(['--port', '0', '--fulfillment-delay-ms', '0']);
    try {
      const output = cli.output();
      assert.match(output, /sk_test_emulator/);
      assert.match(output, /pk_test_emulator/);
      assert.match(output, /js\/crypto-onramp-outer\.js/);
      const { hostname, port } = new URL(cli.url);
      const stripe = new Stripe('sk_test_whatever', { host: hostname, port: Number(port), protocol: 'http' });
      const session = (await stripe.rawRequest('POST', '/v1/crypto/onramp_sessions', {})) as unknown as { id: string; redirect_url: string };
      assert.match(session.id, /^cos_/);
      assert.ok(session.redirect_url.startsWith(cli.url));
      const script = await fetch(`${cli.url}/js/crypto-onramp-outer.js`);
      assert.match(await script.text(), new RegExp(cli.url.replace(/[.:/]/g, '\\$&')));
    } finally {
      cli.child.kill('SIGTERM');
    }
    assert.equal(await cli.exited, 0);
    assert.match(cli.output(), /stopped/);
  });

  test('SIGINT closes cleanly too', async () => {
    const cli = await startCli(['--port', '0']);
    cli.child.kill('SIGINT');
    assert.equal(await cli.exited, 0);
  });

  test('--help prints usage; a bad flag exits 2 with the usage', () => {
    const help = spawnSync(process.execPath, ['--import', 'tsx', CLI_PATH, '--help'], { encoding: 'utf8' });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /Usage: crypto-onramp-emulator/);
    const bad = spawnSync(process.execPath, ['--import', 'tsx', CLI_PATH, '--port', 'eighty'], { encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--port must be a whole number/);
  });

  test('flags map to options; webhook secrets pair by position or apply to all', () => {
    assert.deepEqual(parseCliArgs([]), { kind: 'run', options: { port: 4242, latencyMs: {} } });
    const run = parseCliArgs(['--port', '0', '--host', '0.0.0.0', '--data', 'x.json', '--webhook', 'http://a/1', '--webhook', 'http://b/2', '--webhook-secret', 'whsec_1', '--webhook-secret', 'whsec_2', '--latency-ms', '5', '--scripts-latency-ms', '7']);
    assert.deepEqual(run, {
      kind: 'run',
      options: {
        port: 0, host: '0.0.0.0', dataFile: 'x.json', latencyMs: { api: 5, scripts: 7 },
        webhooks: [{ url: 'http://a/1', secret: 'whsec_1' }, { url: 'http://b/2', secret: 'whsec_2' }],
      },
    });
    const shared = parseCliArgs(['--webhook', 'http://a/1', '--webhook', 'http://b/2', '--webhook-secret', 'whsec_s']);
    assert.ok(shared.kind === 'run' && shared.options.webhooks?.every((w) => w.secret === 'whsec_s'));
    assert.throws(() => parseCliArgs(['--webhook-secret', 'whsec_x']), /needs a --webhook/);
    assert.throws(() => parseCliArgs(['--webhook', 'a', '--webhook', 'b', '--webhook-secret', '1', '--webhook-secret', '2', '--webhook-secret', '3']), /one per --webhook/);
    assert.throws(() => parseCliArgs(['--unknown']), /Unknown option/);
  });

  test('the bin file runs the compiled CLI', async () => {
    const bin = await readFile(new URL('../../bin/crypto-onramp-emulator.js', import.meta.url), 'utf8');
    assert.match(bin, /^#!\/usr\/bin\/env node\n/);
    assert.match(bin, /import '\.\.\/dist\/emulator\/cli\.js';/);
  });
});
