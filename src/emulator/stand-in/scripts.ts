/**
 * The stand-in's browser functions as script text (serialized by `pageScript`), so the scripts
 * work the same from `src/` (tsx) and from `dist/` (tsc) without shipping separate .js files.
 */
import { CLIENT_SECRET_PATTERN, PUBLISHABLE_KEY_PATTERN, SECRET_KEY_PREFIX } from '../../shared/key-formats.js';
import { onrampOuterStandIn, type OnrampOuterConfig, type StandInSdk } from './onramp-outer.js';
import { purchaseApp, type PurchaseAppConfig } from './purchase-app.js';
import { stripeJsStandIn } from './stripe-js.js';
import { MESSAGE_SOURCE } from './protocol.js';
import { pageScript } from '../page-script.js';
import { trimTrailing } from '../../shared/trim-trailing.js';

export interface StandInScripts {
  /** Served at `/js/stripe.js`; stands in for https://js.stripe.com/v3. */
  stripeJs: string;
  /** Served at `/js/crypto-onramp-outer.js`; stands in for https://crypto-js.stripe.com/crypto-onramp-outer.js. */
  onrampOuterJs: string;
  /** Served at `/js/crypto-onramp-outer.js?sdk=legacy`: an older version, no `setAppearance`, `appearance` ignored. */
  onrampOuterLegacyJs: string;
}

/** The two stand-in scripts, with `emulatorUrl` (e.g. `http://127.0.0.1:4242`) baked in. */
export function standInScripts(emulatorUrl: string): StandInScripts {
  const url = trimTrailing(emulatorUrl, '/');
  const onrampOuter = (sdk: StandInSdk): string => {
    const outerConfig: OnrampOuterConfig = {
      emulatorUrl: url,
      messageSource: MESSAGE_SOURCE,
      sdk,
      clientSecretPattern: CLIENT_SECRET_PATTERN.source,
      publishableKeyPattern: PUBLISHABLE_KEY_PATTERN.source,
    };
    return `/* crypto-onramp-emulator: stand-in for crypto-onramp-outer.js (${sdk} SDK), talking to ${url} */\n${pageScript(onrampOuterStandIn, outerConfig)}`;
  };
  return {
    stripeJs: `/* crypto-onramp-emulator: stand-in for Stripe.js (js.stripe.com/v3) */\n${pageScript(stripeJsStandIn, { secretKeyPrefix: SECRET_KEY_PREFIX.source })}`,
    onrampOuterJs: onrampOuter('current'),
    onrampOuterLegacyJs: onrampOuter('legacy'),
  };
}

/** The purchase page's script for the `/embedded` iframe or the `/hosted` page. */
export function purchaseAppScript(config: Omit<PurchaseAppConfig, 'messageSource'>): string {
  return pageScript(purchaseApp, { ...config, messageSource: MESSAGE_SOURCE });
}
