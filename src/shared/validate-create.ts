/**
 * The rules of `POST /v1/crypto/onramp_sessions` (Stripe's API reference for the CryptoOnrampSession and the
 * documented error codes). Checks run in a fixed order and stop at the first violation, as Stripe's
 * API does: unknown parameters, then each parameter's own type and value, then the rules that
 * relate parameters to each other.
 */
import { DESTINATION_CURRENCIES, DESTINATION_NETWORKS, SETTLEMENT_SPEEDS, SOURCE_CURRENCIES } from './enums.js';
import type { CreateOnrampSessionParams, CustomerInformation, WalletAddresses } from './session.js';
import { GENERIC_CODES as C, fail, runValidation, type ParamEncoding, type Validation, type ValidateOptions } from './param-error.js';
import {
  childParam,
  FUTURE_ENUM_VALUE,
  failEmpty,
  FORBIDDEN_KEYS,
  isUnsetValue,
  OPEN_ENUM_LIST_HEADROOM,
  readBoolean,
  readEnum,
  readEnumList,
  readInteger,
  readExpand,
  readObject,
  readParams,
  readString,
  rejectUnknownKeys,
  type TopLevelParams,
} from './param-readers.js';
import {
  DESTINATION_TAG_NETWORKS,
  destinationCurrencyDecimals,
  isCurrencyOnNetwork,
  isKnownDestinationCurrency,
  isKnownDestinationNetwork,
  networkForWalletAddressKey,
  someCurrencyOnSomeNetwork,
  sourceCurrencyDecimals,
  WALLET_ADDRESS_KEYS,
} from './currencies.js';
import { checkDecimalAmount, type DecimalAmountProblem } from './decimal-amount.js';
import { isIpAddress } from './ip-address.js';
import { isPlausibleDestinationTag, isPlausibleWalletAddress } from './wallet-address.js';
import { ONRAMP_ERROR_CODES as E } from './onramp-error-codes.js';
/**
 * Plausible email: something, `@`, dot-separated non-empty labels. Each label excludes the dot
 * that ends it, so the pattern has one way to match and runs in linear time (the looser
 * `[^\s@]+\.[^\s@]+` backtracks quadratically on a long run of dots).
 */
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

export const CREATE_PARAMS = [
  'customer_information',
  'customer_ip_address',
  'destination_amount',
  'destination_currencies',
  'destination_currency',
  'destination_network',
  'destination_networks',
  'expand',
  'kyc_details',
  'lock_wallet_address',
  'metadata',
  'settlement_speed',
  'source_amount',
  'source_currency',
  'wallet_addresses',
] as const;

/** Stripe's metadata limits. */
export const METADATA_LIMITS = { maxKeys: 50, maxKeyLength: 40, maxValueLength: 500 } as const;

const KYC_FIELDS = ['address', 'dob', 'email', 'first_name', 'last_name'] as const;
const KYC_ADDRESS_FIELDS = ['city', 'country', 'line1', 'line2', 'postal_code', 'state'] as const;
const KYC_DOB_FIELDS = ['day', 'month', 'year'] as const;
const WALLET_KEYS: readonly string[] = [...Object.values(WALLET_ADDRESS_KEYS), 'destination_tags'];

export function validateCreateParams(
  input: unknown,
  encoding: ParamEncoding,
  options: ValidateOptions = {},
): Validation<CreateOnrampSessionParams> {
  return runValidation(() => readCreateParams(input, encoding, options.openEnums === true));
}

function readCreateParams(input: unknown, encoding: ParamEncoding, open: boolean): CreateOnrampSessionParams {
  const params = readEachParam(readParams(input, CREATE_PARAMS), encoding, open);
  checkAmounts(params);
  checkDestinationChoice(params);
  checkWalletAddresses(params);
  return params;
}

/** Whether a currency is available on a network: unknown when either value is unknown to these rules. */
export function availableOn(currency: string, network: string): boolean {
  if (!isKnownDestinationCurrency(currency) || !isKnownDestinationNetwork(network)) return true;
  return isCurrencyOnNetwork(currency, network);
}

