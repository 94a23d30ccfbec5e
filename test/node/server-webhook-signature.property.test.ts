/**
 * The kit reads `Stripe-Signature` as the official SDK does: any header the kit accepts, the SDK
 * (node_modules/stripe, verifying with the same clock) accepts too, having read the same timestamp.
 * Headers are built from the pieces an attacker would combine: two `t=` items, spaces, a
 * signature made for a year-ahead timestamp, values with a second `=`. Plus the known bypass
 * `t=NOW,t=FUTURE,v1=<signature for FUTURE>` in several spellings, refused.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import Stripe from 'stripe';
import { verifyOnrampWebhook } from '../../src/server/index.js';

const SEED = Number(process.env['FC_SEED'] ?? Date.now() % 2 ** 31);
const RUNS = Number(process.env['FC_RUNS'] ?? 400);
const SECRET = 'whsec_signaturePropertySecret0123456789';
const stripe = new Stripe('sk_test_signature_property', { telemetry: false });
const NOW_MS = Date.UTC(2026, 5, 1);
const NOW = Math.floor(NOW_MS / 1000);
const FUTURE = NOW + 365 * 24 * 3600;
const PAST = NOW - 120;
const PAYLOAD = JSON.stringify({
  id: 'evt_signature_property',
  object: 'event',
  type: 'crypto.onramp_session_updated',
  created: NOW,
  livemode: false,
  data: { object: { id: 'cos_sig', object: 'crypto.onramp_session', status: 'fulfillment_complete' } },
});
const sign = (timestamp: number | string): string => createHmac('sha256', SECRET).update(`${timestamp}.${PAYLOAD}`, 'utf8').digest('hex');

/** The timestamp the SDK signs over, seen through a crypto provider that records what it hashes. */
async function sdkReading(header: string): Promise<{ accepted: boolean; timestamps: string[] }> {
  const inner = Stripe.createNodeCryptoProvider();
  const timestamps: string[] = [];
  const recording = Object.assign(Object.create(inner) as typeof inner, {
    computeHMACSignatureAsync: (content: string, secret: string) => {
      timestamps.push(content.slice(0, content.indexOf('.')));
      return inner.computeHMACSignatureAsync(content, secret);
    },
  });
  try {
    await stripe.webhooks.constructEventAsync(PAYLOAD, header, SECRET, 300, recording, NOW_MS);
    return { accepted: true, timestamps };
  } catch {
    return { accepted: false, timestamps };
  }
}

async function kitReading(header: string): Promise<{ accepted: boolean }> {
  const result = await verifyOnrampWebhook(stripe, PAYLOAD, header, SECRET, { now: () => NOW_MS });
  return { accepted: result.kind !== 'invalid' };
}

const piece = fc.constantFrom(
  `t=${NOW}`,
  `t=${FUTURE}`,
  `t=${PAST}`,
  ` t=${FUTURE}`,
  `t= ${NOW}`,
  `t=${NOW}=${FUTURE}`,
  `t=${FUTURE}=${NOW}`,
  `t=0${NOW}`,
  `t=${NOW}.5`,
  `t=+${NOW}`,
  't=',
  't',
  `v1=${sign(NOW)}`,
  `v1=${sign(FUTURE)}`,
  `v1=${sign(PAST)}`,
  `v1=${sign(`0${NOW}`)}`,
  ` v1=${sign(NOW)}`,
  `v1=${sign(NOW)}=x`,
  'v0=deadbeef',
  'v1=deadbeef',
  '',
  'junk',
);

describe('Stripe-Signature: one reading, the SDK\'s', () => {
  it(`every header the kit accepts, the SDK accepts with the same timestamp (seed ${SEED}, ${RUNS} runs)`, async () => {
    console.log(`fast-check: seed ${SEED}, ${RUNS} runs (replay with FC_SEED=${SEED} FC_RUNS=${RUNS})`);
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { minLength: 1, maxLength: 6 }), async (pieces) => {
        const header = pieces.join(',');
        const kit = await kitReading(header);
        if (!kit.accepted) return;
        accepted += 1;
        const sdk = await sdkReading(header);
        assert.ok(sdk.accepted, `the SDK refuses ${header}`);
        const timestamps = header.split(',').filter((item) => item.split('=')[0] === 't');
        assert.equal(timestamps.length, 1, `the kit accepted a header with t= ${timestamps.length} times: ${header}`);
        assert.deepEqual(sdk.timestamps.map(Number), [Number(timestamps[0]!.split('=')[1])], 'the SDK signed over the timestamp the kit checked');
        assert.ok(Number(sdk.timestamps[0]) <= NOW + 60, 'not in the future');
      }),
      { seed: SEED, numRuns: RUNS },
    );
    assert.ok(accepted > 0, 'some generated headers were genuine');
  });

  for (const spelling of [
    `t=${NOW},t=${FUTURE},v1=${sign(FUTURE)}`,
    `t=${NOW},v1=${sign(FUTURE)},t=${FUTURE}`,
    `v1=${sign(FUTURE)},t=${NOW},t=${FUTURE}`,
    `t=${NOW},t=${FUTURE},v1=${sign(NOW)},v1=${sign(FUTURE)}`,
  ]) {
    it(`refuses a future-dated signature behind a second t=: ${spelling.slice(0, 40)}…`, async () => {
      const result = await verifyOnrampWebhook(stripe, PAYLOAD, spelling, SECRET, { now: () => NOW_MS });
      assert.equal(result.kind, 'invalid');
      assert.match(result.kind === 'invalid' ? result.message : '', /t= more than once/);
    });
  }

  it('a genuine header passes, and the tolerance is checked against the same clock as the skew', async () => {
    assert.equal((await kitReading(`t=${NOW},v1=${sign(NOW)}`)).accepted, true);
    assert.equal((await kitReading(`t=${NOW - 301},v1=${sign(NOW - 301)}`)).accepted, false, 'older than the 300 s tolerance');
  });
});
