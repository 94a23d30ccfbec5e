/**
 * `dataFile` keeps sessions across restarts in an append-only log: a restart sees every session
 * (and idempotency key) acknowledged before it; a process killed mid-write leaves a file holding
 * every acknowledged session; each change appends about one record (never the whole file); reads
 * write nothing; one process at a time holds the file; leftovers of crashes are cleaned up.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../../src/emulator/index.js';
import { createSession, EVM_ADDRESS, raw, SECRET_KEY, startCli, startTestEmulator, stripeFor } from './emulator-helpers.js';

let dir: string;
before(async () => (dir = await mkdtemp(join(tmpdir(), 'onramp-emulator-'))));
after(() => rm(dir, { recursive: true, force: true }));

/** Every field but redirect_url, which follows the emulator's current address. */
const comparable = (session: { redirect_url: string | null }) => ({ ...session, redirect_url: new URL(session.redirect_url ?? '').search });

/** Session records of the data file's lines: a batch's (`sessions`) or compaction's (`session`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const sessionRecords = (lines: Array<Record<string, any>>): Array<Record<string, any>> => lines.flatMap((l) => l.sessions ?? (l.session ? [l.session] : []));

/** The data file's lines, parsed (the header first). */
async function logLines(file: string): Promise<Array<Record<string, any>>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return (await readFile(file, 'utf8')).split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

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

    const lines = await logLines(dataFile);
    assert.deepEqual(lines[0], { format: 'crypto-onramp-emulator/v2' });
    assert.equal(new Set(sessionRecords(lines).map((record) => record.session.id)).size, 3);

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
    // A crash mid-append leaves a torn last line: never acknowledged, so ignored.
    await writeFile(dataFile, `${await readFile(dataFile, 'utf8')}{"session":{"seq":9,"sess`);
    const second = await startTestEmulator({ dataFile });
    try {
      assert.deepEqual(second.emulator.listSessions().map((s) => s.id), [a.id]);
      assert.deepEqual((await readdir(dir)).filter((f) => f.startsWith('.torn.json')), [], 'the leftover temporary file is removed');
    } finally {
      await second.emulator.close();
    }
  });

  test('a file of the earlier whole-file format is read and rewritten as a log', async () => {
    const dataFile = join(dir, 'legacy.json');
    const first = await startTestEmulator({ dataFile });
    const a = await createSession(first.stripe);
    await first.emulator.close();
    const sessions = sessionRecords(await logLines(dataFile));
    await writeFile(dataFile, JSON.stringify({ format: 'crypto-onramp-emulator/v1', sessions, idempotency: [] }, null, 2));
    const second = await startTestEmulator({ dataFile });
    try {
      assert.deepEqual(second.emulator.listSessions().map((s) => s.id), [a.id]);
      assert.deepEqual((await logLines(dataFile))[0], { format: 'crypto-onramp-emulator/v2' });
    } finally {
      await second.emulator.close();
    }
  });

  test('each change appends about one record, however many sessions the file holds', async () => {
    const dataFile = join(dir, 'append.json');
    const { emulator, stripe } = await startTestEmulator({ dataFile });
    try {
      const sizes: number[] = [];
      for (let i = 0; i < 300; i++) {
        await createSession(stripe, { metadata: { i: String(i).padStart(3, '0') } });
        sizes.push((await stat(dataFile)).size);
      }
      const first = sizes[1]! - sizes[0]!;
      const last = sizes[299]! - sizes[298]!;
      // A rewrite of the whole file would grow this step 300-fold; an append keeps it one record.
      assert.ok(last <= first * 1.5, `the 300th create wrote ${last} bytes, the 2nd ${first}`);
      assert.ok(sizes[299]! > 250 * first, 'the file holds them all');
    } finally {
      await emulator.close();
    }
  });

  test('reads write nothing: retrieve, list and the frame\'s session read leave the file as it was', async () => {
    const dataFile = join(dir, 'reads.json');
    const { emulator, stripe } = await startTestEmulator({ dataFile });
    try {
      const session = await createSession(stripe);
      const before = await stat(dataFile);
      assert.equal((await raw(emulator, 'GET', `/v1/crypto/onramp_sessions/${session.id}`)).status, 200);
      assert.equal((await raw(emulator, 'GET', '/v1/crypto/onramp_sessions?limit=3')).status, 200);
      const frameRead = await fetch(`${emulator.url}/browser/session`, { method: 'POST', body: JSON.stringify({ client_secret: session.client_secret }) });
      assert.equal(frameRead.status, 200);
      await frameRead.arrayBuffer();
      const after = await stat(dataFile);
      assert.deepEqual([after.ino, after.size, after.mtimeMs], [before.ino, before.size, before.mtimeMs], 'not rewritten, not appended to');
    } finally {
      await emulator.close();
    }
  });

  test('a second emulator on the same file refuses to start and names the file (in-process and as a second process)', async () => {
    const dataFile = join(dir, 'locked.json');
    const cli = await startCli(['--port', '0', '--data', dataFile]);
    try {
      await assert.rejects(startEmulator({ dataFile }), (error: Error) => error.message.includes(dataFile) && /in use/.test(error.message));
      const second = await startCli(['--port', '0', '--data', dataFile]).then(
        async (started) => {
          started.child.kill('SIGKILL');
          await started.exited;
          return 'the second process started';
        },
        (error: Error) => error.message,
      );
      assert.match(second, /exited \(1\)/);
      assert.ok(second.includes(dataFile), second);
    } finally {
      cli.child.kill('SIGTERM');
      await cli.exited;
    }
    // Released on a clean stop: the next one starts.
    const next = await startEmulator({ dataFile });
    await assert.rejects(startEmulator({ dataFile }), /in use/);
    await next.close();
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

  test('killed mid-write (SIGKILL) under 8 writers, the file holds every acknowledged session', async () => {
    const dataFile = join(dir, 'crash.json');
    const cli = await startCli(['--port', '0', '--data', dataFile]);
    const acknowledged: string[] = [];
    let fortyAcknowledged: () => void = () => undefined;
    const forty = new Promise<void>((resolve) => (fortyAcknowledged = resolve));
    const headers = { Authorization: `Bearer ${SECRET_KEY}`, 'Content-Type': 'application/x-www-form-urlencoded' };
    const create = async (i: number): Promise<void> => {
      const response = await fetch(`${cli.url}/v1/crypto/onramp_sessions`, { method: 'POST', headers, body: `metadata[i]=${i}&metadata[pad]=${'x'.repeat(400)}` });
      if (response.ok) acknowledged.push(((await response.json()) as { id: string }).id);
      if (acknowledged.length === 40) fortyAcknowledged();
    };
    // 8 writers, each creating sessions one after another until the process dies under them.
    let killed = false;
    const writer = async (w: number): Promise<void> => {
      for (let i = 0; !killed; i++) await create(w * 10_000 + i).catch(() => undefined);
    };
    const writers = Array.from({ length: 8 }, (_, w) => writer(w));
    // Killed once 40 creates are acknowledged and many more are in flight: no chance to clean up.
    await forty;
    cli.child.kill('SIGKILL');
    killed = true;
    await Promise.all(writers);
    assert.equal(await cli.exited, 'SIGKILL');

    // The dead process's lock is stale: the next emulator takes the file over.
    const restarted = await startEmulator({ dataFile });
    try {
      const stored = new Set(restarted.listSessions().map((s) => s.id));
      for (const id of acknowledged) assert.ok(stored.has(id), `acknowledged session ${id} was lost`);
    } finally {
      await restarted.close();
    }
    assert.deepEqual((await readdir(dir)).filter((f) => f.startsWith('.crash.json') || f === 'crash.json.lock'), [], 'no temporary or lock file left behind');
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

test('killed (SIGKILL) under writers with Idempotency-Keys: no acknowledged key is lost, no retry creates a second session, the file holds no API key, and the stale lock is taken over aloud', async () => {
  const dataFile = join(dir, 'idempotent-crash.json');
  const cli = await startCli(['--port', '0', '--data', dataFile]);
  const headers = (key: string) => ({ Authorization: `Bearer ${SECRET_KEY}`, 'Content-Type': 'application/x-www-form-urlencoded', 'Idempotency-Key': key });
  const body = (key: string) => `metadata[key]=${key}&metadata[pad]=${'x'.repeat(300)}`;
  const acknowledged = new Map<string, string>();
  const tried: string[] = [];
  let enough: () => void = () => undefined;
  const thirty = new Promise<void>((resolve) => (enough = resolve));
  let killed = false;
  const writer = async (w: number): Promise<void> => {
    for (let i = 0; !killed; i++) {
      const key = `crash-${w}-${i}`;
      tried.push(key);
      try {
        const response = await fetch(`${cli.url}/v1/crypto/onramp_sessions`, { method: 'POST', headers: headers(key), body: body(key) });
        if (response.ok) acknowledged.set(key, ((await response.json()) as { id: string }).id);
      } catch {
        // The process died under this request: unacknowledged.
      }
      if (acknowledged.size === 30) enough();
    }
  };
  const writers = Array.from({ length: 8 }, (_, w) => writer(w));
  await thirty;
  cli.child.kill('SIGKILL');
  killed = true;
  await Promise.all(writers);
  assert.equal(await cli.exited, 'SIGKILL');

  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
  let restarted: Awaited<ReturnType<typeof startEmulator>>;
  try {
    restarted = await startEmulator({ dataFile, port: 0, host: '127.0.0.1' });
  } finally {
    console.warn = warn;
  }
  try {
    assert.ok(warnings.some((line) => /took over the stale lock .*idempotent-crash\.json\.lock.*no longer runs/.test(line)), warnings.join('\n'));
    // Stripe's client retries every request it did not see answered, with the same key.
    for (const key of tried) {
      const response = await fetch(`${restarted.url}/v1/crypto/onramp_sessions`, { method: 'POST', headers: headers(key), body: body(key) });
      assert.equal(response.status, 200, key);
      const id = ((await response.json()) as { id: string }).id;
      if (acknowledged.has(key)) {
        assert.equal(response.headers.get('idempotent-replayed'), 'true', `acknowledged key ${key} was lost`);
        assert.equal(id, acknowledged.get(key));
      }
    }
    const perKey = new Map<string, number>();
    for (const session of restarted.listSessions()) {
      const key = (session.metadata as Record<string, string>)['key']!;
      perKey.set(key, (perKey.get(key) ?? 0) + 1);
    }
    assert.deepEqual([...perKey].filter(([, count]) => count > 1), [], 'no key created two sessions');
  } finally {
    await restarted.close();
  }
  const text = await readFile(dataFile, 'utf8');
  assert.ok(!text.includes(SECRET_KEY), 'the data file holds a hash of the API key, never the key');
});

test('concurrent creates with Idempotency-Keys: every appended session is in the same line as its key (a crash between two lines would leave a session a retry creates again)', async () => {
  const dataFile = join(dir, 'keys-with-sessions.json');
  const { emulator } = await startTestEmulator({ dataFile });
  try {
    const keys = Array.from({ length: 64 }, (_, i) => `paired-${i}`);
    const answers = await Promise.all(keys.map((key) => raw(emulator, 'POST', '/v1/crypto/onramp_sessions', `metadata[key]=${key}`, { 'Idempotency-Key': key })));
    assert.deepEqual(answers.map((answer) => answer.status), keys.map(() => 200));
    const unpaired: string[] = [];
    for (const line of (await logLines(dataFile)).slice(1)) {
      const lineKeys = new Set((line.idempotency ?? []).map(([scoped]: [string]) => scoped.slice(scoped.indexOf('\u0000') + 1)));
      for (const record of line.sessions ?? []) {
        const key = record.session.metadata.key as string;
        if (!lineKeys.has(key)) unpaired.push(key);
      }
    }
    assert.deepEqual(unpaired, [], 'sessions appended without their idempotency key');
  } finally {
    await emulator.close();
  }
});