/** Each parameter on its own: type, enum membership, format. */
function readEachParam({ raw, present }: TopLevelParams, encoding: ParamEncoding, open: boolean): CreateOnrampSessionParams {
  const params: CreateOnrampSessionParams = {};

  if (present('customer_ip_address')) {
    const ip = readString(raw.customer_ip_address, 'customer_ip_address', encoding, 45);
    if (!isIpAddress(ip)) {
      fail(C.string, 'customer_ip_address', `Invalid customer_ip_address: ${JSON.stringify(ip)} is not an IPv4 or IPv6 address.`);
    }
    params.customer_ip_address = ip;
  }
  if (present('destination_amount')) params.destination_amount = readString(raw.destination_amount, 'destination_amount', encoding, 64);
  if (present('destination_currencies')) {
    params.destination_currencies = readEnumList(raw.destination_currencies, 'destination_currencies', encoding, DESTINATION_CURRENCIES, open);
  }
  if (present('destination_currency')) {
    params.destination_currency = readEnum(raw.destination_currency, 'destination_currency', encoding, DESTINATION_CURRENCIES, open);
  }
  if (present('destination_network')) {
    params.destination_network = readEnum(raw.destination_network, 'destination_network', encoding, DESTINATION_NETWORKS, open);
  }
  if (present('destination_networks')) {
    params.destination_networks = readEnumList(raw.destination_networks, 'destination_networks', encoding, DESTINATION_NETWORKS, open);
  }
  if (present('expand')) params.expand = readExpand(raw.expand, 'expand', encoding);
  if (present('kyc_details')) params.kyc_details = readCustomerDetails(raw.kyc_details, 'kyc_details', encoding);
  if (present('customer_information')) {
    // The current guide's name for kyc_details (the API reference still says kyc_details): one or the other.
    if (present('kyc_details')) fail(C.exclusive, 'customer_information', 'You may only specify one of these parameters: customer_information, kyc_details.');
    params.customer_information = readCustomerDetails(raw.customer_information, 'customer_information', encoding) as CustomerInformation;
  }
  if (present('lock_wallet_address')) params.lock_wallet_address = readBoolean(raw.lock_wallet_address, 'lock_wallet_address', encoding);
  if (present('metadata')) params.metadata = readMetadata(raw.metadata, encoding);
  if (present('settlement_speed')) params.settlement_speed = readEnum(raw.settlement_speed, 'settlement_speed', encoding, SETTLEMENT_SPEEDS);
  if (present('source_amount')) params.source_amount = readString(raw.source_amount, 'source_amount', encoding, 64);
  if (present('source_currency')) params.source_currency = readEnum(raw.source_currency, 'source_currency', encoding, SOURCE_CURRENCIES, open);
  if (present('wallet_addresses')) params.wallet_addresses = readWalletAddresses(raw.wallet_addresses, encoding, open);
  return params;
}

/** Metadata: string values; an empty value unsets its key; an empty `metadata` unsets them all. */
function readMetadata(value: unknown, encoding: ParamEncoding): Record<string, string> {
  const metadata: Record<string, string> = {};
  if (isUnsetValue(value, encoding)) return metadata;
  const entries = Object.entries(readObject(value, 'metadata'));
  if (entries.length > METADATA_LIMITS.maxKeys) {
    fail(C.object, 'metadata', `Invalid metadata: an object can have at most ${METADATA_LIMITS.maxKeys} metadata keys, but you passed ${entries.length}.`);
  }
  for (const [key, item] of entries) {
    const param = childParam('metadata', key);
    if (FORBIDDEN_KEYS.has(key)) fail(C.string, param, `Invalid metadata key ${JSON.stringify(key)}: __proto__, constructor and prototype are reserved.`);
    if (key.length === 0 || key.length > METADATA_LIMITS.maxKeyLength || /[[\]]/.test(key)) {
      fail(C.string, param, `Invalid metadata key ${JSON.stringify(key.slice(0, 60))}: keys must be 1 to ${METADATA_LIMITS.maxKeyLength} characters long and contain no square brackets.`);
    }
    if (isUnsetValue(item, encoding)) continue;
    if (typeof item !== 'string') fail(C.string, param, `Invalid ${param}: metadata values must be strings.`);
    if (item.length > METADATA_LIMITS.maxValueLength) {
      fail(C.string, param, `Invalid ${param}: metadata values can have up to ${METADATA_LIMITS.maxValueLength} characters, but you passed in a value that is ${item.length} characters.`);
    }
    metadata[key] = item;
  }
  return metadata;
}

