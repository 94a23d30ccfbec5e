/**
 * The site's policy: what a page may ask for, and what the server adds when it asks for less.
 * The handler fills in defaults, validates the result with the API's own rules
 * (`src/shared/validate.ts`), then checks the policy on what the page set, and validates again
 * once the server's own parameters are in: a policy never produces a request the API would refuse
 * without the endpoint saying so first.
 */
import type { CreateOnrampSessionParams } from '../shared/session.js';
import { compareDecimals, toDecimalString } from './decimal.js';
import { POLICY_ERROR_CODES } from './errors.js';

/** Inclusive bounds on a preset amount, as decimal strings or numbers (`'20.00'`, `500`). */
export interface AmountLimit {
  min?: string | number;
  max?: string | number;
}

/** Parameters the server may default. Server-only fields have their own options/hooks. */
export type OnrampDefaults = Omit<CreateOnrampSessionParams, 'customer_information' | 'customer_ip_address' | 'kyc_details' | 'metadata' | 'expand'>;

export interface OnrampPolicy {
  /**
   * Crypto currencies customers may buy. A preset outside the list is refused; when the page does
   * not narrow the choice itself, the list becomes the session's `destination_currencies`, so
   * Stripe's UI offers only these.
   */
  destinationCurrencies?: readonly string[];
  /** Networks customers may receive on; refused and applied like `destinationCurrencies`. */
  destinationNetworks?: readonly string[];
  /**
   * Fiat currencies a page may preset as `source_currency`. The API has no parameter to restrict
   * the fiat choice in Stripe's UI, so this limits the preset only.
   */
  sourceCurrencies?: readonly string[];
  /** Per fiat currency, bounds on a preset `source_amount`: `{ usd: { min: 20, max: 500 } }`. */
  sourceAmountLimits?: Readonly<Record<string, AmountLimit>>;
  /** Per crypto currency, bounds on a preset `destination_amount`: `{ eth: { max: '0.5' } }`. */
  destinationAmountLimits?: Readonly<Record<string, AmountLimit>>;
  /** May the page preset `wallet_addresses`? Default `true`. */
  allowWalletAddresses?: boolean;
  /** May the page set `lock_wallet_address`? Default `true`. */
  allowLockWalletAddress?: boolean;
  /** Values the session gets when the page leaves them unset (a page's conflicting choice wins). */
  defaults?: OnrampDefaults;
  /** Metadata put on every session (merged under the `metadata` hook's). */
  metadata?: Readonly<Record<string, string>>;
  /** Answer `redirect_url` (Stripe's hosted onramp): `mode="redirect"` needs it, and the error view links it where the element cannot embed. Default `false`. */
  hostedFallback?: boolean;
}

export interface PolicyViolation {
  code: string;
  message: string;
  param: string;
}

interface CompiledLimit {
  min?: string;
  max?: string;
}

export interface CompiledPolicy {
  /**
   * The page's raw presets with the server's defaults filled in, before validation (so a default
   * can complete what the API's cross-parameter rules require, such as `source_currency` next to
   * the page's `source_amount`). A default yields where it would contradict the page's choice.
   */
  withDefaults(presets: Readonly<Record<string, unknown>>): Record<string, unknown>;
  /** The first policy violation among the parameters the page itself set, if any. */
  check(params: Readonly<CreateOnrampSessionParams>, setByPage: ReadonlySet<string>): PolicyViolation | undefined;
  /** The allowed lists as the session's `destination_currencies` / `destination_networks` where unset. */
  restrictChoices(params: CreateOnrampSessionParams): CreateOnrampSessionParams;
  /** The parameters `defaults` sets, to tell the site's mistakes from the page's. */
  defaulted: ReadonlySet<string>;
  hostedFallback: boolean;
  metadata: Readonly<Record<string, string>>;
}

/** Parameters a default may set: everything but what only the server's hooks provide. */
const DEFAULTABLE: ReadonlySet<string> = new Set([
  'destination_amount', 'destination_currencies', 'destination_currency', 'destination_network',
  'destination_networks', 'lock_wallet_address', 'settlement_speed', 'source_amount', 'source_currency',
  'wallet_addresses',
]);

