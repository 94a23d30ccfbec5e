/**
 * <crypto-onramp> rendered by Svelte 5: names the element has as setters are set as properties,
 * others as attributes; `oncrypto-onramp-*` handlers; `{#if}` and `unmount()` leave nothing
 * behind; and the Svelte demo.
 */
import { expect } from '@open-wc/testing';
import { flushSync, mount, unmount } from 'svelte';
import type { CryptoOnrampEventMap } from '../../src/element/events.js';
import DemoApp from '../../demo/frameworks/svelte/App.svelte';
import Onramp from '../frameworks/svelte/Onramp.svelte';
import { container, deferred, FRAMEWORK_TEST_PRESETS, removeContainers } from '../frameworks/browser-helpers.js';
import { exerciseDemo } from '../frameworks/demo-walk.js';
import { EventRecorder, expectGoneAndSilent, iframes, mountNodes, newLog, requestLog } from './support/helpers.js';

const SESSION = '/test-api/session';
type Ready = CryptoOnrampEventMap['crypto-onramp-ready'];
/** What Onramp.svelte exports. */
interface OnrampControls {
  choose(currency: string, network: string): void;
  toggle(): void;
}

describe('Svelte 5', () => {
  let mounted: Array<Record<string, unknown>> = [];
  function render(component: typeof Onramp, props: Record<string, unknown>): { parent: HTMLElement; instance: Record<string, unknown> } {
    const parent = container();
    const instance = mount(component, { target: parent, props }) as Record<string, unknown>;
    mounted.push(instance);
    return { parent, instance };
  }
  afterEach(() => {
    for (const instance of mounted) void unmount(instance);
    mounted = [];
    removeContainers();
  });

  it('sets properties and attributes, which reach the minting request; events reach the handlers', async () => {
    const log = newLog();
    const ready = deferred<Ready>();
    const { parent } = render(Onramp, { sessionUrl: `${SESSION}?log=${log}`, onready: ready.resolve });
    const event = await ready.promise;
    const el = parent.querySelector('crypto-onramp')!;
    expect(event.target).to.equal(el);
    expect(el.destinationCurrencies).to.deep.equal(['eth', 'usdc']);
    expect(el.getAttribute('destination-currency')).to.equal('eth');
    const [request, ...more] = await requestLog(log);
    expect(more).to.have.length(0);
    expect(request!.body).to.deep.equal(FRAMEWORK_TEST_PRESETS);
  });

  it('mints once when state changes two presets', async () => {
    const log = newLog();
    const statuses: string[] = [];
    let settle = deferred<Ready>();
    const { instance } = render(Onramp, {
      sessionUrl: `${SESSION}?log=${log}`,
      onready: (event: Ready) => settle.resolve(event),
      onstatus: (event: CryptoOnrampEventMap['crypto-onramp-status-change']) => statuses.push(event.detail.status),
    });
    const first = await settle.promise;
    settle = deferred<Ready>();
    // (Base, because the fixture's wallet address is an EVM one.)
    (instance as unknown as OnrampControls).choose('usdc', 'base');
    flushSync();
    const second = await settle.promise;
    expect(second.detail.session.id).to.not.equal(first.detail.session.id);
    expect((await requestLog(log)).map((r) => r.body['destination_currency'])).to.deep.equal(['eth', 'usdc']);
    expect(statuses).to.deep.equal(['initialized', 'initialized']);
    expect(iframes()).to.have.length(1);
  });

  it('leaves nothing behind when {#if} removes it or the app unmounts, and fires nothing afterwards', async () => {
    const ready = deferred<Ready>();
    let calls = 0;
    const { parent, instance } = render(Onramp, {
      sessionUrl: SESSION,
      onready: ready.resolve,
      onstatus: () => calls++,
      onupdated: () => calls++,
    });
    const { detail } = await ready.promise;
    calls = 0;
    (instance as unknown as OnrampControls).toggle();
    flushSync();
    await expectGoneAndSilent(parent, detail.session.id, () => calls);

    const again = deferred<Ready>();
    const other = render(Onramp, { sessionUrl: SESSION, onready: again.resolve });
    await again.promise;
    await unmount(other.instance);
    mounted = mounted.filter((m) => m !== other.instance);
    expect(other.parent.querySelector('crypto-onramp')).to.equal(null);
    expect(mountNodes()).to.have.length(0);
    expect(iframes()).to.have.length(0);
  });

  it('runs the Svelte demo: presets follow state, status shows, remove and re-add', async () => {
    const log = newLog();
    const events = new EventRecorder(document.body);
    const { parent } = render(DemoApp, { sessionUrl: `${SESSION}?log=${log}` });
    await exerciseDemo(parent, events, log);
  });
});
