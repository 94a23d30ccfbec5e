/** `crypto-onramp-emulator` as a child process: prints its URL and keys, serves, stops cleanly. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Stripe from 'stripe';
import { parseCliArgs } from '../../src/emulator/cli-args.js';
import { CLI_PATH, startCli } from './emulator-helpers.js';
import { getThroughProxy } from './proxy-client.js';

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

  test('--proxy runs the Stripe proxy beside it: the stand-ins at Stripe\'s URLs, other hosts refused, the certificate written where asked', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cli-proxy-'));
    const certFile = join(dir, 'proxy.pem');
    const cli = await startCli(['--port', '0', '--proxy', '0', '--proxy-cert', certFile]);
    try {
      const proxyUrl = /Proxy\s+(http:\/\/\S+)/.exec(cli.output())?.[1];
      assert.ok(proxyUrl, `no proxy URL in:\n${cli.output()}`);
      assert.match(cli.output(), new RegExp(`Certificate\\s+${certFile.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
      const pem = await readFile(certFile, 'utf8');
      assert.match(pem, /^-----BEGIN CERTIFICATE-----/);
      // What a phone checks once it trusts the certificate: the two hosts, and use for a TLS server.
      const x509 = new X509Certificate(pem);
      assert.equal(x509.subjectAltName, 'DNS:js.stripe.com, DNS:crypto-js.stripe.com');
      assert.deepEqual(x509.keyUsage, ['1.3.6.1.5.5.7.3.1']);
      // Trusting only that certificate (not ignoring errors): what a phone that installed it does.
      const stripeJs = await getThroughProxy(proxyUrl, 'https://js.stripe.com/v3', pem);
      assert.equal(stripeJs.status, 200);
      assert.equal(stripeJs.body, await (await fetch(`${cli.url}/js/stripe.js`)).text());
      const onramp = await getThroughProxy(proxyUrl, 'https://crypto-js.stripe.com/crypto-onramp-outer.js', pem);
      assert.match(onramp.body, /StripeOnramp/);
      await assert.rejects(getThroughProxy(proxyUrl, 'https://outside.example/', pem), /refused the tunnel: 502/);
      // What a phone fetches from the proxy itself: the auto-config file and the certificate.
      const pac = await (await fetch(`${proxyUrl}/proxy.pac`)).text();
      assert.match(pac, /"js\.stripe\.com"/);
      assert.match(pac, new RegExp(`PROXY ${new URL(proxyUrl).host}`));
      assert.equal(await (await fetch(`${proxyUrl}/certificate.pem`)).text(), pem);
    } finally {
      cli.child.kill('SIGTERM');
    }
    assert.equal(await cli.exited, 0);
    assert.ok(existsSync(certFile), 'a certificate file the user named is kept');
    await rm(dir, { recursive: true, force: true });
  });

  test('--proxy listens on --host; without --proxy-cert it writes a temporary certificate, printed, and removes it on exit', async () => {
    // Another loopback address stands for a network interface: the proxy must be there, not on 127.0.0.1.
    const cli = await startCli(['--port', '0', '--host', '127.0.0.2', '--proxy', '0']);
    const certFile = /Certificate\s+(\S+\.pem)/.exec(cli.output())?.[1];
    try {
      assert.ok(certFile && existsSync(certFile), `no certificate file in:\n${cli.output()}`);
      const proxyUrl = /Proxy\s+(http:\/\/\S+)/.exec(cli.output())?.[1] ?? '';
      assert.match(proxyUrl, /^http:\/\/127\.0\.0\.2:\d+$/);
      const pem = await readFile(certFile, 'utf8');
      assert.equal((await getThroughProxy(proxyUrl, 'https://js.stripe.com/v3', pem)).status, 200);
      await assert.rejects(fetch(proxyUrl.replace('127.0.0.2', '127.0.0.1') + '/proxy.pac'), /fetch failed/);
    } finally {
      cli.child.kill('SIGTERM');
    }
    assert.equal(await cli.exited, 0);
    assert.ok(!existsSync(certFile!), 'the temporary certificate is removed');
  });

  test('--proxy takes an optional port (default 4243); --proxy-cert needs --proxy', () => {
    const run = (args: string[]) => {
      const command = parseCliArgs(args);
      assert.ok(command.kind === 'run');
      return command.proxy;
    };
    assert.equal(run([]), undefined);
    assert.deepEqual(run(['--proxy']), { port: 4243 });
    assert.deepEqual(run(['--proxy', '--port', '0']), { port: 4243 });
    assert.deepEqual(run(['--proxy', '0', '--port', '0']), { port: 0 });
    assert.deepEqual(run(['--proxy=5000', '--proxy-cert', 'c.pem']), { port: 5000, certFile: 'c.pem' });
    assert.throws(() => parseCliArgs(['--proxy', '70000']), /--proxy must be a whole number/);
    assert.throws(() => parseCliArgs(['--proxy-cert', 'c.pem']), /--proxy-cert needs --proxy/);
  });
});
