/**
 * `dataFile` keeps sessions across restarts, written atomically: a restart sees every session
 * (and idempotency key) acknowledged before it, and a process killed mid-write leaves a readable
 * file holding every acknowledged session.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../../src/emulator/index.js';
import { createSession, EVM_ADDRESS, raw, SECRET_KEY, startCli, startTestEmulator, stripeFor } from './emulator-helpers.js';

let dir: string;
before(async () => (dir = await mkdtemp(join(tmpdir(), 'onramp-emulator-'))));
after(() => rm(dir, { recursive: true, force: true }));

/** Every field but redirect_url, which follows the emulator's current address. */
const comparable = (session: { redirect_url: string | null }) => ({ ...session, redirect_url: new URL(session.redirect_url ?? '').search });

describe('persistence', () => {
  test('sessions, statuses and idempotency keys survive a restart', async () => {
    const dataFile = join(dir, 'restart.json');
    const first = await startTestEmulator({ dataFile });
    const a = await createSession(first.stripe, { metadata: { n: '1' } });
    const b = await createSession(first.stripe, { destination_currency: 'eth', destination_network: 'ethereum', wallet_addresses: { ethereum: EVM_ADDRESS } });
    const c = (await raw(first.emulator, 'POST', '/v1/crypto/onramp_sessions', 'metadata[n]=3', { 'Idempotency-Key': 'persisted-key' })).body;
    await first.emulator.setStatus(b.id, 'rejected');
    const before = first.emulator.listSessions();
    await first.emulator.close();

    const contents = JSON.parse(await readFile(dataFile, 'utf8'));
    assert.equal(contents.format, 'crypto-onramp-emulator/v1');
    assert.equal(contents.sessions.length, 3);

    const second = await startTestEmulator({ dataFile });
    try {
      assert.deepEqual(second.emulator.listSessions().map(comparable), before.map(comparable));
      const retrieved = (await raw(second.emulator, 'GET', `/v1/crypto/onramp_sessions/${a.id}`)).body;
      assert.deepEqual(comparable(retrieved), comparable(a));
      assert.equal(retrieved.redirect_url.startsWith(second.emulator.url), true, 'redirect_url follows the new address');
      assert.equal((await raw(second.emulator, 'GET', `/v1/crypto/onramp_sessions/${b.id}`)).body.status, 'rejected');
      const replay = await raw(second.emulator, 'POST', '/v1/crypto/onramp_sessions', 'metadata[n]=3', { 'Idempotency-Key': 'persisted-key' });
      assert.equal(replay.headers.get('idempotent-replayed'), 'true');
      assert.equal(replay.body.id, c.id);
      const d = await createSession(second.stripe);
      assert.equal(second.emulator.listSessions()[0]!.id, d.id, 'new sessions are newest');
      const browser = await fetch(`${second.emulator.url}/browser/session`, { method: 'POST', body: JSON.stringify({ client_secret: a.client_secret }) });
      assert.equal(browser.status, 200, 'the client secret still opens the session');
    } finally {
      await second.emulator.close();
    }
    assert.deepEqual((await readdir(dir)).filter((f) => f.endsWith('.tmp')), [], 'no temporary files left behind');
  });

  test('a torn temporary file from a crash is ignored', async () => {
    const dataFile = join(dir, 'torn.json');
    const first = await startTestEmulator({ dataFile });
    const a = await createSession(first.stripe);
    await first.emulator.close();
    await writeFile(join(dir, '.torn.json.999.deadbeef.tmp'), '{"format":"crypto-onramp-emu');
    const second = await startTestEmulator({ dataFile });
    try {
      assert.deepEqual(second.emulator.listSessions().map((s) => s.id), [a.id]);
    } finally {
      await second.emulator.close();
    }
  });

  test('a processing purchase completes after a restart', async () => {
    const dataFile = join(dir, 'processing.json');
    const first = await startTestEmulator({ dataFile, fulfillmentDelayMs: 60_000 });
    const session = await createSession(first.stripe, { destination_currency: 'eth', destination_network: 'ethereum', source_amount: '20.00', source_currency: 'usd' });
    const post = (action: Record<string, string>) =>
      fetch(`${first.emulator.url}/browser/session/actions`, { method: 'POST', body: JSON.stringify({ client_secret: session.client_secret, ...action }) });
    await post({ action: 'confirm_wallet', wallet_address: EVM_ADDRESS });
    await post({ action: 'pay', card_number: '4242424242424242' });
    await first.emulator.close();

    // Restarted with a clock past the fulfillment time: the timer fires at once.
    let delivered: (() => void) | undefined;
    const done = new Promise<void>((resolve) => (delivered = resolve));
    const second = await startEmulator({ dataFile, now: () => Date.now() + 120_000 });
    try {
      const stripe = stripeFor(second);
      if (second.getSession(session.id)!.status !== 'fulfillment_complete') {
        const hash = new URL(session.redirect_url).searchParams.get('session_hash');
        const events = await fetch(`${second.url}/browser/events?session_hash=${hash}`);
        const reader = events.body!.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        void (async () => {
          for (;;) {
            const { value, done: ended } = await reader.read();
            if (ended) return;
            buffer += value;
            if (buffer.includes('"status":"fulfillment_complete"')) return delivered?.();
          }
        })();
        await done;
        await reader.cancel();
      }
      const retrieved = JSON.parse(JSON.stringify(await stripe.rawRequest('GET', `/v1/crypto/onramp_sessions/${session.id}`)));
      assert.equal(retrieved.status, 'fulfillment_complete');
    } finally {
      await second.close();
    }
  });

  test('a file of another kind is refused with a clear error', async () => {
    const dataFile = join(dir, 'other.json');
    await writeFile(dataFile, '{"hello":"world"}');
    await assert.rejects(startEmulator({ dataFile }), /not a crypto-onramp-emulator data file/);
  });

  test('killed mid-write (SIGKILL), the file holds every acknowledged session', async () => {
    const dataFile = join(dir, 'crash.json');
    const cli = await startCli(['--port', '0', '--data', dataFile]);
    const acknowledged: string[] = [];
    const headers = { Authorization: `Bearer ${SECRET_KEY}`, 'Content-Type': 'application/x-www-form-urlencoded' };
    const create = async (i: number): Promise<void> => {
      const response = await fetch(`${cli.url}/v1/crypto/onramp_sessions`, { method: 'POST', headers, body: `metadata[i]=${i}&metadata[pad]=${'x'.repeat(400)}` });
      if (response.ok) acknowledged.push(((await response.json()) as { id: string }).id);
    };
    for (let i = 0; i < 40; i++) await create(i);
    // Many writes in flight, then the process dies without any chance to clean up.
    const inFlight = Array.from({ length: 30 }, (_, i) => create(100 + i).catch(() => undefined));
    await new Promise((resolve) => setImmediate(resolve));
    cli.child.kill('SIGKILL');
    await Promise.all(inFlight);
    assert.equal(await cli.exited, 'SIGKILL');

    const contents = JSON.parse(await readFile(dataFile, 'utf8'));
    const stored = new Set((contents.sessions as Array<{ session: { id: string } }>).map((r) => r.session.id));
    for (const id of acknowledged) assert.ok(stored.has(id), `acknowledged session ${id} was lost`);
    const restarted = await startEmulator({ dataFile });
    try {
      assert.ok(restarted.listSessions().length >= acknowledged.length);
    } finally {
      await restarted.close();
    }
  });
});

test('concurrent requests with one Idempotency-Key: one session, the other 409 idempotency_key_in_use or a replay', async () => {
  const dataFile = join(dir, 'concurrent.json');
  const { emulator } = await startTestEmulator({ dataFile });
  try {
    const headers = { 'Idempotency-Key': `concurrent-${Date.now()}` };
    const responses = await Promise.all(Array.from({ length: 5 }, () => raw(emulator, 'POST', '/v1/crypto/onramp_sessions', 'metadata[a]=1', headers)));
    const created = responses.filter((r) => r.status === 200);
    assert.equal(new Set(created.map((r) => r.body.id)).size, 1, 'one session at most');
    for (const r of responses.filter((r) => r.status !== 200)) {
      assert.equal(r.status, 409);
      assert.equal(r.body.error.code, 'idempotency_key_in_use');
    }
    assert.equal(emulator.listSessions().length, 1);
  } finally {
    await emulator.close();
  }
});
