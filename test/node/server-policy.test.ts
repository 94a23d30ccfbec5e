/**
 * The site's policy and hooks, through the handler, against the emulator: what a page may ask
 * for, what the server adds, and what actually reaches Stripe.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createOnrampSessionHandler } from '../../src/server/index.js';
import {
  errorOf,
  mintRequest,
  readJson,
  useHandlerSetup,
  stripeAt,
  VALID_BODY,
} from './server-helpers.js';

const { testEmulator, setup } = useHandlerSetup();

async function expectPolicyError(response: Response, code: string, param: string): Promise<void> {
  const error = errorOf(await readJson(response));
  assert.equal(response.status, 400);
  assert.deepEqual({ type: error.type, code: error.code, param: error.param }, { type: 'invalid_request_error', code, param });
}

describe('policy: allowed currencies and networks', () => {
  const policy = { destinationCurrencies: ['eth', 'usdc'], destinationNetworks: ['ethereum', 'base'], sourceCurrencies: ['usd'] };

  it('refuses presets outside the lists, naming the param', async () => {
    const { handler, sent } = setup({ policy });
    await expectPolicyError(await handler(mintRequest({ destination_currency: 'btc', destination_network: 'bitcoin' })), 'policy_destination_currency_not_allowed', 'destination_currency');
    await expectPolicyError(await handler(mintRequest({ destination_currencies: ['eth', 'sol'] })), 'policy_destination_currency_not_allowed', 'destination_currencies[1]');
    await expectPolicyError(await handler(mintRequest({ destination_currency: 'usdc', destination_network: 'solana' })), 'policy_destination_network_not_allowed', 'destination_network');
    await expectPolicyError(await handler(mintRequest({ destination_networks: ['polygon'] })), 'policy_destination_network_not_allowed', 'destination_networks[0]');
    await expectPolicyError(await handler(mintRequest({ source_currency: 'eur' })), 'policy_source_currency_not_allowed', 'source_currency');
    assert.equal(sent.length, 0);
  });

  it('narrows Stripe’s UI to the lists when the page does not', async () => {
    const { handler, sent } = setup({ policy });
    assert.equal((await handler(mintRequest({ destination_currency: 'usdc', destination_network: 'base' }))).status, 200);
    assert.deepEqual(sent[0]!.body!['destination_currencies'], ['eth', 'usdc']);
    assert.deepEqual(sent[0]!.body!['destination_networks'], ['ethereum', 'base']);
    // A page's narrower list is kept.
    assert.equal((await handler(mintRequest({ destination_currencies: ['usdc'] }))).status, 200);
    assert.deepEqual(sent[1]!.body!['destination_currencies'], ['usdc']);
  });
});

describe('policy: amount limits', () => {
  const policy = {
    sourceAmountLimits: { usd: { min: 20, max: '500.00' } },
    destinationAmountLimits: { eth: { max: '0.5' } },
    defaults: { source_currency: 'usd' as const },
  };

  it('refuses amounts outside the limits, inclusive bounds accepted', async () => {
    const { handler } = setup({ policy });
    await expectPolicyError(await handler(mintRequest({ source_amount: '19.99', source_currency: 'usd' })), 'policy_amount_below_minimum', 'source_amount');
    await expectPolicyError(await handler(mintRequest({ source_amount: '500.01', source_currency: 'usd' })), 'policy_amount_above_maximum', 'source_amount');
    assert.equal((await handler(mintRequest({ source_amount: '20', source_currency: 'usd' }))).status, 200);
    assert.equal((await handler(mintRequest({ source_amount: '500.00', source_currency: 'usd' }))).status, 200);
    // No limit configured for eur.
    assert.equal((await handler(mintRequest({ source_amount: '9000', source_currency: 'eur' }))).status, 200);
    await expectPolicyError(
      await handler(mintRequest({ destination_amount: '0.500000000000000001', destination_currency: 'eth', destination_network: 'ethereum' })),
      'policy_amount_above_maximum',
      'destination_amount',
    );
  });

  it('judges a page’s amount in the default currency when the page gives none', async () => {
    const { handler, sent } = setup({ policy });
    await expectPolicyError(await handler(mintRequest({ source_amount: '1000' })), 'policy_amount_above_maximum', 'source_amount');
    assert.equal((await handler(mintRequest({ source_amount: '100' }))).status, 200);
    assert.deepEqual(sent[0]!.body, { source_amount: '100', source_currency: 'usd' });
  });

  it('refuses a limit that is not an amount at start-up', () => {
    const stripe = stripeAt(testEmulator().port);
    assert.throws(() => createOnrampSessionHandler({ stripe, policy: { sourceAmountLimits: { usd: { min: '-5' } } } }), /sourceAmountLimits/);
    assert.throws(() => createOnrampSessionHandler({ stripe, policy: { sourceAmountLimits: { usd: { min: 50, max: 10 } } } }), /min is greater/);
  });
});

describe('policy: wallet addresses', () => {
  it('can refuse wallet addresses and locking from the page', async () => {
    const { handler, sent } = setup({ policy: { allowWalletAddresses: false, allowLockWalletAddress: false } });
    await expectPolicyError(await handler(mintRequest(VALID_BODY)), 'policy_wallet_address_not_allowed', 'wallet_addresses');
    const { wallet_addresses: _w, ...withoutWallet } = VALID_BODY;
    await expectPolicyError(await handler(mintRequest({ ...withoutWallet, lock_wallet_address: false })), 'policy_lock_wallet_address_not_allowed', 'lock_wallet_address');
    assert.equal(sent.length, 0);
  });

  it('prefill supplies the customer’s wallet and KYC details from the server', async () => {
    const { handler, sent } = setup({
      policy: { allowWalletAddresses: false, allowLockWalletAddress: false },
      prefill: (request, context) => {
        assert.equal(request.headers.get('cookie'), 'session=alice');
        assert.equal(context.clientIp, '100.64.0.40');
        return {
          kyc_details: { email: 'alice@example.com', first_name: 'Alice' },
          wallet_addresses: { ethereum: '0x71C7656EC7ab88b098defB751B7401B5f6d8976F' },
          lock_wallet_address: true,
        };
      },
    });
    const response = await handler(
      mintRequest({ destination_currency: 'eth', destination_network: 'ethereum' }, { headers: { Cookie: 'session=alice' } }),
      { peerAddress: '100.64.0.40' },
    );
    assert.equal(response.status, 200);
    assert.deepEqual(sent[0]!.body, {
      destination_currency: 'eth',
      destination_network: 'ethereum',
      customer_ip_address: '100.64.0.40',
      kyc_details: { email: 'alice@example.com', first_name: 'Alice' },
      wallet_addresses: { ethereum: '0x71C7656EC7ab88b098defB751B7401B5f6d8976F' },
      lock_wallet_address: true,
    });
  });
});

describe('policy: defaults and metadata', () => {
  it('fills what the page left unset; the page’s conflicting choice wins', async () => {
    const { handler, sent } = setup({
      policy: {
        defaults: { destination_currency: 'usdc', destination_network: 'base', source_currency: 'usd', source_amount: '50' },
      },
    });
    assert.equal((await handler(mintRequest({}))).status, 200);
    assert.deepEqual(sent[0]!.body, { destination_currency: 'usdc', destination_network: 'base', source_currency: 'usd', source_amount: '50' });
    // The page fixes the crypto amount: the default fiat amount yields (they are exclusive).
    assert.equal((await handler(mintRequest({ destination_amount: '10', destination_currency: 'usdc', destination_network: 'base' }))).status, 200);
    assert.equal(sent[1]!.body!['source_amount'], undefined);
    // The page's own list excludes the default currency: the default pair yields together.
    assert.equal((await handler(mintRequest({ destination_currencies: ['eth'] }))).status, 200);
    assert.equal(sent[2]!.body!['destination_currency'], undefined);
    assert.equal(sent[2]!.body!['destination_network'], undefined);
    // The page chose the currency: the default network completes the pair.
    assert.equal((await handler(mintRequest({ destination_currency: 'eth' }))).status, 200);
    assert.equal(sent[3]!.body!['destination_network'], 'base');
  });

  it('a page choice that the defaults cannot complete is still a parameter error', async () => {
    const { handler } = setup({ policy: { defaults: { destination_network: 'bitcoin' } } });
    const response = await handler(mintRequest({ destination_currency: 'usdc' }));
    const error = errorOf(await readJson(response));
    assert.equal(response.status, 400);
    assert.equal(error.code, 'crypto_onramp_invalid_destination_currency_and_network_pair');
  });

  it('merges static and per-request metadata', async () => {
    const { handler, sent } = setup({
      policy: { metadata: { site: 'shop', channel: 'web' } },
      metadata: () => ({ user_id: 'u_42', channel: 'app' }),
    });
    assert.equal((await handler(mintRequest({}))).status, 200);
    assert.deepEqual(sent[0]!.body!['metadata'], { site: 'shop', channel: 'app', user_id: 'u_42' });
  });

  it('a hook that throws is a 500 with a generic message and a log line', async () => {
    const { handler, lines } = setup({
      prefill: () => {
        throw new Error('database down (token sk_test_ShouldBeRedacted123)');
      },
    });
    const response = await handler(mintRequest({}));
    const text = await response.text();
    assert.equal(response.status, 500);
    assert.equal(errorOf(JSON.parse(text) as Record<string, unknown>).code, 'internal_error');
    assert.ok(!text.includes('database'));
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /database down/);
    assert.ok(!lines[0]!.includes('ShouldBeRedacted'), 'secrets are redacted from logs');
  });

  it('a hook producing what the API refuses is the server’s fault: 500, logged', async () => {
    const { handler, lines } = setup({ metadata: () => ({ ['x'.repeat(41)]: 'too long a key' }) });
    const response = await handler(mintRequest({}));
    assert.equal(response.status, 500);
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /metadata/);
  });

  it('a default the API refuses is the site’s mistake: 500, logged, not blamed on the page', async () => {
    const { handler, lines, sent } = setup({ policy: { defaults: { source_currency: 'usd', source_amount: '10.001' } } });
    const response = await handler(mintRequest({}));
    assert.equal(response.status, 500);
    assert.equal(errorOf(await readJson(response)).code, 'internal_error');
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /policy\.defaults\.source_amount/);
    assert.equal(sent.length, 0);
    // The page fixing the amount itself makes the bad default irrelevant.
    assert.equal((await handler(mintRequest({ source_amount: '10.00' }))).status, 200);
  });

  it('refuses defaults for parameters only the server’s hooks set', () => {
    const stripe = stripeAt(testEmulator().port);
    assert.throws(
      () => createOnrampSessionHandler({ stripe, policy: { defaults: { customer_ip_address: '1.1.1.1' } as never } }),
      /policy\.defaults\.customer_ip_address/,
    );
  });
});
