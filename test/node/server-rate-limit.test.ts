/**
 * The rate limit keys on the client's network: an IPv4 address or an IPv6 /64 by default, each
 * whatever its spelling, with the prefix lengths configurable.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ipNetworkKey } from '../../src/shared/ip-address.js';
import { captureLogger, handlerSetup, mintRequest, useTestEmulator, VALID_BODY } from './server-helpers.js';
import type { RateLimitOptions } from '../../src/server/index.js';

const emulator = useTestEmulator();

/** Statuses of one request from each address, in order, through one handler. */
async function statuses(rateLimit: RateLimitOptions, addresses: readonly string[]): Promise<number[]> {
  const { handler } = handlerSetup(emulator(), { rateLimit });
  const out: number[] = [];
  for (const peerAddress of addresses) out.push((await handler(mintRequest(VALID_BODY), { peerAddress })).status);
  return out;
}

describe('rate limit: one bucket per client network', () => {
  it('every spelling of one IPv6 address is one key', () => {
    const spellings = ['2001:db8::1', '2001:DB8::1', '2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8:0:0::1', '2001:db8::0:1'];
    const keys = new Set(spellings.map((s) => ipNetworkKey(s, { ipv4: 32, ipv6: 128 })));
    assert.equal(keys.size, 1, [...keys].join(' | '));
  });

  it('an IPv4-mapped IPv6 address is its IPv4 address', () => {
    assert.equal(ipNetworkKey('::ffff:192.0.2.7'), ipNetworkKey('192.0.2.7'));
    assert.equal(ipNetworkKey('::FFFF:c000:0207'), ipNetworkKey('192.0.2.7'));
    assert.equal(ipNetworkKey('not an address'), undefined);
  });

  it('by default, a whole IPv6 /64 shares one limit, in any spelling', async () => {
    const sameSlash64 = ['2a00:1450:1:2::1', '2A00:1450:1:2:ffff:ffff:ffff:ffff', '2a00:1450:0001:0002:abcd::9'];
    assert.deepEqual(await statuses({ limit: 2, windowMs: 60_000 }, [...sameSlash64, '2a00:1450:1:3::1']), [200, 200, 429, 200]);
  });

  it('an IPv4 client is one key however its address is written', async () => {
    assert.deepEqual(await statuses({ limit: 1, windowMs: 60_000 }, ['100.64.7.9', '::ffff:100.64.7.9', '100.64.7.10']), [200, 429, 200]);
  });

  it('prefix lengths are configurable', async () => {
    assert.deepEqual(await statuses({ limit: 1, windowMs: 60_000, ipv4Prefix: 24 }, ['100.64.8.1', '100.64.8.200', '100.64.9.1']), [200, 429, 200]);
    assert.deepEqual(await statuses({ limit: 1, windowMs: 60_000, ipv6Prefix: 128 }, ['2a00:1450::1', '2a00:1450::2', '2A00:1450:0::1']), [200, 200, 429]);
    assert.throws(() => handlerSetup(emulator(), { rateLimit: { limit: 1, windowMs: 1, ipv6Prefix: 129 } }), /ipv6Prefix must be an integer from 1 to 128/);
  });
});

describe('requests with no known client address', () => {
  it('share one bucket by default, and the handler says so once', async () => {
    const log = captureLogger();
    const { handler } = handlerSetup(emulator(), { logger: log.logger, rateLimit: { limit: 2, windowMs: 60_000 } });
    const out: number[] = [];
    for (let i = 0; i < 4; i++) out.push((await handler(mintRequest(VALID_BODY))).status);
    assert.deepEqual(out, [200, 200, 429, 429]);
    const warnings = log.lines.filter((line) => line.includes('no known client address'));
    assert.equal(warnings.length, 1, log.lines.join('\n'));
    assert.match(warnings[0]!, /rateLimit\.keyBy/);
  });

  it('keyBy gives them keys of the site\'s choosing (here a session cookie), and no warning', async () => {
    const log = captureLogger();
    const { handler } = handlerSetup(emulator(), {
      logger: log.logger,
      rateLimit: { limit: 1, windowMs: 60_000, keyBy: (request) => request.headers.get('cookie') ?? 'anonymous' },
    });
    const as = (cookie: string) => handler(mintRequest(VALID_BODY, { headers: { Cookie: cookie } })).then((r) => r.status);
    assert.deepEqual([await as('sid=a'), await as('sid=b'), await as('sid=a')], [200, 200, 429]);
    assert.equal((await handler(mintRequest(VALID_BODY), { peerAddress: '100.64.40.1' })).status, 200, 'a known address still keys on its network');
    assert.deepEqual(log.lines.filter((line) => line.includes('no known client address')), []);
  });
});