export function compilePolicy(policy: OnrampPolicy = {}): CompiledPolicy {
  const destinationCurrencies = lowerSet(policy.destinationCurrencies, 'policy.destinationCurrencies');
  const destinationNetworks = lowerSet(policy.destinationNetworks, 'policy.destinationNetworks');
  const sourceCurrencies = lowerSet(policy.sourceCurrencies, 'policy.sourceCurrencies');
  const sourceLimits = compileLimits(policy.sourceAmountLimits, 'policy.sourceAmountLimits');
  const destinationLimits = compileLimits(policy.destinationAmountLimits, 'policy.destinationAmountLimits');
  const allowWallets = policy.allowWalletAddresses ?? true;
  const allowLock = policy.allowLockWalletAddress ?? true;
  const defaults = compileDefaults(policy.defaults);

  const check = (params: Readonly<CreateOnrampSessionParams>, setByPage: ReadonlySet<string>): PolicyViolation | undefined => {
    const violation = (code: string, param: string, message: string): PolicyViolation => ({ code, param, message });
    if (!allowWallets && setByPage.has('wallet_addresses')) {
      return violation(POLICY_ERROR_CODES.walletAddressNotAllowed, 'wallet_addresses', 'This site does not accept wallet addresses from the page.');
    }
    if (!allowLock && setByPage.has('lock_wallet_address')) {
      return violation(POLICY_ERROR_CODES.lockWalletAddressNotAllowed, 'lock_wallet_address', 'This site does not let the page lock the wallet address.');
    }
    const pageValue = <K extends keyof CreateOnrampSessionParams>(key: K) => (setByPage.has(key) ? params[key] : undefined);
    const currency = outsideList(pageValue('destination_currency'), pageValue('destination_currencies'), destinationCurrencies, 'destination_currency', 'destination_currencies');
    if (currency) {
      return violation(POLICY_ERROR_CODES.destinationCurrencyNotAllowed, currency.param,
        `"${currency.value}" is not offered on this site. Allowed: ${[...destinationCurrencies!].join(', ')}.`);
    }
    const network = outsideList(pageValue('destination_network'), pageValue('destination_networks'), destinationNetworks, 'destination_network', 'destination_networks');
    if (network) {
      return violation(POLICY_ERROR_CODES.destinationNetworkNotAllowed, network.param,
        `"${network.value}" is not offered on this site. Allowed: ${[...destinationNetworks!].join(', ')}.`);
    }
    const sourceCurrency = pageValue('source_currency');
    if (sourceCurrencies && sourceCurrency !== undefined && !sourceCurrencies.has(sourceCurrency.toLowerCase())) {
      return violation(POLICY_ERROR_CODES.sourceCurrencyNotAllowed, 'source_currency',
        `"${sourceCurrency}" is not accepted on this site. Allowed: ${[...sourceCurrencies].join(', ')}.`);
    }
    // Limits apply to the amount the page preset, in the currency the session will carry (the
    // page's own or the server's default).
    const sourceAmount = pageValue('source_amount');
    if (sourceAmount !== undefined && params.source_currency !== undefined) {
      const found = checkLimit(sourceAmount, sourceLimits[params.source_currency.toLowerCase()], 'source_amount', params.source_currency);
      if (found) return found;
    }
    const destinationAmount = pageValue('destination_amount');
    if (destinationAmount !== undefined && params.destination_currency !== undefined) {
      const found = checkLimit(destinationAmount, destinationLimits[params.destination_currency.toLowerCase()], 'destination_amount', params.destination_currency);
      if (found) return found;
    }
    return undefined;
  };

  const restrictChoices = (params: CreateOnrampSessionParams): CreateOnrampSessionParams => {
    const restricted = { ...params };
    if (destinationCurrencies && restricted.destination_currencies === undefined) restricted.destination_currencies = [...destinationCurrencies];
    if (destinationNetworks && restricted.destination_networks === undefined) restricted.destination_networks = [...destinationNetworks];
    return restricted;
  };

  return {
    withDefaults: (presets) => mergeDefaults(presets, defaults),
    check,
    restrictChoices,
    defaulted: new Set(Object.keys(defaults)),
    hostedFallback: policy.hostedFallback ?? false,
    metadata: { ...(policy.metadata ?? {}) },
  };
}

