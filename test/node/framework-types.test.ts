// The framework typings (src/frameworks/) hold against the element they are derived from, and
// each framework's own checker accepts correct uses and rejects misspelled attributes and events.
//
// Three layers:
// - compile time, here: `npm run typecheck` compiles this file, so the assertions below on
//   the derived types (and the object literals with @ts-expect-error) fail the typecheck;
// - run time, here: the derived attribute names match the element's declared `@property`s;
// - each framework's checker over its fixtures and its demo: tsc on JSX (test/frameworks/jsx),
//   vue-tsc on templates (test/frameworks/vue), svelte-check on markup (test/frameworks/svelte),
//   Angular's compiler (ngc, strictTemplates) on the Angular demo and fixture (test/frameworks/angular).
//   Fixtures mark the errors they expect, so a typing that loosens fails as surely as one that breaks.
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import assert from 'node:assert/strict';
import type { JSX as PreactJSX } from 'preact';
import type { JSX as ReactJSX } from 'react';
import type { GlobalComponents } from 'vue';
import type { SvelteHTMLElements } from 'svelte/elements';
import { CryptoOnramp } from '../../src/element/crypto-onramp.js';
import {
  EVENT_PROPS,
  PROPERTY_ONLY,
  type CryptoOnrampAttributes,
  type CryptoOnrampEventName,
  type CryptoOnrampEventProps,
  type CryptoOnrampPropertyName,
} from '../../src/frameworks/element-types.js';
import { attributeNames, toHydratableProps } from '../../src/frameworks/server-props.js';
import '../../src/frameworks/react.js';
import '../../src/frameworks/preact.js';
import '../../src/frameworks/vue.js';
import '../../src/frameworks/svelte.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

// ---- compile time ------------------------------------------------------------------------

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(): T | undefined => undefined;

/** Every settable property, by hand, once: the derived union must be exactly this. */
const PROPERTIES = {
  sessionUrl: 'session-url',
  clientSecret: false,
  publishableKey: 'publishable-key',
  theme: 'theme',
  destinationCurrency: 'destination-currency',
  destinationNetwork: 'destination-network',
  sourceCurrency: 'source-currency',
  sourceAmount: 'source-amount',
  destinationAmount: 'destination-amount',
  walletAddress: 'wallet-address',
  lockWalletAddress: 'lock-wallet-address',
  destinationCurrencies: 'destination-currencies',
  destinationNetworks: 'destination-networks',
  sessionParams: false,
  fetchOptions: false,
  loading: 'loading',
  requestTimeout: false,
  scriptTimeout: false,
  readyTimeout: false,
  mode: 'mode',
  target: 'target',
  returnUrl: 'return-url',
  messages: false,
} as const satisfies Record<CryptoOnrampPropertyName, string | false>;
type AttributeNames = Exclude<(typeof PROPERTIES)[keyof typeof PROPERTIES], false>;

assertType<Equal<CryptoOnrampPropertyName, keyof typeof PROPERTIES>>();
assertType<Equal<keyof CryptoOnrampAttributes, AttributeNames>>();
assertType<Equal<keyof CryptoOnrampEventProps, 'onReady' | 'onSessionUpdated' | 'onStatusChange' | 'onError' | 'onRedirect'>>();
assertType<Equal<CryptoOnrampAttributes['theme'], 'light' | 'dark' | 'auto' | undefined>>();
assertType<Equal<CryptoOnrampAttributes['lock-wallet-address'], true | undefined>>();

// Object literals see hyphenated names that JSX never checks (TypeScript exempts hyphenated JSX
// attributes from excess-property checks), so these pin the intrinsic-element types themselves.
type ReactOnramp = ReactJSX.IntrinsicElements['crypto-onramp'];
type PreactOnramp = PreactJSX.IntrinsicElements['crypto-onramp'];
type SvelteOnramp = SvelteHTMLElements['crypto-onramp'];
type VueOnrampProps = InstanceType<GlobalComponents['crypto-onramp']>['$props'];
export const typed: [ReactOnramp, PreactOnramp, SvelteOnramp, VueOnrampProps] = [
  { 'session-url': '/s', destinationCurrencies: ['eth'], 'oncrypto-onramp-ready': (e) => e.detail.session.id },
  { 'destination-currencies': 'eth usdc', 'oncrypto-onramp-error': (e) => e.detail.code },
  { sessionUrl: '/s', 'oncrypto-onramp-status-change': (e) => e.detail.previousStatus },
  { destinationCurrency: 'eth', theme: 'auto' },
];
// @ts-expect-error misspelled attribute
export const badReactAttribute: ReactOnramp = { 'destination-curency': 'eth' };
// @ts-expect-error misspelled event
export const badReactEvent: ReactOnramp = { 'oncrypto-onramp-redy': () => {} };
// @ts-expect-error misspelled event
export const badPreactEvent: PreactOnramp = { 'oncrypto-onramp-status-changed': () => {} };
// @ts-expect-error misspelled attribute
export const badSvelteAttribute: SvelteOnramp = { 'session-ur': '/s' };
// @ts-expect-error not a property of the element
export const badVueProp: VueOnrampProps = { destinationNetwrk: 'base' };

// ---- run time ----------------------------------------------------------------------------

