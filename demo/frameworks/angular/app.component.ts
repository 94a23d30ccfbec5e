import { Component, CUSTOM_ELEMENTS_SCHEMA, Input, signal } from '@angular/core';
// Registers <crypto-onramp>. In your app: `import 'crypto-onramp-element';`
import '../../../src/element/define.js';
import type { CryptoOnrampEventMap } from '../../../src/element/events.js';

const NETWORK: Record<string, string> = { eth: 'ethereum', usdc: 'solana', btc: 'bitcoin' };

@Component({
  selector: 'app-root',
  // <crypto-onramp> is a custom element, not an Angular component. (This schema also turns off
  // Angular's template checks for it, so handlers take `Event` and narrow it themselves.)
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <label>
      Buy
      <select [value]="currency()" (change)="currency.set(select($event))">
        <option value="eth">ETH</option>
        <option value="usdc">USDC on Solana</option>
        <option value="btc">BTC</option>
      </select>
    </label>
    <button type="button" (click)="shown.set(!shown())">{{ shown() ? 'Remove' : 'Add' }} the onramp</button>
    <p role="status">Status: {{ status() }}</p>

    @if (shown()) {
      <!-- [property] bindings set the element's properties; (event) bindings add listeners. -->
      <crypto-onramp
        [sessionUrl]="sessionUrl"
        [destinationCurrency]="currency()"
        [destinationNetwork]="network(currency())"
        (crypto-onramp-status-change)="onStatus($event)"
        (crypto-onramp-error)="onError($event)"
      ></crypto-onramp>
    }
  `,
})
export class AppComponent {
  @Input() sessionUrl = '/api/onramp-session';
  readonly currency = signal('eth');
  readonly shown = signal(true);
  readonly status = signal('…');

  network(currency: string): string | undefined {
    return NETWORK[currency];
  }
  select(event: Event): string {
    return (event.target as HTMLSelectElement).value;
  }
  onStatus(event: Event): void {
    this.status.set((event as CryptoOnrampEventMap['crypto-onramp-status-change']).detail.status);
  }
  onError(event: Event): void {
    this.status.set(`error: ${(event as CryptoOnrampEventMap['crypto-onramp-error']).detail.message}`);
  }
}
