/** Everything the element exports, without registering it. */
export { CryptoOnramp, type CryptoOnrampMode, type CryptoOnrampState, type CryptoOnrampThemeSetting } from './crypto-onramp.js';
export { CryptoOnrampError, type CryptoOnrampErrorCode, type CryptoOnrampErrorDetail } from './errors.js';
export type {
  CryptoOnrampEventMap,
  CryptoOnrampReadyDetail,
  CryptoOnrampRedirectDetail,
  CryptoOnrampSessionUpdatedDetail,
  CryptoOnrampStatusChangeDetail,
  OnrampSessionSnapshot,
} from './events.js';
export type { OnrampSessionStatus } from '../shared/enums.js';