test("the derived attribute names are the element's own", () => {
  const observed = new Set(CryptoOnramp.observedAttributes);
  for (const [name, options] of CryptoOnramp.elementProperties) {
    const attribute = options.attribute === undefined || options.attribute === true ? String(name).toLowerCase() : options.attribute;
    assert.equal(attribute, PROPERTIES[name as CryptoOnrampPropertyName], `attribute of ${String(name)}`);
    assert.equal(PROPERTY_ONLY.includes(name as (typeof PROPERTY_ONLY)[number]), attribute === false, `${String(name)} is property-only`);
    if (attribute !== false) assert.ok(observed.has(attribute), `${attribute} is observed`);
  }
  assert.deepEqual([...CryptoOnramp.elementProperties.keys()].sort(), Object.keys(PROPERTIES).sort());
});

test('the wrapper components render presets as kebab-case attribute text and keep the rest for the client', () => {
  const onReady = () => {};
  const onClick = () => {};
  const { ref, ...rendered } = toHydratableProps({
    onReady, onClick, sessionUrl: '/s', destinationCurrency: 'eth', destinationCurrencies: ['eth', 'usdc'], destinationNetworks: [],
    lockWalletAddress: true, sourceAmount: 100, theme: 'dark', requestTimeout: 5000, id: 'x',
  });
  assert.deepEqual(rendered, {
    onClick, 'session-url': '/s', 'destination-currency': 'eth', 'destination-currencies': 'eth usdc', 'destination-networks': undefined,
    'lock-wallet-address': '', 'source-amount': '100', theme: 'dark', id: 'x',
  });
  assert.equal(typeof ref, 'function');
  // With an object that changes the session, the endpoint waits for it on the client.
  assert.equal('session-url' in toHydratableProps({ sessionUrl: '/s', sessionParams: {} }), false);
  assert.equal(toHydratableProps({ lockWalletAddress: false })['lock-wallet-address'], undefined);
  const events: CryptoOnrampEventName[] = ['crypto-onramp-ready', 'crypto-onramp-session-updated', 'crypto-onramp-status-change', 'crypto-onramp-error', 'crypto-onramp-redirect'];
  assert.deepEqual(Object.values(EVENT_PROPS).sort(), events.sort());
});

test("the wrappers' attribute names are the element's, and its property-only names have none", () => {
  for (const [name, attribute] of attributeNames()) {
    assert.equal(attribute, PROPERTIES[name as CryptoOnrampPropertyName], name);
  }
});

// ---- each framework's checker ------------------------------------------------------------

/** Runs a checker; a non-zero exit fails with its output. */
async function check(args: string[]): Promise<string> {
  try {
    const { stdout } = await run(process.execPath, args, { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    assert.fail(`${args.join(' ')} failed:\n${stdout}${stderr}`);
  }
}

test('tsc accepts the React and Preact JSX fixtures and the React demo, and needs every @ts-expect-error', { timeout: 120_000 }, async () => {
  await check(['node_modules/typescript/bin/tsc', '-p', 'test/frameworks/jsx/tsconfig.json']);
});

test('vue-tsc accepts the Vue fixture and demo, and needs every @vue-expect-error', { timeout: 120_000 }, async () => {
  await check(['node_modules/vue-tsc/bin/vue-tsc.js', '-p', 'test/frameworks/vue/tsconfig.json']);
});

test('svelte-check reports exactly the errors the Svelte fixture marks, and none in the demo', { timeout: 120_000 }, async () => {
  const workspace = 'test/frameworks/svelte';
  let output: string;
  try {
    output = (await run(process.execPath, ['node_modules/svelte-check/bin/svelte-check', '--workspace', workspace, '--tsconfig', './tsconfig.json', '--output', 'machine'], { cwd: ROOT })).stdout;
  } catch (error) {
    output = (error as { stdout?: string }).stdout ?? ''; // exit 1 when there are errors, as expected here
  }
  const reported = [...output.matchAll(/^\d+ (?:ERROR|WARNING) "([^"]+)" (\d+):\d+ /gm)].map(([, file, line]) => `${file}:${line}`);
  // `<!-- expect-error: why -->` on line N expects an error on line N + 1 (svelte-check has no @ts-expect-error for markup).
  const expected: string[] = [];
  for (const file of (await readdir(join(ROOT, workspace))).filter((name) => name.endsWith('.svelte'))) {
    const lines = (await readFile(join(ROOT, workspace, file), 'utf8')).split('\n');
    lines.forEach((line, index) => line.includes('<!-- expect-error:') && expected.push(`${file}:${index + 2}`));
  }
  assert.ok(expected.length >= 5, 'the fixture marks its expected errors');
  assert.deepEqual(reported.sort(), expected.sort(), output);
});

test("Angular's compiler (ngc, strictTemplates) builds the Angular demo and reports exactly the fixture's marked errors", { timeout: 180_000 }, async () => {
  const fixture = 'test/frameworks/angular/typed.component.ts';
  let output = '';
  try {
    await run(process.execPath, ['node_modules/@angular/compiler-cli/bundles/src/bin/ngc.js', '-p', 'test/frameworks/angular/tsconfig.json'], { cwd: ROOT });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    output = (stdout + stderr).replace(/\x1b\[[0-9;]*m/g, ''); // exit 1 when there are errors, as expected here
  }
  const reported = [...output.matchAll(/^(\S+\.ts):(\d+):\d+ - error/gm)].map(([, file, line]) => `${file!.replace(/^.*?(?=typed\.component\.ts|demo\/)/, '')}:${line}`);
  const lines = (await readFile(join(ROOT, fixture), 'utf8')).split('\n');
  const expected = lines.flatMap((text, i) => (text.trimEnd().endsWith('<!-- error -->') ? [`typed.component.ts:${i + 1}`] : []));
  assert.ok(expected.length >= 3, 'the fixture marks its errors');
  assert.deepEqual(reported.sort(), expected.sort(), `ngc reported:\n${output}`);
});