function compileDefaults(defaults: OnrampDefaults | undefined): Readonly<Record<string, unknown>> {
  if (defaults === undefined) return {};
  if (typeof defaults !== 'object' || defaults === null || Array.isArray(defaults)) {
    throw new TypeError('policy.defaults must be an object of session parameters');
  }
  for (const key of Object.keys(defaults)) {
    if (!DEFAULTABLE.has(key)) throw new TypeError(`policy.defaults.${key} is not a parameter a default may set`);
  }
  // A copy through JSON: later changes to the site's object do not leak into the policy, and
  // each request gets fresh arrays and objects.
  return JSON.parse(JSON.stringify(defaults)) as Record<string, unknown>;
}

function mergeDefaults(presets: Readonly<Record<string, unknown>>, defaults: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const has = (key: string): boolean => Object.prototype.hasOwnProperty.call(presets, key) && presets[key] !== undefined;
  const merged: Record<string, unknown> = { ...presets };
  for (const [key, value] of Object.entries(defaults)) {
    if (value !== undefined && !has(key)) merged[key] = structuredClone(value);
  }
  // Mutually exclusive amounts: the page's choice of which amount to fix wins.
  if (has('destination_amount') && !has('source_amount')) delete merged['source_amount'];
  if (has('source_amount') && !has('destination_amount')) delete merged['destination_amount'];
  // A default currency or network that the page's own list excludes would contradict it. The
  // two are one choice (the API wants both or neither), so when the page set neither, a pair of
  // defaults yields together.
  const pageCurrencies = presets['destination_currencies'];
  const pageNetworks = presets['destination_networks'];
  const excluded = (list: unknown, value: unknown) => Array.isArray(list) && value !== undefined && !list.includes(value);
  const currencyExcluded = !has('destination_currency') && excluded(pageCurrencies, merged['destination_currency']);
  const networkExcluded = !has('destination_network') && excluded(pageNetworks, merged['destination_network']);
  const pageChosePair = has('destination_currency') || has('destination_network');
  if (currencyExcluded || (!pageChosePair && networkExcluded)) delete merged['destination_currency'];
  if (networkExcluded || (!pageChosePair && currencyExcluded)) delete merged['destination_network'];
  return merged;
}

function outsideList(
  single: string | undefined,
  list: readonly string[] | undefined,
  allowed: ReadonlySet<string> | undefined,
  singleParam: string,
  listParam: string,
): { param: string; value: string } | undefined {
  if (!allowed) return undefined;
  if (single !== undefined && !allowed.has(single.toLowerCase())) return { param: singleParam, value: single };
  const index = list?.findIndex((item) => !allowed.has(item.toLowerCase())) ?? -1;
  if (index >= 0) return { param: `${listParam}[${index}]`, value: list![index]! };
  return undefined;
}

function checkLimit(amount: string, limit: CompiledLimit | undefined, param: string, currency: string): PolicyViolation | undefined {
  if (!limit) return undefined;
  if (limit.min !== undefined && compareDecimals(amount, limit.min) < 0) {
    return { code: POLICY_ERROR_CODES.amountBelowMinimum, param, message: `The amount must be at least ${limit.min} ${currency}.` };
  }
  if (limit.max !== undefined && compareDecimals(amount, limit.max) > 0) {
    return { code: POLICY_ERROR_CODES.amountAboveMaximum, param, message: `The amount must be at most ${limit.max} ${currency}.` };
  }
  return undefined;
}

function lowerSet(list: readonly string[] | undefined, what: string): ReadonlySet<string> | undefined {
  if (list === undefined) return undefined;
  if (!Array.isArray(list) || list.length === 0 || !list.every((item) => typeof item === 'string' && item !== '')) {
    throw new TypeError(`${what} must be a non-empty list of strings`);
  }
  return new Set(list.map((item) => item.toLowerCase()));
}

function compileLimits(limits: Readonly<Record<string, AmountLimit>> | undefined, what: string): Record<string, CompiledLimit> {
  const compiled: Record<string, CompiledLimit> = Object.create(null) as Record<string, CompiledLimit>;
  for (const [currency, limit] of Object.entries(limits ?? {})) {
    const entry: CompiledLimit = {};
    if (limit.min !== undefined) entry.min = toDecimalString(limit.min, `${what}.${currency}.min`);
    if (limit.max !== undefined) entry.max = toDecimalString(limit.max, `${what}.${currency}.max`);
    if (entry.min !== undefined && entry.max !== undefined && compareDecimals(entry.min, entry.max) > 0) {
      throw new TypeError(`${what}.${currency}: min is greater than max`);
    }
    compiled[currency.toLowerCase()] = entry;
  }
  return compiled;
}