function readWalletAddresses(value: unknown, encoding: ParamEncoding, open: boolean): WalletAddresses {
  if (isUnsetValue(value, encoding)) failEmpty('wallet_addresses');
  const raw = readObject(value, 'wallet_addresses');
  // With open enums, a key for a network these rules do not know yet is that network's name, up
  // to the headroom open lists get: a set of bounded size, built in one pass (no per-key scan).
  const known = new Set<string>(WALLET_KEYS);
  if (open) {
    let future = 0;
    for (const key of Object.keys(raw)) {
      if (future === OPEN_ENUM_LIST_HEADROOM) break;
      if (known.has(key) || key === 'base' || !FUTURE_ENUM_VALUE.test(key)) continue;
      known.add(key);
      future += 1;
    }
  }
  rejectUnknownKeys(raw, known, (key) => childParam('wallet_addresses', key), (key) =>
    key === 'base'
      ? 'The wallet_addresses key for the base network is base_network.'
      : open && FUTURE_ENUM_VALUE.test(key)
        ? `wallet_addresses can name at most ${OPEN_ENUM_LIST_HEADROOM} networks these rules do not know yet.`
        : undefined,
  );
  const addresses: WalletAddresses = {};
  for (const [key, item] of Object.entries(raw)) {
    const param = childParam('wallet_addresses', key);
    // An empty address means "none for this network", like an empty metadata value.
    if (item === undefined || isUnsetValue(item, encoding)) continue;
    if (key === 'destination_tags') {
      const tags = readObject(item, param);
      rejectUnknownKeys(tags, DESTINATION_TAG_NETWORKS, (tagKey) => childParam(param, tagKey));
      for (const [tagKey, tag] of Object.entries(tags)) {
        if (tag === undefined || isUnsetValue(tag, encoding)) continue;
        const tagParam = childParam(param, tagKey);
        const text = readString(tag, tagParam, encoding, 64);
        if (!isPlausibleDestinationTag(text)) {
          fail(C.string, tagParam, `Invalid ${tagParam}: a Stellar destination tag is text of at most 28 bytes or a 64-bit number.`);
        }
        addresses.destination_tags = { ...addresses.destination_tags, stellar: text };
      }
      continue;
    }
    const address = readString(item, param, encoding, 128);
    // `key` passed rejectUnknownKeys, so it is one of WALLET_ADDRESS_KEYS' values.
    (addresses as Record<string, string>)[key] = address;
  }
  return addresses;
}

/**
 * The customer's details, under either name (`kyc_details` or `customer_information`, `root`):
 * name, email, date of birth (all three parts), address.
 */
