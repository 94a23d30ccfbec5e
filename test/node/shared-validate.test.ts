// The shared rules' open-enum mode (used by the server kit) against their default (the emulator's).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateCreateParams } from '../../src/shared/validate.js';

describe('shared rules: open enums', () => {
  const future = {
    destination_currency: 'newcoin',
    destination_network: 'newchain',
    destination_networks: ['newchain', 'ethereum'],
    destination_amount: '1.1234567890123456789012',
    wallet_addresses: { newchain: 'nc1-anything', ethereum: '0x71C7656EC7ab88b098defB751B7401B5f6d8976F' },
  };

  it('refuses values they do not know by default, as the emulator (and Stripe) does', () => {
    const result = validateCreateParams(future, 'json');
    assert.equal(result.ok, false);
    assert.deepEqual(!result.ok && { code: result.error.code, param: result.error.param }, {
      code: 'parameter_invalid_string',
      param: 'destination_currency',
    });
  });

  it('lets well-formed unknown values through with openEnums, skipping the rules keyed on known values', () => {
    const result = validateCreateParams(future, 'json', { openEnums: true });
    assert.equal(result.ok, true, JSON.stringify(!result.ok && result.error));
  });

  it('still applies every rule to the values they know, and refuses malformed ones', () => {
    const known = validateCreateParams({ destination_currency: 'btc', destination_network: 'ethereum' }, 'json', { openEnums: true });
    assert.equal(!known.ok && known.error.code, 'crypto_onramp_invalid_destination_currency_and_network_pair');
    const address = validateCreateParams(
      { destination_currency: 'eth', destination_network: 'ethereum', wallet_addresses: { ethereum: '0x12' } },
      'json',
      { openEnums: true },
    );
    assert.equal(!address.ok && address.error.param, 'wallet_addresses[ethereum]');
    const malformed = validateCreateParams({ destination_currency: 'Eth Coin', destination_network: 'ethereum' }, 'json', { openEnums: true });
    assert.equal(!malformed.ok && malformed.error.param, 'destination_currency');
    const base = validateCreateParams(
      { destination_currency: 'eth', destination_network: 'base', wallet_addresses: { base: '0x71C7656EC7ab88b098defB751B7401B5f6d8976F' } },
      'json',
      { openEnums: true },
    );
    assert.equal(!base.ok && base.error.code, 'parameter_unknown', "Base's key stays base_network");
  });
});
