/**
 * Registers `<crypto-onramp-quotes>` (the package's `./quotes` entry, and the drop-in
 * dist/cdn/crypto-onramp-quotes.js). Safe to import more than once, and in Node, where there is
 * no `customElements`.
 */
import { CryptoOnrampQuotes } from './crypto-onramp-quotes.js';

export * from './index.js';

if (typeof customElements !== 'undefined' && !customElements.get('crypto-onramp-quotes')) {
  customElements.define('crypto-onramp-quotes', CryptoOnrampQuotes);
}
