/**
 * Registers `<crypto-onramp>` (the package's main entry). Safe to import more than once, and in
 * Node for server-side rendering, where there is no `customElements`.
 */
import { CryptoOnramp } from './crypto-onramp.js';

export * from './index.js';

if (typeof customElements !== 'undefined' && !customElements.get('crypto-onramp')) {
  customElements.define('crypto-onramp', CryptoOnramp);
}
