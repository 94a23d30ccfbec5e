/**
 * Removing an attribute unsets that preset: the next mint omits it, and nothing breaks (removal
 * gives Lit a `null`, which the element once fed to `.trim()`).
 */
import { expect } from '@open-wc/testing';
import { cleanup, createOnramp, newLog, nextTask, requestLog } from './support/helpers.js';

/** A full, valid set of presets; each test removes one. */
const PRESETS: Record<string, string> = {
  'destination-currency': 'eth',
  'destination-network': 'ethereum',
  'destination-currencies': 'eth usdc',
  'destination-networks': 'ethereum',
  'wallet-address': '0x4675c7e5baafbffbca748158becba61ef3b0a263',
  'lock-wallet-address': '',
  'source-currency': 'usd',
  'source-amount': '100.00',
};
/** The body key each attribute becomes. */
const KEYS: Record<string, string> = {
  'destination-currency': 'destination_currency',
  'destination-network': 'destination_network',
  'destination-currencies': 'destination_currencies',
  'destination-networks': 'destination_networks',
  'wallet-address': 'wallet_addresses',
  'lock-wallet-address': 'lock_wallet_address',
  'source-currency': 'source_currency',
  'source-amount': 'source_amount',
};

describe('<crypto-onramp> attribute removal', () => {
  afterEach(cleanup);

  for (const name of Object.keys(PRESETS)) {
    it(`removing ${name} unsets it: the next mint omits it, with no error from the element`, async () => {
      const log = newLog();
      const { el, events } = createOnramp({ attributes: { 'session-url': `/test-api/session?log=${log}`, ...PRESETS } });
      await events.nth('crypto-onramp-ready', 1);
      el.removeAttribute(name);
      // The endpoint (the server kit) judges the new combination; the element only sends it.
      while ((await requestLog(log)).length < 2) await nextTask();
      const [first, second] = await requestLog(log);
      expect(first!.body).to.have.property(KEYS[name]!);
      const expected = { ...first!.body };
      delete expected[KEYS[name]!];
      // `wallet-address` follows the single remaining network when destination-network goes.
      if (name === 'destination-network') expected['wallet_addresses'] = { ethereum: PRESETS['wallet-address'] };
      expect(second!.body).to.deep.equal(expected);
      const error = events.of('crypto-onramp-error')[0];
      if (error) expect(error.code).to.equal('session_http_error');
      expect(JSON.stringify(events.of('crypto-onramp-error'))).to.not.match(/trim|Cannot read|TypeError/);
    });
  }

  it('removing every attribute, in one task and one by one, never breaks the element', async () => {
    const log = newLog();
    const { el, events } = createOnramp({ attributes: { 'session-url': `/test-api/session?log=${log}`, theme: 'dark', loading: 'eager', 'publishable-key': 'pk_test_emulator', ...PRESETS } });
    await events.nth('crypto-onramp-ready', 1);
    for (const name of ['theme', 'loading', 'publishable-key', ...Object.keys(PRESETS)]) el.removeAttribute(name);
    await events.nth('crypto-onramp-ready', 2);
    expect((await requestLog(log)).at(-1)!.body).to.deep.equal({});
    expect(events.count('crypto-onramp-error')).to.equal(0);
    expect(el.theme).to.equal(null);
    el.removeAttribute('session-url');
    const error = await events.nth('crypto-onramp-error', 1);
    expect(error.detail.code).to.equal('missing_configuration');
  });

  it('setting and removing an attribute in one task is no change: nothing is minted', async () => {
    const log = newLog();
    const { el, events } = createOnramp({ attributes: { 'session-url': `/test-api/session?log=${log}` } });
    await events.nth('crypto-onramp-ready', 1);
    el.setAttribute('source-amount', '50');
    el.removeAttribute('source-amount');
    el.destinationCurrencies = ['eth'];
    el.destinationCurrencies = undefined;
    await el.updateComplete;
    for (let i = 0; i < 5; i++) await nextTask();
    expect(await requestLog(log)).to.have.length(1);
    expect(el.state).to.equal('ready');
  });
});
