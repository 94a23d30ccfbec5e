/**
 * The purchase flow page (review quote → confirm wallet → pay), serialized into the emulator's
 * `/embedded` iframe and `/hosted` page. It talks only to the emulator's browser endpoints on its
 * own origin. Embedded, it behaves as Stripe's frame is observed to: it reads the client secret from
 * its own URL, announces itself to the parent on every load (`ONRAMP_READY`) and reports every status
 * change (`ONRAMP_SESSION_UPDATE`), untagged, to whatever page framed it. Server-Sent Events bring
 * status changes made elsewhere (the test controls, another tab). Runs in the browser: no imports,
 * no outside references.
 */
import type {
  BrowserApiResponse,
  BrowserSessionPayload,
  BrowserSessionView,
  FrameSessionPayload,
  FrameToParentMessage,
  ParentToFrameMessage,
  QuotePreview,
  QuotePreviewResponse,
  Theme,
} from './protocol.js';
import type { Word } from './words.js';

export interface PurchaseAppConfig {
  mode: 'embedded' | 'hosted';
  messageSource: string;
  /** Hosted mode's credential, from the page URL. */
  sessionHash: string | null;
  theme: Theme;
  /** Shown instead of a purchase: why this page cannot start one (in English, translated here). */
  fatal: string | null;
  /** The page's language tag, for `Intl` (language.ts). */
  locale: string;
  /** The words in that language, keyed in English (words.ts); empty for English. */
  words: Partial<Record<Word, string>>;
}