function readCustomerDetails(value: unknown, root: string, encoding: ParamEncoding): Record<string, unknown> {
  if (isUnsetValue(value, encoding)) failEmpty(root);
  const raw = readObject(value, root);
  rejectUnknownKeys(raw, KYC_FIELDS, (key) => childParam(root, key));
  const details: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(raw)) {
    if (item === undefined) continue;
    const param = childParam(root, key);
    if (key === 'address') {
      const address = readObject(item, param);
      rejectUnknownKeys(address, KYC_ADDRESS_FIELDS, (field) => childParam(param, field));
      const out: Record<string, string> = {};
      for (const [field, text] of Object.entries(address)) {
        if (text === undefined) continue;
        out[field] = readString(text, childParam(param, field), encoding, 200);
      }
      if (out.country !== undefined && !/^[A-Z]{2}$/.test(out.country)) {
        fail(C.string, childParam(param, 'country'), `Invalid ${childParam(param, 'country')}: use a two-letter ISO 3166-1 country code such as "US".`);
      }
      details.address = out;
    } else if (key === 'dob') {
      const dob = readObject(item, param);
      rejectUnknownKeys(dob, KYC_DOB_FIELDS, (field) => childParam(param, field));
      const limits: Record<string, [number, number]> = { day: [1, 31], month: [1, 12], year: [1900, new Date().getUTCFullYear()] };
      const out: Record<string, number> = {};
      for (const [field, number] of Object.entries(dob)) {
        if (number === undefined) continue;
        const fieldParam = childParam(param, field);
        const parsed = readInteger(number, fieldParam, encoding);
        const [min, max] = limits[field] ?? [0, 0];
        if (parsed < min || parsed > max) fail(C.integer, fieldParam, `Invalid ${fieldParam}: must be between ${min} and ${max}.`);
        out[field] = parsed;
      }
      // A partial date of birth identifies no one: Stripe's guide requires all three parts.
      for (const field of KYC_DOB_FIELDS) {
        if (out[field] === undefined) fail(C.missing, childParam(param, field), `Missing required param: ${childParam(param, field)}. A date of birth needs day, month and year.`);
      }
      details.dob = out;
    } else {
      const text = readString(item, param, encoding, 200);
      if (key === 'email' && !EMAIL.test(text)) {
        fail(C.string, param, `Invalid ${param}: ${JSON.stringify(text)} is not an email address.`);
      }
      details[key] = text;
    }
  }
  return details;
}

const AMOUNT_PROBLEM_TEXT: Record<DecimalAmountProblem, string> = {
  not_a_decimal: 'must be a decimal number written as a string, such as "100.00"',
  not_positive: 'must be greater than zero',
  too_many_decimals: 'has more decimal places than the currency supports',
  too_large: 'is too large',
};

function checkAmounts(p: CreateOnrampSessionParams): void {
  if (p.source_amount !== undefined && p.destination_amount !== undefined) failAmountPair();
  if (p.source_amount !== undefined) {
    // Shape first (any currency has at least 0 decimals), precision once the currency is known.
    checkAmountShape(p.source_amount, 'source_amount');
    if (p.source_currency === undefined) fail(E.missingSourceCurrency, 'source_currency', 'source_currency is required when source_amount is set.');
    checkSourceAmountDecimals(p.source_amount, p.source_currency);
  }
  if (p.destination_amount !== undefined) {
    checkAmountShape(p.destination_amount, 'destination_amount');
    if (p.destination_currency === undefined) {
      fail(E.missingDestinationCurrency, 'destination_currency', 'destination_currency is required when destination_amount is set.');
    }
    if (p.destination_network === undefined) {
      fail(E.incompleteDestinationPair, 'destination_network', 'destination_network is required when destination_amount is set.');
    }
    checkDestinationAmountDecimals(p.destination_amount, p.destination_currency);
  }
}

/** `source_amount` and `destination_amount` together (the quotes endpoint has the same rule). */
export function failAmountPair(): never {
  return fail(E.invalidSourceDestinationPair, 'destination_amount', 'source_amount and destination_amount are mutually exclusive: set only one of them.');
}

/** An amount is a positive decimal written as a string. */
export function checkAmountShape(amount: string, param: 'source_amount' | 'destination_amount'): void {
  const shape = checkDecimalAmount(amount, Number.MAX_SAFE_INTEGER);
  const code = param === 'source_amount' ? E.invalidSourceAmount : E.invalidDestinationAmount;
  if (!shape.ok) fail(code, param, `Invalid ${param}: ${JSON.stringify(amount)} ${AMOUNT_PROBLEM_TEXT[shape.problem]}.`);
}

/** `source_amount` in whole minor units of its currency. */
export function checkSourceAmountDecimals(amount: string, currency: string): void {
  const decimals = sourceCurrencyDecimals(currency) ?? 2;
  if (!checkDecimalAmount(amount, decimals).ok) {
    fail(E.invalidSourceAmount, 'source_amount', `Invalid source_amount: ${JSON.stringify(amount)} has fractional minor units; ${currency} amounts take at most ${decimals} decimal places.`);
  }
}

