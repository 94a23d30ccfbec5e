/**
 * The configurator page: a form whose fields are the element's attributes. Every change is
 * applied to the live element and to the HTML shown for copying, which is exactly the element's
 * configuration.
 */
import { DESTINATION_CURRENCIES, DESTINATION_NETWORKS, SOURCE_CURRENCIES } from '../../src/shared/enums.js';
import { NETWORK_CURRENCIES, type KnownDestinationNetwork } from '../../src/shared/currencies.js';
import { escapeAttribute } from './demo.js';

/** The attributes the form edits, in the order the snippet lists them. */
const FIELDS = [
  'theme', 'destination-currency', 'destination-network', 'source-currency', 'source-amount', 'destination-amount',
  'wallet-address', 'lock-wallet-address', 'destination-currencies', 'destination-networks',
] as const;
type Field = (typeof FIELDS)[number];
type Values = Partial<Record<Field, string | boolean>>;

/** Sample addresses (the emulator's test wallets): plausible, owned by nobody. */
const SAMPLE_WALLETS: Partial<Record<KnownDestinationNetwork, string>> = {
  ethereum: '0x4242424242424242424242424242424242424242',
  base: '0x4242424242424242424242424242424242424242',
  solana: '4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4T',
  bitcoin: 'tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx',
};

const PRESETS: Record<string, Values> = {
  eth: { 'destination-currency': 'eth', 'destination-network': 'ethereum' },
  'usdc-base': { 'destination-currency': 'usdc', 'destination-network': 'base', 'source-currency': 'usd', 'source-amount': '50.00' },
  'sol-locked': {
    'destination-currency': 'sol', 'destination-network': 'solana',
    'wallet-address': SAMPLE_WALLETS.solana!, 'lock-wallet-address': true,
  },
  choose: { 'destination-currencies': 'eth usdc', 'destination-networks': 'ethereum base' },
  'btc-eur': { 'destination-currency': 'btc', 'destination-network': 'bitcoin', 'source-currency': 'eur', 'source-amount': '250.00' },
};

export interface ConfiguratorParts {
  element: HTMLElement;
  form: HTMLFormElement;
  presets: HTMLElement;
  snippet: HTMLElement;
  copy: HTMLButtonElement;
  copied: HTMLElement;
}

export function startConfigurator(parts: ConfiguratorParts): void {
  const { element, form, presets, snippet, copy, copied } = parts;
  const control = (name: Field) => form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement;

  fillSelect(control('destination-currency') as HTMLSelectElement, DESTINATION_CURRENCIES);
  fillSelect(control('destination-network') as HTMLSelectElement, DESTINATION_NETWORKS);
  fillSelect(control('source-currency') as HTMLSelectElement, SOURCE_CURRENCIES);

  const read = (): Values => {
    const values: Values = {};
    for (const name of FIELDS) {
      const input = control(name);
      values[name] = input instanceof HTMLInputElement && input.type === 'checkbox' ? input.checked : input.value.trim();
    }
    return values;
  };

  const write = (values: Values) => {
    for (const name of FIELDS) {
      const input = control(name);
      const value = values[name];
      if (input instanceof HTMLInputElement && input.type === 'checkbox') input.checked = value === true;
      else input.value = typeof value === 'string' ? value : name === 'theme' ? 'auto' : '';
    }
  };

  /** Networks that do not carry the chosen currency are greyed out, and the wallet hint follows the network. */
  const guide = (values: Values) => {
    const currency = values['destination-currency'];
    for (const option of (control('destination-network') as HTMLSelectElement).options) {
      const carries = NETWORK_CURRENCIES[option.value as KnownDestinationNetwork] as readonly string[] | undefined;
      option.disabled = Boolean(currency && option.value && carries && !carries.includes(String(currency)));
    }
    const sample = SAMPLE_WALLETS[values['destination-network'] as KnownDestinationNetwork];
    (control('wallet-address') as HTMLInputElement).placeholder = sample ? `e.g. ${sample.slice(0, 14)}…` : 'needs destination-network';
  };

  /** Applies the form to the element, all in one task: the element mints once for the lot. */
  const apply = () => {
    const values = read();
    for (const name of FIELDS) {
      const value = values[name];
      if (value === true) element.setAttribute(name, '');
      else if (value === false || value === '') element.removeAttribute(name);
      else if (value !== undefined) element.setAttribute(name, value);
    }
    guide(values);
    snippet.textContent = tagFor(values);
  };

  // `change`, not `input`: a session per keystroke would be wasteful.
  form.addEventListener('change', apply);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    apply();
  });
  presets.addEventListener('click', (event) => {
    const preset = (event.target as HTMLElement).closest<HTMLElement>('[data-preset]')?.dataset['preset'];
    if (!preset || !PRESETS[preset]) return;
    write({ theme: read().theme, ...PRESETS[preset] });
    apply();
  });
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(snippet.textContent ?? '');
      copied.textContent = 'Copied.';
    } catch {
      getSelection()?.selectAllChildren(snippet);
      copied.textContent = 'Selected: press Ctrl+C / ⌘C.';
    }
  });

  // Start from the element's own attributes, as the page's HTML set them.
  const initial: Values = {};
  for (const name of FIELDS) {
    if (name === 'lock-wallet-address') initial[name] = element.hasAttribute(name);
    else initial[name] = element.getAttribute(name) ?? '';
  }
  write(initial);
  guide(initial);
  snippet.textContent = tagFor(initial);
}

function fillSelect(select: HTMLSelectElement, values: readonly string[]): void {
  select.append(new Option('(not set)', ''), ...values.map((value) => new Option(value, value)));
}

/** The tag a page author pastes: the endpoint plus every attribute that is set. */
export function tagFor(values: Values): string {
  const attributes = ['session-url="/api/onramp-session"'];
  for (const name of FIELDS) {
    const value = values[name];
    if (value === true) attributes.push(name);
    else if (typeof value === 'string' && value !== '') attributes.push(`${name}="${escapeAttribute(value)}"`);
  }
  const lines: string[] = [];
  let line = '<crypto-onramp';
  for (const attribute of attributes) {
    if (line.length + attribute.length > 76 && line !== '<crypto-onramp') {
      lines.push(line);
      line = ' '.repeat('<crypto-onramp'.length);
    }
    line += ` ${attribute}`;
  }
  lines.push(`${line}></crypto-onramp>`);
  return lines.join('\n');
}
