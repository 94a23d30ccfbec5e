/**
 * The purchase page: follows the element's session in the browser, and asks the demo server what
 * it knows: the session as retrieved from the API with the server kit's typed client, and the
 * `crypto.onramp_session_updated` webhooks it verified. Only the server's answer confirms a purchase.
 */
import type { CryptoOnramp } from '../../src/element/crypto-onramp.js';
import { logEvents, type DemoInfo } from './demo.js';

interface ServerView {
  complete: boolean;
  session: {
    id: string;
    status: string;
    transaction_details: {
      source_amount: string | null;
      source_currency: string | null;
      destination_amount: string | null;
      destination_currency: string | null;
      destination_network: string | null;
      wallet_address: string | null;
      transaction_id: string | null;
    } | null;
  };
  webhooksConfigured: boolean;
  webhooks: { eventId: string; type: string; status: string; previousStatus: string | null; receivedAt: string }[];
  webhookConfirmsComplete: boolean;
}

const $ = (id: string) => document.getElementById(id)!;

export function startPurchase(onramp: CryptoOnramp, info: Promise<DemoInfo>): void {
  logEvents(onramp, $('log'), { events: ['crypto-onramp-ready', 'crypto-onramp-status-change', 'crypto-onramp-error'] });
  const buttons = [...document.querySelectorAll<HTMLButtonElement>('#drive [data-status]')];
  void info.then(({ mode }) => {
    $('drive').hidden = mode !== 'emulator'; // Stripe has no control to set a status: buy in its UI instead
  });

  let sessionId: string | null = null;
  let poll: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;

  onramp.addEventListener('crypto-onramp-ready', ({ detail }) => {
    sessionId = detail.session.id;
    generation += 1;
    $('session-id').textContent = sessionId;
    for (const button of buttons) button.disabled = false;
    void refresh(generation);
  });
  onramp.addEventListener('crypto-onramp-status-change', ({ detail }) => {
    $('browser-status').textContent = detail.status;
    void refresh(generation);
  });

  for (const button of buttons) {
    button.addEventListener('click', async () => {
      if (!sessionId) return;
      button.disabled = true;
      try {
        const response = await fetch('/api/emulator/status', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ id: sessionId, status: button.dataset['status'] }),
        });
        if (!response.ok) {
          const { error } = (await response.json()) as { error?: { message?: string } };
          $('verdict').textContent = error?.message ?? `The test control answered HTTP ${response.status}.`;
        }
      } finally {
        button.disabled = false;
      }
      void refresh(generation);
    });
  }

  /** Asks the server; keeps asking (webhooks arrive on their own time) until the purchase is settled. */
  async function refresh(current: number): Promise<void> {
    clearTimeout(poll);
    if (!sessionId || current !== generation) return;
    let view: ServerView | undefined;
    try {
      const response = await fetch(`/api/purchase/${encodeURIComponent(sessionId)}`, { cache: 'no-store' });
      if (response.ok) view = (await response.json()) as ServerView;
    } catch {
      // The next poll tries again.
    }
    if (current !== generation) return;
    if (view) render(view);
    const settled = view && (view.session.status === 'rejected' || (view.complete && (view.webhookConfirmsComplete || !view.webhooksConfigured)));
    if (!settled) poll = setTimeout(() => void refresh(current), 1000);
  }

  function render(view: ServerView): void {
    const d = view.session.transaction_details;
    $('retrieved').textContent = `${view.session.status} (retrieveOnrampSession)`;
    $('delivered').textContent = d?.destination_amount
      ? `${d.destination_amount} ${d.destination_currency?.toUpperCase() ?? ''} on ${d.destination_network ?? '?'} for ${d.source_amount ?? '?'} ${d.source_currency?.toUpperCase() ?? ''}`
      : 'not yet';
    $('transaction').textContent = d?.transaction_id ?? '—';

    const list = $('webhooks');
    list.replaceChildren(
      ...view.webhooks.map((event) => {
        const item = document.createElement('li');
        item.className = event.status === 'fulfillment_complete' ? 'ready' : '';
        item.innerHTML = '<time></time> <code class="type"></code> <span></span>';
        item.querySelector('time')!.textContent = new Date(event.receivedAt).toLocaleTimeString(undefined, { hour12: false });
        item.querySelector('code')!.textContent = event.type;
        item.querySelector('span')!.textContent = `${event.previousStatus ?? '?'} → ${event.status} ✓ signature verified`;
        return item;
      }),
    );
    if (!view.webhooksConfigured && list.childElementCount === 0) {
      const item = document.createElement('li');
      item.textContent = 'No webhook secret configured: set STRIPE_WEBHOOK_SECRET and forward with `stripe listen --forward-to localhost:5173/api/webhooks`.';
      list.append(item);
    }

    const verdict = $('verdict');
    if (view.session.status === 'rejected') {
      verdict.dataset['state'] = 'failed';
      verdict.textContent = 'Rejected: no crypto was delivered.';
    } else if (view.complete && view.webhookConfirmsComplete) {
      verdict.dataset['state'] = 'confirmed';
      verdict.textContent = '✓ Purchase confirmed: retrieved from the API and by a verified webhook.';
    } else if (view.complete) {
      verdict.dataset['state'] = view.webhooksConfigured ? 'pending' : 'confirmed';
      verdict.textContent = view.webhooksConfigured
        ? 'Retrieved as complete; waiting for the webhook…'
        : '✓ Purchase confirmed: retrieved from the API (no webhooks configured).';
    } else {
      verdict.dataset['state'] = 'pending';
      verdict.textContent = `Not complete yet (${view.session.status}).`;
    }
  }
}