/** `destination_amount` within its currency's precision. */
export function checkDestinationAmountDecimals(amount: string, currency: string): void {
  // A currency these rules do not know (open enums): its precision is Stripe's to judge.
  const decimals = destinationCurrencyDecimals(currency);
  if (decimals !== undefined && !checkDecimalAmount(amount, decimals).ok) {
    fail(E.invalidDestinationAmount, 'destination_amount', `Invalid destination_amount: ${JSON.stringify(amount)} has more than the ${decimals} decimal places ${currency} supports.`);
  }
}

/** Whether the lists leave at least one currency available on one of the networks. */
export function checkCurrenciesMeetNetworks(currencies: readonly string[] | undefined, networks: readonly string[] | undefined): void {
  if (currencies && networks && !someCurrencyOnSomeNetwork(currencies, networks)) {
    fail(E.invalidCurrenciesAndNetworks, 'destination_currencies', `None of destination_currencies (${currencies.join(', ')}) is available on any of destination_networks (${networks.join(', ')}).`);
  }
}

function checkDestinationChoice(p: CreateOnrampSessionParams): void {
  const { destination_currency: currency, destination_network: network } = p;
  if ((currency === undefined) !== (network === undefined)) {
    const missing = currency === undefined ? 'destination_currency' : 'destination_network';
    const given = currency === undefined ? 'destination_network' : 'destination_currency';
    fail(E.incompleteDestinationPair, missing, `${missing} is required when ${given} is set: set both or neither.`);
  }
  if (currency !== undefined && network !== undefined && !availableOn(currency, network)) {
    fail(E.invalidDestinationPair, 'destination_currency', `${currency} is not available on the ${network} network.`);
  }
  if (currency !== undefined && p.destination_currencies && !p.destination_currencies.includes(currency)) {
    fail(E.conflictingDestinationCurrency, 'destination_currency', `destination_currency ${currency} must be one of destination_currencies (${p.destination_currencies.join(', ')}).`);
  }
  if (network !== undefined && p.destination_networks && !p.destination_networks.includes(network)) {
    fail(E.conflictingDestinationNetwork, 'destination_network', `destination_network ${network} must be one of destination_networks (${p.destination_networks.join(', ')}).`);
  }
  checkCurrenciesMeetNetworks(p.destination_currencies, p.destination_networks);
}

function checkWalletAddresses(p: CreateOnrampSessionParams): void {
  const addresses = Object.entries(p.wallet_addresses ?? {}).filter(
    (entry): entry is [string, string] => entry[0] !== 'destination_tags' && typeof entry[1] === 'string',
  );
  if (p.wallet_addresses !== undefined) {
    const allowed = p.destination_networks ?? (p.destination_network !== undefined ? [p.destination_network] : undefined);
    if (!allowed) {
      fail(C.missing, 'destination_networks', 'wallet_addresses requires destination_network or destination_networks to be set.');
    }
    for (const [key, address] of addresses) {
      const param = childParam('wallet_addresses', key);
      const network = networkForWalletAddressKey(key) ?? key;
      if (!allowed.includes(network)) {
        fail(E.walletAddressesNotAllNetworksSupported, param, `${param} is for the ${network} network, which is not among the session's destination networks (${allowed.join(', ')}).`);
      }
      if (isKnownDestinationNetwork(network) && !isPlausibleWalletAddress(network, address)) {
        fail(C.string, param, `Invalid ${param}: ${JSON.stringify(address.slice(0, 80))} is not a valid ${network} address.`);
      }
    }
    if (p.wallet_addresses.destination_tags?.stellar !== undefined && !allowed.includes('stellar')) {
      fail(E.walletAddressesNotAllNetworksSupported, 'wallet_addresses[destination_tags][stellar]', 'wallet_addresses[destination_tags][stellar] is for the stellar network, which is not among the session\'s destination networks.');
    }
  }
  if (p.lock_wallet_address === true && addresses.length === 0) {
    fail(E.noWalletAddressToLock, 'lock_wallet_address', 'lock_wallet_address is true but no wallet address was given in wallet_addresses.');
  }
}
