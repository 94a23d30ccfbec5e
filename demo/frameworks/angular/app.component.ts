import { Component, CUSTOM_ELEMENTS_SCHEMA, Input, signal } from '@angular/core';
// Registers <crypto-onramp> and names its events' types. In your app: `crypto-onramp-element/angular`.
import type { CryptoOnrampEvent } from '../../../src/frameworks/angular.js';
import '../../../src/frameworks/angular.js';

const NETWORK: Record<string, string> = { eth: 'ethereum', usdc: 'solana', btc: 'bitcoin' };

@Component({
  selector: 'app-root',
  // <crypto-onramp> is a custom element, not an Angular component. The schema lets the tag and its
  // [property] bindings through unchecked; the (event) bindings stay checked under strictTemplates,
  // with `$event` typed from the element's event map.
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
  onStatus(event: CryptoOnrampEvent<'status-change'>): void {
    this.status.set(event.detail.status);
  }
  onError(event: CryptoOnrampEvent<'error'>): void {
    this.status.set(`error: ${event.detail.message}`);
  }
}
