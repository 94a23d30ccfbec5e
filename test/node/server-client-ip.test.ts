/**
 * `trustProxy`: which address becomes `customer_ip_address`. Pure functions, no network; the
 * end-to-end check (the address reaching the emulator through the SDK) is in server-proxy.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createClientIpResolver, normalizeIp, type ClientIpOptions } from '../../src/server/client-ip.js';

const resolve = (options: ClientIpOptions, headers: Record<string, string>, peer: string | undefined) =>
  createClientIpResolver(options)(new Headers(headers), peer);

describe('client IP: normalizeIp', () => {
  it('strips ports, brackets and zone ids and unmaps IPv4-mapped IPv6', () => {
    assert.equal(normalizeIp('203.0.113.7'), '203.0.113.7');
    assert.equal(normalizeIp('203.0.113.7:51234'), '203.0.113.7');
    assert.equal(normalizeIp('[2001:db8::1]:443'), '2001:db8::1');
    assert.equal(normalizeIp('::ffff:198.51.100.4'), '198.51.100.4');
    assert.equal(normalizeIp('FE80::1%eth0'), 'fe80::1');
  });
  it('refuses what is not an address', () => {
    for (const junk of ['', 'unknown', '_hidden', '1.2.3', '010.0.0.1', '256.1.1.1', 'example.com', '1.2.3.4.5', ':::']) {
      assert.equal(normalizeIp(junk), undefined, junk);
    }
  });
});

describe('client IP: trustProxy', () => {
  const chain = { 'x-forwarded-for': '198.51.100.1, 203.0.113.9, 10.0.0.2' };

  it('false (default) ignores every forwarding header', () => {
    assert.equal(resolve({}, { ...chain, forwarded: 'for=1.1.1.1', 'x-real-ip': '2.2.2.2' }, '10.0.0.1'), '10.0.0.1');
    assert.equal(resolve({ trustProxy: false }, chain, '10.0.0.1'), '10.0.0.1');
  });

  it('true takes the left-most address', () => {
    assert.equal(resolve({ trustProxy: true }, chain, '10.0.0.1'), '198.51.100.1');
  });

  it('a hop count trusts that many proxies from the right', () => {
    assert.equal(resolve({ trustProxy: 1 }, chain, '10.0.0.1'), '10.0.0.2');
    assert.equal(resolve({ trustProxy: 2 }, chain, '10.0.0.1'), '203.0.113.9');
    assert.equal(resolve({ trustProxy: 3 }, chain, '10.0.0.1'), '198.51.100.1');
    // More hops than the chain holds: the left-most address, as with `true`.
    assert.equal(resolve({ trustProxy: 9 }, chain, '10.0.0.1'), '198.51.100.1');
    // A hop count needs no peer address (runtimes that do not expose it).
    assert.equal(resolve({ trustProxy: 1 }, { 'x-forwarded-for': '198.51.100.1, 203.0.113.9' }, undefined), '203.0.113.9');
  });

  it('a list of proxies walks left while hops are trusted, so a forged left part is ignored', () => {
    const forged = { 'x-forwarded-for': '6.6.6.6, 198.51.100.1, 10.0.0.2' };
    assert.equal(resolve({ trustProxy: ['10.0.0.0/8'] }, forged, '10.0.0.1'), '198.51.100.1');
    assert.equal(resolve({ trustProxy: 'loopback, uniquelocal' }, forged, '127.0.0.1'), '198.51.100.1');
    // A peer that is not a trusted proxy is the client, whatever the header says.
    assert.equal(resolve({ trustProxy: ['10.0.0.0/8'] }, forged, '192.0.2.50'), '192.0.2.50');
    // IPv4 ranges match IPv4-mapped peers, as Node reports them on dual-stack sockets.
    assert.equal(resolve({ trustProxy: ['127.0.0.1'] }, forged, '::ffff:127.0.0.1'), '10.0.0.2');
    // No peer address: a list cannot be applied, so no address rather than a spoofable one.
    assert.equal(resolve({ trustProxy: ['10.0.0.0/8'] }, forged, undefined), undefined);
  });

  it('a function decides per hop', () => {
    const trustPrivate = (address: string) => address.startsWith('10.');
    assert.equal(resolve({ trustProxy: trustPrivate }, chain, '10.0.0.1'), '203.0.113.9');
  });

  it('reads only the configured header', () => {
    const headers = {
      'x-forwarded-for': '6.6.6.6',
      forwarded: 'for=192.0.2.60;proto=https, for="[2001:db8:cafe::17]:4711"',
      'x-real-ip': '198.51.100.77',
    };
    assert.equal(resolve({ trustProxy: 1 }, headers, '10.0.0.1'), '6.6.6.6');
    assert.equal(resolve({ trustProxy: 1, proxyHeader: 'forwarded' }, headers, '10.0.0.1'), '2001:db8:cafe::17');
    assert.equal(resolve({ trustProxy: true, proxyHeader: 'forwarded' }, headers, '10.0.0.1'), '192.0.2.60');
    assert.equal(resolve({ trustProxy: 1, proxyHeader: 'x-real-ip' }, headers, '10.0.0.1'), '198.51.100.77');
  });

  it('an unreadable hop ends the walk with no address', () => {
    assert.equal(resolve({ trustProxy: 2 }, { 'x-forwarded-for': '198.51.100.1, garbage' }, '10.0.0.1'), undefined);
    assert.equal(resolve({ trustProxy: true, proxyHeader: 'forwarded' }, { forwarded: 'for=unknown' }, '10.0.0.1'), undefined);
  });

  it('with no header, the peer is the client even when proxies are trusted', () => {
    assert.equal(resolve({ trustProxy: true }, {}, '203.0.113.5'), '203.0.113.5');
  });

  it('refuses a configuration it cannot read, at start-up', () => {
    assert.throws(() => createClientIpResolver({ trustProxy: ['10.0.0.0/33'] }), /trustProxy/);
    assert.throws(() => createClientIpResolver({ trustProxy: ['not-an-ip'] }), /trustProxy/);
    assert.throws(() => createClientIpResolver({ trustProxy: -1 }), /trustProxy/);
    assert.throws(() => createClientIpResolver({ trustProxy: true, proxyHeader: 'x-client-ip' as never }), /proxyHeader/);
  });
});
