/**
 * Small helpers the demo pages share: which backend the demo runs against, and a live log of the
 * element's events. The element itself needs none of this.
 */
import type { CryptoOnrampEventMap } from '../../src/element/events.js';

export const ONRAMP_EVENTS = [
  'crypto-onramp-ready',
  'crypto-onramp-session-updated',
  'crypto-onramp-status-change',
  'crypto-onramp-error',
  'crypto-onramp-redirect',
] as const satisfies readonly (keyof CryptoOnrampEventMap)[];

export interface DemoInfo {
  mode: 'emulator' | 'stripe';
  livemode: boolean;
  emulatorUrl: string | null;
  webhooks: boolean;
  unsupportedRegionClientIp: string;
  /** The framework examples found in `demo/frameworks/`. */
  frameworkPages: string[];
}

let info: Promise<DemoInfo> | undefined;

/** `GET /api/demo-info`, once per page. */
export function demoInfo(): Promise<DemoInfo> {
  info ??= fetch('/api/demo-info').then((response) => response.json() as Promise<DemoInfo>);
  return info;
}

/** Fills every `[data-demo-mode]` badge with the backend's name. */
export async function showMode(): Promise<DemoInfo> {
  const current = await demoInfo();
  for (const badge of document.querySelectorAll<HTMLElement>('[data-demo-mode]')) {
    badge.dataset['mode'] = current.mode;
    if (current.livemode) badge.dataset['live'] = '';
    badge.textContent =
      current.mode === 'emulator' ? 'Offline emulator' : current.livemode ? 'Stripe · LIVE mode' : 'Stripe · test mode';
    badge.title =
      current.mode === 'emulator'
        ? `Sessions come from the in-process emulator at ${current.emulatorUrl}; no Stripe account, no network.`
        : 'Sessions come from Stripe, with the keys npm start was given.';
  }
  return current;
}

export interface LogOptions {
  /** Open each entry's detail. Default `false`. */
  open?: boolean;
  /** Only these events. Default: all four. */
  events?: readonly (typeof ONRAMP_EVENTS)[number][];
}

/**
 * Appends one entry per element event heard on `source` (events bubble and are composed, so a
 * container or `document` hears every element inside it) with its `detail`.
 */
export function logEvents(source: EventTarget, list: HTMLElement, options: LogOptions = {}): void {
  for (const type of options.events ?? ONRAMP_EVENTS) {
    source.addEventListener(type, (event) => {
      const { detail } = event as CustomEvent<unknown>;
      const item = document.createElement('li');
      item.className = type.replace('crypto-onramp-', '');
      const details = document.createElement('details');
      details.open = options.open ?? false;
      const summary = document.createElement('summary');
      const time = document.createElement('time');
      time.textContent = new Date().toLocaleTimeString(undefined, { hour12: false });
      const name = document.createElement('code');
      name.className = 'type';
      name.textContent = type;
      const gist = document.createElement('span');
      gist.textContent = summarize(type, detail);
      summary.append(time, name, gist);
      const pre = document.createElement('pre');
      pre.textContent = JSON.stringify(detail, null, 2);
      details.append(summary, pre);
      item.append(details);
      list.append(item);
      list.scrollTop = list.scrollHeight;
    });
  }
}

/** One line per event: what a page author would look at first. */
export function summarize(type: string, detail: unknown): string {
  const d = (detail ?? {}) as Record<string, unknown>;
  const session = d['session'] as { id?: string; status?: string } | undefined;
  switch (type) {
    case 'crypto-onramp-status-change':
      return `${String(d['previousStatus'])} → ${String(d['status'])}`;
    case 'crypto-onramp-redirect':
      return `${String(d['sessionId'])} → ${String(d['target'])}`;
    case 'crypto-onramp-error':
      return `${String(d['code'])}${d['httpStatus'] ? ` (HTTP ${String(d['httpStatus'])})` : ''}${d['stripeCode'] ? ` ${String(d['stripeCode'])}` : ''}`;
    default:
      return session ? `${session.id ?? ''} · ${session.status ?? ''}` : '';
  }
}

/** Text for an HTML attribute value, escaped for a code sample. */
export function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
