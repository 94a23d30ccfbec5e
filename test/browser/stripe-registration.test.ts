/**
 * The element tells Stripe it drives the onramp instance it uses, as Stripe's React wrappers do:
 * `_registerWrapper({ name: 'crypto-onramp-element', version })` on that very instance (the one
 * whose `createSession` mounts the UI), not on the instance Stripe's own loader made.
 */
import { expect } from '@open-wc/testing';
import { cleanup, createOnramp, newLog } from './support/helpers.js';

interface Instance {
  createSession(...args: unknown[]): unknown;
  _registerWrapper?(wrapper: unknown): void;
}
interface Seen {
  registered: unknown[];
  createdSession: boolean;
}

/**
 * Watches every instance `window.StripeOnramp(pk)` returns, whenever Stripe's script defines it:
 * already (the element's early load may have run it before the test starts) or later.
 */
function watchInstances(): Seen[] {
  const seen: Seen[] = [];
  let factory = (window as unknown as { StripeOnramp?: (pk: string) => Instance }).StripeOnramp;
  Object.defineProperty(window, 'StripeOnramp', {
    configurable: true,
    set(value: (pk: string) => Instance) {
      factory = value;
    },
    get() {
      if (!factory) return undefined;
      const real = factory;
      return Object.assign((pk: string) => {
        const instance = real(pk);
        const record: Seen = { registered: [], createdSession: false };
        seen.push(record);
        const register = instance._registerWrapper?.bind(instance);
        if (register) instance._registerWrapper = (wrapper) => (record.registered.push(wrapper), register(wrapper));
        const create = instance.createSession.bind(instance);
        instance.createSession = (...args) => ((record.createdSession = true), create(...args));
        return instance;
      }, real);
    },
  });
  return seen;
}

describe('<crypto-onramp> registers with Stripe', () => {
  afterEach(cleanup);

  it('on the instance whose session it mounts, with its name and version', async () => {
    const seen = watchInstances();
    const { events } = createOnramp({ attributes: { 'session-url': `/test-api/session?log=${newLog()}` } });
    await events.nth('crypto-onramp-ready', 1);
    const used = seen.filter((instance) => instance.createdSession);
    expect(used).to.have.length(1);
    const pkg = (await (await fetch('/package.json')).json()) as { version: string };
    expect(used[0]!.registered).to.deep.include({ name: 'crypto-onramp-element', version: pkg.version });
  });
});