export function purchaseApp(config: PurchaseAppConfig): void {
  type Credential = { client_secret: string } | { session_hash: string };
  type Child = Node | string | null | false | undefined;
  type Screen = 'quote' | 'wallet' | 'pay' | 'processing' | 'complete' | 'rejected' | 'error';

  const root = document.getElementById('app');
  if (!root) return;
  const app: HTMLElement = root;

  // ---------- language ----------
  /** `english` in the page's language, its `{name}`s filled from `params`. */
  const say = (english: Word, params: Record<string, string> = {}): string =>
    (config.words[english] ?? english).replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);

  /**
   * The parameters of `message` read back along `english` (`{name}` matching at least one
   * character), or `null` when it is not that sentence. No pattern is built from text: plain
   * string searches, linear in the message.
   */
  function readBack(english: string, message: string): Record<string, string> | null {
    const parts = english.split(/\{(\w+)\}/);
    const literals = parts.filter((_, index) => index % 2 === 0);
    const names = parts.filter((_, index) => index % 2 === 1);
    if (names.length === 0) return message === english ? {} : null;
    if (!message.startsWith(literals[0]!)) return null;
    const params: Record<string, string> = {};
    let at = literals[0]!.length;
    for (const [index, name] of names.entries()) {
      const next = literals[index + 1]!;
      const last = index === names.length - 1;
      const end = last ? (message.endsWith(next) ? message.length - next.length : -1) : message.indexOf(next, at + 1);
      if (end <= at) return null;
      params[name] = message.slice(at, end);
      at = end + next.length;
    }
    return params;
  }

  /** A sentence from the emulator's endpoints (always English), in the page's language when it is one of the words. */
  function sayMessage(message: string): string {
    for (const english of Object.keys(config.words) as Word[]) {
      const params = readBack(english, message);
      if (params) return say(english, params);
    }
    return message;
  }

  /** A decimal string written by `Intl` in the page's language, every decimal kept. */
  function number(amount: string): string {
    if (!/^\d+(\.\d+)?$/.test(amount)) return amount;
    const decimals = Math.min((amount.split('.')[1] ?? '').length, 20);
    // A string is formatted exactly where Intl.NumberFormat takes strings, else as the nearest double.
    return new Intl.NumberFormat(config.locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(amount as unknown as number);
  }

  const STEP_LABELS: Word[] = ['Review quote', 'Confirm wallet', 'Pay'];

  let credential: Credential | null = null;
  let clientSecret = '';
  let view: BrowserSessionView | null = null;
  let walletStep = false;
  let notice: string | null = null;
  let busy = false;
  let shownScreen: Screen | null = null;
  let preview: QuotePreview | null = null;
  const draft = { source_amount: '', source_currency: '', destination_currency: '', destination_network: '', wallet_address: '', card_number: '' };

  // ---------- helpers ----------
  function h(tag: string, props: Record<string, string | boolean | ((event: Event) => void)> = {}, ...children: Child[]): HTMLElement {
    const element = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (typeof value === 'function') element.addEventListener(key.replace(/^on/, ''), value);
      else if (value === true) element.setAttribute(key, '');
      else if (value !== false) element.setAttribute(key, value);
    }
    for (const child of children) {
      if (child === null || child === false || child === undefined) continue;
      element.append(child);
    }
    return element;
  }

  function setTheme(theme: Theme): void {
    document.documentElement.dataset.theme = theme === 'dark' ? 'dark' : 'light';
  }

  function toParent(message: FrameToParentMessage): void {
    if (config.mode !== 'embedded' || window.parent === window) return;
    // Like Stripe's frame: to any parent (it framed us with the secret in the URL, so it has it).
    window.parent.postMessage(message, '*');
  }

  const withSecret = (session: BrowserSessionPayload): FrameSessionPayload => ({ ...session, client_secret: clientSecret });

  const code = (currency: string | null): string => (currency ?? '').toUpperCase();
  const nameOf = (currency: string): string => view?.options.currency_names[currency] ?? code(currency);
  const money = (amount: string | null, currency: string | null): string => (amount === null ? '—' : `${number(amount)} ${code(currency)}`);

  /** `httpStatus` is 0 when the server could not be reached. */
  async function post<T>(path: string, body: Record<string, unknown>): Promise<(T | { error: { message: string; field?: string } }) & { httpStatus: number }> {
    try {
      const response = await fetch(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ ...credential, ...body }),
      });
      return { ...((await response.json()) as T), httpStatus: response.status };
    } catch {
      return { error: { message: say('The onramp could not reach the server. Check your connection and try again.') }, httpStatus: 0 };
    }
  }

  // ---------- state ----------
  function screenOf(v: BrowserSessionView): Screen {
    switch (v.session.status) {
      case 'initialized':
        return walletStep ? 'wallet' : 'quote';
      case 'requires_payment':
        return 'pay';
      case 'fulfillment_processing':
        return 'processing';
      case 'fulfillment_complete':
        return 'complete';
      case 'rejected':
        return 'rejected';
      default:
        return 'error';
    }
  }

  function accept(next: BrowserSessionView): void {
    if (view && next.revision <= view.revision) return;
    const previousStatus = view?.session.status;
    view = next;
    render();
    if (previousStatus !== undefined && previousStatus !== next.session.status) {
      toParent({ type: 'ONRAMP_SESSION_UPDATE', session: withSecret(next.session) });
    }
  }

  async function act(action: string, body: Record<string, unknown>): Promise<boolean> {
    busy = true;
    notice = null;
    render();
    const result = await post<BrowserApiResponse>('/browser/session/actions', { action, ...body });
    busy = false;
    if ('error' in result) {
      notice = sayMessage(result.error.message);
      render();
      return false;
    }
    accept(result.view);
    render();
    return true;
  }

  let previewSeq = 0;
  async function refreshPreview(): Promise<void> {
    const seq = ++previewSeq;
    const result = await post<QuotePreviewResponse>('/browser/session/quote', { ...draft });
    // Answers can arrive out of order; only the latest request's answer describes the form.
    if (seq !== previewSeq) return;
    if ('error' in result) {
      preview = null;
      notice = sayMessage(result.error.message);
    } else {
      preview = result.quote;
      notice = null;
    }
    render();
  }

  function defaultsFrom(v: BrowserSessionView): void {
    const d = v.details;
    draft.source_amount = d.source_amount ?? v.options.default_source_amount;
    draft.source_currency = d.source_currency ?? (v.options.source_currencies.includes('usd') ? 'usd' : v.options.source_currencies[0] ?? 'usd');
    const networks = Object.keys(v.options.network_currencies);
    draft.destination_network = d.destination_network ?? networks.find((n) => (v.options.network_currencies[n] ?? []).length > 0) ?? '';
    draft.destination_currency = d.destination_currency ?? v.options.network_currencies[draft.destination_network]?.[0] ?? '';
    draft.card_number = v.test_values.card_number;
  }

  // ---------- screens ----------
  function field(id: string, label: string, control: HTMLElement, hint?: string): HTMLElement {
    control.id = id;
    if (hint) control.setAttribute('aria-describedby', `${id}-hint`);
    return h('div', { class: 'field' }, h('label', { for: id }, label), control, hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null);
  }

  function select(values: string[], selected: string, labelOf: (value: string) => string, onChange: (value: string) => void): HTMLElement {
    const element = h('select', { onchange: (event) => onChange((event.target as HTMLSelectElement).value) });
    for (const value of values) element.append(h('option', { value, ...(value === selected ? { selected: true } : {}) }, labelOf(value)));
    return element;
  }

  function summary(rows: Array<[string, string]>): HTMLElement {
    const list = h('dl', { class: 'summary' });
    for (const [term, detail] of rows) list.append(h('div', {}, h('dt', {}, term), h('dd', {}, detail)));
    return list;
  }

  function quoteScreen(v: BrowserSessionView): HTMLElement[] {
    const networks = Object.keys(v.options.network_currencies).filter((n) => (v.options.network_currencies[n] ?? []).length > 0);
    const currencies = [...new Set(networks.flatMap((n) => v.options.network_currencies[n] ?? []))];
    const networksFor = (currency: string): string[] => networks.filter((n) => (v.options.network_currencies[n] ?? []).includes(currency));
    const networkLabel = (n: string): string => n.charAt(0).toUpperCase() + n.slice(1);
    const amount = h('input', { type: 'text', inputmode: 'decimal', autocomplete: 'off', value: draft.source_amount, required: true }) as HTMLInputElement;
    // The draft follows every keystroke, so nothing typed is lost whatever re-renders.
    amount.addEventListener('input', () => (draft.source_amount = amount.value.trim()));
    amount.addEventListener('change', () => void refreshPreview());
    const network = select(networksFor(draft.destination_currency), draft.destination_network, networkLabel, (n) => {
      draft.destination_network = n;
      void refreshPreview();
    }) as HTMLSelectElement;
    const form = h('form', { class: 'stack' },
      h('div', { class: 'row' },
        field('source-amount', say('You pay'), amount),
        field('source-currency', say('Currency'), select(v.options.source_currencies, draft.source_currency, (c) => `${code(c)} · ${nameOf(c)}`, (c) => {
          draft.source_currency = c;
          void refreshPreview();
        })),
      ),
      field('destination-currency', say('You buy'), select(currencies, draft.destination_currency, (c) => `${nameOf(c)} (${code(c)})`, (c) => {
        draft.destination_currency = c;
        const available = networksFor(c);
        if (!available.includes(draft.destination_network)) draft.destination_network = available[0] ?? '';
        // The networks depend on the currency: refill that one list in place.
        network.replaceChildren(...available.map((n) => h('option', { value: n, ...(n === draft.destination_network ? { selected: true } : {}) }, networkLabel(n))));
        void refreshPreview();
      })),
      field('destination-network', say('Network'), network),
      h('div', { id: 'quote-summary' }),
      h('button', { type: 'submit', class: 'primary' }, say('Continue')),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void act('select_quote', { ...draft }).then((ok) => {
        if (ok) {
          walletStep = true;
          render();
        }
      });
    });
    return [form];
  }

  function quoteSummaryRows(): Array<[string, string]> {
    if (!preview) return [[say('You receive'), '—']];
    return [
      [say('You receive'), `≈ ${money(preview.destination_amount, draft.destination_currency)}`],
      [say('Network fee'), money(preview.network_fee, draft.source_currency)],
      [say('Transaction fee'), money(preview.transaction_fee, draft.source_currency)],
      [say('Total'), money(preview.total_amount, draft.source_currency)],
    ];
  }

  function walletScreen(v: BrowserSessionView): HTMLElement[] {
    const network = v.details.destination_network ?? '';
    const suggested = v.options.suggested_wallets[network] ?? null;
    const locked = v.details.lock_wallet_address && suggested !== null;
    if (!draft.wallet_address) draft.wallet_address = suggested ?? '';
    const input = h('input', {
      type: 'text', autocomplete: 'off', spellcheck: 'false', value: locked ? suggested ?? '' : draft.wallet_address, required: true,
      ...(locked ? { readonly: true } : {}),
    }) as HTMLInputElement;
    input.addEventListener('input', () => (draft.wallet_address = input.value));
    const form = h('form', { class: 'stack' },
      summary([[say('You buy'), money(v.details.destination_amount, v.details.destination_currency)], [say('Network'), network]]),
      field('wallet-address', say('Your {network} wallet address', { network }), input,
        locked ? say('The merchant set this address; it cannot be changed.') : say('Test mode: {address} is rejected.', { address: v.test_values.rejected_wallet_address })),
      h('div', { class: 'actions' },
        h('button', { type: 'button', onclick: () => { walletStep = false; render(); } }, say('Back')),
        h('button', { type: 'submit', class: 'primary' }, say('Confirm wallet')),
      ),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void act('confirm_wallet', { wallet_address: input.value });
    });
    return [form];
  }

  function payScreen(v: BrowserSessionView): HTMLElement[] {
    const quote = v.session.quote;
    const total = quote ? money(quote.total_amount, quote.source_currency.asset_code) : '—';
    const input = h('input', { type: 'text', inputmode: 'numeric', autocomplete: 'cc-number', value: draft.card_number, required: true }) as HTMLInputElement;
    input.addEventListener('input', () => (draft.card_number = input.value));
    const form = h('form', { class: 'stack' },
      summary([
        [say('You receive'), money(v.details.destination_amount, v.details.destination_currency)],
        [say('To wallet'), v.details.wallet_address ?? '—'],
        [say('Fees'), quote ? money(quote.fees.total_fee, quote.source_currency.asset_code) : '—'],
        [say('Total'), total],
      ]),
      field('card-number', say('Card number'), input, say('Test mode: {card} is declined.', { card: v.test_values.declined_card_number })),
      h('button', { type: 'submit', class: 'primary' }, say('Pay {total}', { total })),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void act('pay', { card_number: input.value });
    });
    return [form];
  }

  function messageScreen(text: string, extra?: HTMLElement): HTMLElement[] {
    return [h('p', {}, text), ...(extra ? [extra] : [])];
  }

  const TITLES: Record<Screen, Word> = {
    quote: 'Buy crypto',
    wallet: 'Confirm your wallet',
    pay: 'Pay',
    processing: 'Sending your crypto',
    complete: 'Purchase complete',
    rejected: 'Purchase declined',
    error: 'Something went wrong',
  };

  const STATUS_TEXT: Record<string, Word> = {
    initialized: 'Waiting for you to review the quote and confirm your wallet.',
    requires_payment: 'Waiting for payment.',
    fulfillment_processing: 'Payment received. Delivering your crypto.',
    fulfillment_complete: 'Your crypto was delivered.',
    rejected: 'This purchase was declined.',
    error: 'The onramp hit an error.',
  };

  function body(screen: Screen, v: BrowserSessionView): HTMLElement[] {
    const d = v.details;
    switch (screen) {
      case 'quote':
        return quoteScreen(v);
      case 'wallet':
        return walletScreen(v);
      case 'pay':
        return payScreen(v);
      case 'processing':
        return messageScreen(say('Your payment went through. {amount} is on its way to your wallet.', { amount: money(d.destination_amount, d.destination_currency) }),
          h('div', { class: 'progress', role: 'progressbar', 'aria-label': say('Delivering your crypto') }));
      case 'complete':
        return messageScreen(say('{amount} was sent to {wallet}.', { amount: money(d.destination_amount, d.destination_currency), wallet: d.wallet_address ?? say('your wallet') }),
          summary([[say('Transaction'), d.transaction_id ?? '—']]));
      case 'rejected':
        return messageScreen(say('We could not verify this purchase, so it was declined. You have not been charged.'));
      case 'error':
        return messageScreen(say('The onramp could not continue. Close it and start again.'));
    }
  }

  function stepIndex(screen: Screen): number {
    return { quote: 0, wallet: 1, pay: 2, processing: 3, complete: 3, rejected: -1, error: -1 }[screen];
  }

  // ---------- rendering ----------
  const heading = h('h1', { id: 'title', tabindex: '-1' });
  const steps = h('ol', { class: 'steps', 'aria-label': say('Purchase steps') });
  const alertRegion = h('div', { class: 'notice', role: 'alert' });
  const content = h('div', { class: 'content' });
  const statusRegion = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  app.replaceChildren(
    h('header', { class: 'brand' }, h('span', {}, say('Crypto onramp')), h('span', { class: 'badge' }, say('Test mode'))),
    steps, heading, alertRegion, content, statusRegion,
  );

  function render(): void {
    if (!view) return;
    const v = view;
    const screen = screenOf(v);
    alertRegion.textContent = notice ?? '';
    alertRegion.hidden = notice === null;
    const status = v.session.status;
    const statusWord = STATUS_TEXT[status];
    const statusText = statusWord ? say(statusWord) : status;
    if (statusRegion.textContent !== statusText) statusRegion.textContent = statusText;
    statusRegion.dataset.status = status;
    document.documentElement.dataset.status = status;

    if (screen !== shownScreen) {
      const first = !content.hasChildNodes();
      shownScreen = screen;
      heading.textContent = say(TITLES[screen]);
      const current = stepIndex(screen);
      steps.replaceChildren(...STEP_LABELS.map((label, index) =>
        h('li', { class: index < current ? 'done' : index === current ? 'current' : '', ...(index === current ? { 'aria-current': 'step' } : {}) }, say(label))));
      steps.hidden = current < 0;
      content.replaceChildren(...body(screen, v));
      // Move focus to the new screen's heading after a user-driven change, never on first paint
      // (focusing inside an iframe on load would steal focus from the host page).
      if (!first && document.hasFocus()) heading.focus();
    }
    // Busy state toggles in place: rebuilding the form would drop the focused control.
    for (const button of content.querySelectorAll('button')) button.disabled = busy;
    for (const form of content.querySelectorAll('form')) form.setAttribute('aria-busy', String(busy));
    const summaryHost = document.getElementById('quote-summary');
    if (summaryHost) summaryHost.replaceChildren(summary(quoteSummaryRows()));
  }

  function renderFatal(message: string): void {
    heading.textContent = say('This onramp session is unavailable');
    steps.hidden = true;
    content.replaceChildren(h('p', {}, sayMessage(message)));
  }

  // ---------- start ----------
  async function start(): Promise<void> {
    const result = await post<BrowserApiResponse>('/browser/session', {});
    if ('error' in result) {
      // Stripe's frame for a secret its API does not know (unknown, expired) never becomes ready and
      // tells the page nothing: the customer sees it load for ever. So does this one, embedded.
      if (config.mode === 'embedded' && result.httpStatus === 404) return;
      renderFatal(result.error.message);
      toParent({ type: 'ONRAMP_ERROR', error: { message: result.error.message } });
      return;
    }
    view = result.view;
    defaultsFrom(view);
    render();
    if (screenOf(view) === 'quote') void refreshPreview();
    // Every load announces itself, a reload after the iframe was moved included.
    toParent({ type: 'ONRAMP_READY', session: withSecret(view.session) });
    const events = new EventSource(`/browser/events?session_hash=${encodeURIComponent(view.session_hash)}`);
    events.addEventListener('view', (event) => accept(JSON.parse((event as MessageEvent<string>).data) as BrowserSessionView));
  }

  setTheme(config.theme);
  if (config.mode === 'hosted') {
    if (config.fatal || !config.sessionHash) {
      renderFatal(config.fatal ?? say('This link is missing its session. Ask the site that sent you here for a new link.'));
      return;
    }
    credential = { session_hash: config.sessionHash };
    void start();
    return;
  }

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (event.source !== window.parent) return;
    const data = event.data as ParentToFrameMessage | null;
    if (typeof data !== 'object' || data === null || data.source !== config.messageSource) return;
    if (data.type === 'appearance') setTheme(data.theme);
  });
  // Stripe's scheme: `?clientSecret=…&publishableKey=…` in the frame's URL.
  clientSecret = new URLSearchParams(location.search).get('clientSecret') ?? '';
  credential = { client_secret: clientSecret };
  void start();
}
