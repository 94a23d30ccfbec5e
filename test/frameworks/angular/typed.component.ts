// The Angular typings, as Angular's own compiler (ngc, strictTemplates) checks them: handlers that
// take the event type they are bound to compile, mismatches do not. Every line ending in
// `<!-- error -->` must be reported, and nothing else (test/node/framework-types.test.ts).
import { Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
import type { CryptoOnrampEvent } from '../../../src/frameworks/angular.js';
import '../../../src/frameworks/angular.js';

@Component({
  selector: 'typed-onramp',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <crypto-onramp session-url="/api/onramp-session" [destinationCurrencies]="['eth', 'usdc']" theme="auto"
      (crypto-onramp-ready)="onReady($event)"
      (crypto-onramp-session-updated)="sessionId.set($event.detail.session.id)"
      (crypto-onramp-status-change)="onStatus($event)"
      (crypto-onramp-error)="onError($event)"
    ></crypto-onramp>
    <crypto-onramp (crypto-onramp-ready)="onError($event)"></crypto-onramp> <!-- error -->
    <crypto-onramp (crypto-onramp-status-change)="sessionId.set($event.detail.statuss)"></crypto-onramp> <!-- error -->
    <crypto-onramp (crypto-onramp-error)="retryable.set($event.detail.code)"></crypto-onramp> <!-- error -->
  `,
})
export class TypedOnrampComponent {
  readonly sessionId = signal('');
  readonly retryable = signal(false);

  onReady(event: CryptoOnrampEvent<'ready'>): void {
    this.sessionId.set(event.detail.session.id);
  }
  onStatus(event: CryptoOnrampEvent<'status-change'>): void {
    this.sessionId.set(`${event.detail.previousStatus} → ${event.detail.status}`);
  }
  onError(event: CryptoOnrampEvent<'error'>): void {
    this.retryable.set(event.detail.retryable);
  }
}
