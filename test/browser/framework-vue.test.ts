/**
 * <crypto-onramp> rendered by Vue 3: templates compiled in the browser (with `isCustomElement`),
 * camelCase bindings as properties and kebab-case ones as attributes, `@crypto-onramp-*`
 * listeners, `v-if` unmounting, `<KeepAlive>` (which detaches and re-inserts the element), and the
 * Vue demo's single-file component.
 */
import { expect } from '@open-wc/testing';
import { createApp, defineComponent, nextTick, ref, type App as VueApp, type Component } from 'vue';
import type { CryptoOnrampEventMap } from '../../src/element/events.js';
import DemoApp from '../../demo/frameworks/vue/App.vue';
import { container, deferred, FRAMEWORK_TEST_PRESETS, removeContainers } from '../frameworks/browser-helpers.js';
import { exerciseDemo } from '../frameworks/demo-walk.js';
import { EventRecorder, expectGoneAndSilent, iframes, mountNodes, newLog, requestLog, expectOneSessionAfterRerenders } from './support/helpers.js';
import '../../src/frameworks/vue.js';

const SESSION = '/test-api/session';
type Ready = CryptoOnrampEventMap['crypto-onramp-ready'];

describe('Vue 3', () => {
  let apps: VueApp[] = [];
  const warnings: string[] = [];
  function mount(component: Component, props: Record<string, unknown> = {}): HTMLElement {
    const parent = container();
    const app = createApp(component, props);
    // What `compilerOptions.isCustomElement` does in a build: no component resolution for the tag.
    app.config.compilerOptions.isCustomElement = (tag) => tag === 'crypto-onramp';
    // "Failed to resolve component: crypto-onramp" and the like fail the test.
    app.config.warnHandler = (message) => warnings.push(message);
    app.mount(parent);
    apps.push(app);
    return parent;
  }
  afterEach(() => {
    for (const app of apps) app.unmount();
    apps = [];
    removeContainers();
    expect(warnings.splice(0)).to.deep.equal([]);
  });

  it('sets camelCase bindings as properties and kebab-case ones as attributes; both reach the minting request', async () => {
    const log = newLog();
    const ready = deferred<Ready>();
    const parent = mount({
      setup: () => ({ url: `${SESSION}?log=${log}`, currencies: ['eth', 'usdc'], params: { source_currency: 'usd' }, onReady: ready.resolve }),
      template: `
        <crypto-onramp
          :session-url="url"
          destination-currency="eth"
          :destinationNetwork="'ethereum'"
          :destinationCurrencies="currencies"
          :lockWalletAddress="true"
          wallet-address="0x4675c7e5baafbffbca748158becba61ef3b0a263"
          :sessionParams="params"
          theme="dark"
          @crypto-onramp-ready="onReady"
        />`,
    });
    const event = await ready.promise;
    const el = parent.querySelector('crypto-onramp')!;
    expect(event.target).to.equal(el);
    expect(el.destinationCurrencies).to.deep.equal(['eth', 'usdc']);
    const [request, ...more] = await requestLog(log);
    expect(more).to.have.length(0);
    expect(request!.body).to.deep.equal({ ...FRAMEWORK_TEST_PRESETS, source_currency: 'usd' });
  });

  it('delivers events to @crypto-onramp-* listeners, and a reactive change mints once', async () => {
    const log = newLog();
    const statuses: string[] = [];
    const readies: Ready[] = [];
    let settle = deferred<void>();
    const currency = ref('eth');
    const network = ref('ethereum');
    mount({
      setup: () => ({
        url: `${SESSION}?log=${log}`,
        currency,
        network,
        onReady: (event: Ready) => {
          readies.push(event);
          settle.resolve();
        },
        onStatus: (event: CryptoOnrampEventMap['crypto-onramp-status-change']) => statuses.push(event.detail.status),
      }),
      template: `<crypto-onramp :sessionUrl="url" :destinationCurrency="currency" :destinationNetwork="network"
        @crypto-onramp-ready="onReady" @crypto-onramp-status-change="onStatus" />`,
    });
    await settle.promise;
    settle = deferred<void>();
    currency.value = 'usdc';
    network.value = 'solana';
    await settle.promise;
    expect((await requestLog(log)).map((r) => r.body)).to.deep.equal([
      { destination_currency: 'eth', destination_network: 'ethereum' },
      { destination_currency: 'usdc', destination_network: 'solana' },
    ]);
    expect(readies.map((e) => e.detail.session.id)).to.have.length(2);
    expect(statuses).to.deep.equal(['initialized', 'initialized']);
    expect(iframes()).to.have.length(1);
  });

  it('mints once when the template re-renders 20 times with inline literals', async () => {
    const log = newLog();
    const ready = deferred<Ready>();
    let readyCount = 0;
    const renders = ref(0);
    const parent = mount({
      setup: () => ({
        url: `${SESSION}?log=${log}`,
        renders,
        onReady: (event: Ready) => {
          readyCount++;
          ready.resolve(event);
        },
      }),
      // Literals in the template: Vue builds new ones on every render.
      template: `<crypto-onramp :sessionUrl="url" :data-renders="renders"
        :destinationCurrencies="['eth', 'usdc']" :destinationNetworks="['ethereum', 'base']"
        :sessionParams="{ source_currency: 'usd', source_amount: '100.00' }"
        :fetchOptions="{ headers: { 'X-CSRF-Token': 'csrf-token' }, credentials: 'same-origin' }"
        @crypto-onramp-ready="onReady" />`,
    });
    for (let i = 0; i < 10; i++) {
      renders.value++;
      await nextTick();
    }
    await ready.promise;
    for (let i = 0; i < 10; i++) {
      renders.value++;
      await nextTick();
    }
    await expectOneSessionAfterRerenders(parent.querySelector('crypto-onramp')!, log, readyCount);
  });

  it('leaves nothing behind when v-if removes it, and fires nothing afterwards', async () => {
    const shown = ref(true);
    const ready = deferred<Ready>();
    let calls = 0;
    const parent = mount({
      setup: () => ({ shown, url: SESSION, onReady: ready.resolve, onAny: () => calls++ }),
      template: `<crypto-onramp v-if="shown" :sessionUrl="url" @crypto-onramp-ready="onReady"
        @crypto-onramp-session-updated="onAny" @crypto-onramp-status-change="onAny" />`,
    });
    const { detail } = await ready.promise;
    calls = 0;
    shown.value = false;
    await nextTick();
    await expectGoneAndSilent(parent, detail.session.id, () => calls);
  });

  it('keeps its session through <KeepAlive> (deactivation detaches the element, activation re-inserts it)', async () => {
    const log = newLog();
    const events = new EventRecorder(document.body);
    const Onramp = defineComponent({
      setup: () => ({ url: `${SESSION}?log=${log}` }),
      template: `<crypto-onramp :sessionUrl="url" />`,
    });
    const Other = defineComponent({ template: `<p>elsewhere</p>` });
    const tab = ref<'onramp' | 'other'>('onramp');
    mount({
      components: { Onramp, Other },
      setup: () => ({ tab }),
      template: `<KeepAlive><Onramp v-if="tab === 'onramp'" /><Other v-else /></KeepAlive>`,
    });
    const first = await events.nth('crypto-onramp-ready', 1);
    tab.value = 'other';
    await nextTick();
    expect(mountNodes()).to.have.length(0);
    expect(iframes()).to.have.length(0);
    tab.value = 'onramp';
    const again = await events.nth('crypto-onramp-ready', 2);
    expect(again.detail.session.id).to.equal(first.detail.session.id);
    expect(await requestLog(log)).to.have.length(1);
    expect(iframes()).to.have.length(1);
  });

  it('runs the Vue demo: presets follow state, status shows, remove and re-add', async () => {
    const log = newLog();
    const events = new EventRecorder(document.body);
    const parent = mount(DemoApp, { sessionUrl: `${SESSION}?log=${log}` });
    await exerciseDemo(parent, events, log);
  });
});
