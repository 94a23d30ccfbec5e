/**
 * Angular: `<crypto-onramp>` in templates, and the types of its events for `(event)` bindings.
 *
 * Angular needs no wrapper. A standalone component (or NgModule) that uses the tag declares
 * `schemas: [CUSTOM_ELEMENTS_SCHEMA]`, which lets the tag and its `[property]` bindings through
 * (Angular checks neither on custom elements). Its `(crypto-onramp-*)` bindings are checked, under
 * `strictTemplates` (or `strictDomEventTypes`): Angular types `$event` from the element's event map
 * (the element declares its events in `GlobalEventHandlersEventMap` and itself in
 * `HTMLElementTagNameMap`), so a handler can take the event type it receives:
 *
 * ```ts
 * import type { CryptoOnrampEvent } from 'crypto-onramp-element/angular';
 * // template: <crypto-onramp (crypto-onramp-status-change)="onStatus($event)">
 * onStatus(event: CryptoOnrampEvent<'status-change'>) { this.status.set(event.detail.status); }
 * ```
 *
 * Importing this module registers the element.
 */
import '../element/define.js';
import type { CryptoOnrampEventMap, CryptoOnrampEventName } from './element-types.js';

export type * from './element-types.js';

/** An event's name without the `crypto-onramp-` prefix: `'ready' | 'session-updated' | 'status-change' | 'error'`. */
export type CryptoOnrampEventShortName = ShortName<CryptoOnrampEventName>;
type ShortName<Event> = Event extends `crypto-onramp-${infer Name}` ? Name : never; // distributes over the union

/** `$event` of a `(crypto-onramp-<name>)` binding: `CryptoOnrampEvent<'status-change'>`. */
export type CryptoOnrampEvent<Name extends CryptoOnrampEventShortName> = CryptoOnrampEventMap[`crypto-onramp-${Name}`];
