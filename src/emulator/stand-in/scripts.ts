/**
 * Turns the stand-in's browser functions into script text. Each function is type-checked as
 * TypeScript and serialized with `Function.prototype.toString`, so the scripts work the same from
 * `src/` (tsx) and from `dist/` (tsc) without shipping separate .js files.
 */
import { CLIENT_SECRET_PATTERN, PUBLISHABLE_KEY_PATTERN } from '../../shared/key-formats.js';
import { onrampOuterStandIn, type OnrampOuterConfig, type StandInSdk } from './onramp-outer.js';
import { purchaseApp, type PurchaseAppConfig } from './purchase-app.js';
import { stripeJsStandIn } from './stripe-js.js';
import { MESSAGE_SOURCE } from './protocol.js';

/**
 * esbuild (tsx, Vite) wraps named functions in `__name(fn, "name")` calls when it keeps names;
 * serialized into a page, those calls need a `__name` to exist there too.
 */
const PRELUDE = 'var __name = (fn, _name) => fn;';

/** JSON safe to place inside an inline `<script>`: `<` escaped so no `</script>` can appear. */
export function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function invocation(fn: (...args: never[]) => void, ...args: unknown[]): string {
  return `(() => {\n'use strict';\n${PRELUDE}\n(${fn.toString()})(${args.map(inlineJson).join(', ')});\n})();\n`;
}

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
  const url = emulatorUrl.replace(/\/+$/, '');
  const onrampOuter = (sdk: StandInSdk): string => {
    const outerConfig: OnrampOuterConfig = {
      emulatorUrl: url,
      messageSource: MESSAGE_SOURCE,
      sdk,
      clientSecretPattern: CLIENT_SECRET_PATTERN.source,
      publishableKeyPattern: PUBLISHABLE_KEY_PATTERN.source,
    };
    return `/* crypto-onramp-emulator: stand-in for crypto-onramp-outer.js (${sdk} SDK), talking to ${url} */\n${invocation(onrampOuterStandIn, outerConfig)}`;
  };
  return {
    stripeJs: `/* crypto-onramp-emulator: stand-in for Stripe.js (js.stripe.com/v3) */\n${invocation(stripeJsStandIn)}`,
    onrampOuterJs: onrampOuter('current'),
    onrampOuterLegacyJs: onrampOuter('legacy'),
  };
}

/** The purchase page's script for the `/embedded` iframe or the `/hosted` page. */
export function purchaseAppScript(config: Omit<PurchaseAppConfig, 'messageSource'>): string {
  return invocation(purchaseApp, { ...config, messageSource: MESSAGE_SOURCE });
}
