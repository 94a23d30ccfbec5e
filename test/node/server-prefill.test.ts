/**
 * Pre-filled customers through the session handler's `prefill` hook: `customer_information` (the
 * name in Stripe's current guide) beside `kyc_details` (the API reference's), checked with the
 * shared rules, sent through the official SDK to the emulator, which marks the session.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { retrieveOnrampSession } from '../../src/server/index.js';
import { errorOf, mintRequest, readJson, useHandlerSetup } from './server-helpers.js';

const { setup } = useHandlerSetup();

const ADA = {
  email: 'ada@example.com',
  first_name: 'Ada',
  last_name: 'Lovelace',
  dob: { day: 10, month: 12, year: 1990 },
  address: { country: 'GB', line1: '12 St James Sq', line2: 'Flat 2', city: 'London', state: 'LND', postal_code: 'SW1Y 4JH' },
};

describe('prefill: customer_information', () => {
  it('reaches Stripe as customer_information[…] and the session says kyc_details_provided', async () => {
    const { handler, sent, stripe } = setup({ prefill: () => ({ customer_information: ADA }) });
    const response = await handler(mintRequest({ destination_currency: 'eth', destination_network: 'ethereum' }));
    assert.equal(response.status, 200);
    assert.deepEqual(sent[0]!.body!['customer_information'], ADA);
    assert.equal(sent[0]!.body!['kyc_details'], undefined);
    const { client_secret: secret } = (await readJson(response)) as { client_secret: string };
    const session = await retrieveOnrampSession(stripe, secret.split('_secret_')[0]!);
    assert.equal(session.kyc_details_provided, true);
  });

  it('kyc_details still works the same way', async () => {
    const { handler, sent } = setup({ prefill: () => ({ kyc_details: ADA }) });
    assert.equal((await handler(mintRequest({}))).status, 200);
    assert.deepEqual(sent[0]!.body!['kyc_details'], ADA);
  });

  for (const part of ['day', 'month', 'year'] as const) {
    it(`a date of birth without its ${part} is the site's mistake: 500, logged naming customer_information[dob][${part}], nothing sent`, async () => {
      const dob: Record<string, number> = { ...ADA.dob };
      delete dob[part];
      const { handler, sent, lines } = setup({ prefill: () => ({ customer_information: { ...ADA, dob } as never }) });
      const response = await handler(mintRequest({}));
      assert.equal(response.status, 500);
      assert.equal(errorOf(await readJson(response)).code, 'internal_error');
      assert.equal(sent.length, 0);
      assert.equal(lines.length, 1);
      assert.ok(lines[0]!.includes(`customer_information[dob][${part}]`), lines[0]);
    });
  }

  it('both names at once is refused before Stripe (one customer, one name)', async () => {
    const { handler, sent, lines } = setup({ prefill: () => ({ customer_information: ADA, kyc_details: ADA }) });
    assert.equal((await handler(mintRequest({}))).status, 500);
    assert.equal(sent.length, 0);
    assert.match(lines[0] ?? '', /customer_information/);
  });

  it('a page may not send customer_information: parameter_unknown, as for kyc_details', async () => {
    const { handler, sent } = setup();
    for (const param of ['customer_information', 'kyc_details']) {
      const response = await handler(mintRequest({ [param]: { email: 'mallory@example.com' } }));
      assert.equal(response.status, 400);
      assert.deepEqual((({ code, param: named }) => ({ code, param: named }))(errorOf(await readJson(response))), { code: 'parameter_unknown', param });
    }
    assert.equal(sent.length, 0);
  });
});
