/**
 * The rules of the quotes endpoint (`GET /v1/crypto/onramp/quotes`), used by the emulator on
 * Stripe's query string and by the server kit on the browser's. Amount and list rules are the
 * create endpoint's own (imported, not restated). Lists come out deduplicated and sorted: the
 * order or repetition of a list's values never changes the answer (or a cache key).
 */
import { DESTINATION_CURRENCIES, DESTINATION_NETWORKS } from './enums.js';
import { GENERIC_CODES as C, fail, runValidation, type ParamEncoding, type Validation, type ValidateOptions } from './param-error.js';
import { readEnum, readEnumList, readParams, readString, type PlainObject } from './param-readers.js';
import { ONRAMP_ERROR_CODES as E } from './onramp-error-codes.js';
import {
  availableOn,
  checkAmountShape,
  checkCurrenciesMeetNetworks,
  checkDestinationAmountDecimals,
  checkSourceAmountDecimals,
  failAmountPair,
} from './validate-create.js';
import type { OnrampQuotesParams } from './quotes.js';

export const QUOTES_PARAMS = [
  'destination_amount',
  'destination_currencies',
  'destination_networks',
  'source_amount',
  'source_currency',
] as const;

/** The fiat currencies the quotes endpoint prices in. */
export const QUOTE_SOURCE_CURRENCIES = ['eur', 'usd'] as const;
export const QUOTE_DEFAULTS = { source_currency: 'usd', source_amount: '100.00' } as const;

export function validateQuotesParams(
  input: unknown,
  encoding: ParamEncoding,
  options: ValidateOptions = {},
): Validation<OnrampQuotesParams> {
  return runValidation(() => readQuotesParams(input, encoding, options.openEnums === true));
}

function readQuotesParams(input: unknown, encoding: ParamEncoding, open: boolean): OnrampQuotesParams {
  const { raw, present } = readParams(input, QUOTES_PARAMS);
  const params: OnrampQuotesParams = {};

  if (present('source_currency')) params.source_currency = readEnum(raw.source_currency, 'source_currency', encoding, QUOTE_SOURCE_CURRENCIES, open);
  if (present('source_amount')) params.source_amount = readString(raw.source_amount, 'source_amount', encoding, 64);
  if (present('destination_amount')) params.destination_amount = readString(raw.destination_amount, 'destination_amount', encoding, 64);
  if (present('destination_currencies')) {
    params.destination_currencies = readSet(raw, 'destination_currencies', encoding, DESTINATION_CURRENCIES, open);
  }
  if (present('destination_networks')) {
    params.destination_networks = readSet(raw, 'destination_networks', encoding, DESTINATION_NETWORKS, open);
  }

  if (params.source_amount !== undefined && params.destination_amount !== undefined) failAmountPair();
  if (params.source_amount !== undefined) {
    checkAmountShape(params.source_amount, 'source_amount');
    checkSourceAmountDecimals(params.source_amount, params.source_currency ?? QUOTE_DEFAULTS.source_currency);
  }
  if (params.destination_amount !== undefined) checkDestinationAmount(params.destination_amount, params);
  checkCurrenciesMeetNetworks(params.destination_currencies, params.destination_networks);
  return params;
}

/**
 * A list as a set: deduplicated and sorted, capped as every enum list is (`readEnumList`: what
 * Stripe can offer, plus headroom under open enums), so a cached answer has one key per query.
 */
function readSet<T extends string>(raw: PlainObject, param: string, encoding: ParamEncoding, allowed: readonly T[], open: boolean): T[] {
  return readEnumList(raw[param], param, encoding, allowed, open).sort();
}

/** A fixed crypto amount prices one currency on one network: each list holds exactly that one. */
function checkDestinationAmount(amount: string, params: OnrampQuotesParams): void {
  checkAmountShape(amount, 'destination_amount');
  const single = (param: 'destination_currencies' | 'destination_networks', what: string): string => {
    const list = params[param];
    if (list === undefined) fail(C.missing, param, `${param} is required when destination_amount is set: give the one ${what} to price.`);
    if (list.length !== 1) {
      fail(C.array, param, `Invalid ${param}: with destination_amount it must hold exactly one ${what} (got ${list.length}).`);
    }
    return list[0] ?? '';
  };
  const currency = single('destination_currencies', 'currency');
  const network = single('destination_networks', 'network');
  checkDestinationAmountDecimals(amount, currency);
  if (!availableOn(currency, network)) {
    fail(E.invalidDestinationPair, 'destination_currencies', `${currency} is not available on the ${network} network.`);
  }
}
