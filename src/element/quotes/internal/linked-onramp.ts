/**
 * The `<crypto-onramp>` a quotes element is `for`. Found by id in the same root and driven through
 * its public properties only: the two elements ship as separate bundles, so this module imports
 * nothing of the other's code (a structural type is all it needs).
 */
import type { CryptoOnrampQuoteSelectDetail } from '../events.js';
import { wordedError } from './quotes-error.js';

/** The presets this element sets on the onramp: the subset of its properties a quote decides. */
export interface OnrampPresetTarget extends HTMLElement {
  destinationCurrency?: string | undefined;
  destinationNetwork?: string | undefined;
  sourceAmount?: string | undefined;
  sourceCurrency?: string | undefined;
  destinationAmount?: string | undefined;
}

/** The linked element, or a coded error saying why there is none. */
export function findOnramp(host: Element, id: string): OnrampPresetTarget {
  const root = host.getRootNode() as Partial<Pick<Document, 'getElementById'>>;
  const found = typeof root.getElementById === 'function' ? root.getElementById(id) : null;
  if (found?.localName !== 'crypto-onramp') {
    throw wordedError('onramp_not_found', found ? 'quotesNotOnramp' : 'quotesNoOnramp', { param: 'for' }, id);
  }
  return found as OnrampPresetTarget;
}

/**
 * Sets the chosen quote's presets, synchronously: the onramp batches the property changes of one
 * task into one update, so it mints once. A fixed crypto amount would contradict the fiat amount
 * the quote prices (the API refuses both), so it is cleared.
 */
export function applyQuote(onramp: OnrampPresetTarget, choice: CryptoOnrampQuoteSelectDetail): void {
  onramp.destinationCurrency = choice.destinationCurrency;
  onramp.destinationNetwork = choice.destinationNetwork;
  onramp.sourceCurrency = choice.sourceCurrency;
  onramp.sourceAmount = choice.sourceAmount;
  onramp.destinationAmount = undefined;
}
