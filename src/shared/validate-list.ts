/** The rules of `GET /v1/crypto/onramp_sessions`: Stripe's list parameters plus the three filters. */
import { DESTINATION_CURRENCIES, DESTINATION_NETWORKS, SESSION_STATUSES } from './enums.js';
import type { CreatedFilter, ListOnrampSessionsParams } from './session.js';
import { GENERIC_CODES as C, fail, runValidation, type ParamEncoding, type Validation } from './param-error.js';
import {
  childParam,
  isPlainObject,
  readEnum,
  readInteger,
  readParams,
  readString,
  readExpand,
  rejectUnknownKeys,
  type PlainObject,
} from './param-readers.js';

export const LIST_PARAMS = [
  'created',
  'destination_currency',
  'destination_network',
  'ending_before',
  'expand',
  'limit',
  'starting_after',
  'status',
] as const;

export const LIST_LIMIT = { min: 1, max: 100, default: 10 } as const;

const CREATED_RANGE_KEYS = ['gt', 'gte', 'lt', 'lte'] as const;

export function validateListParams(input: unknown, encoding: ParamEncoding): Validation<ListOnrampSessionsParams> {
  return runValidation(() => readListParams(input, encoding));
}

function readListParams(input: unknown, encoding: ParamEncoding): ListOnrampSessionsParams {
  const { raw, present } = readParams(input, LIST_PARAMS);
  const params: ListOnrampSessionsParams = {};

  if (present('created')) params.created = readCreated(raw.created, encoding);
  if (present('destination_currency')) {
    params.destination_currency = readEnum(raw.destination_currency, 'destination_currency', encoding, DESTINATION_CURRENCIES);
  }
  if (present('destination_network')) {
    params.destination_network = readEnum(raw.destination_network, 'destination_network', encoding, DESTINATION_NETWORKS);
  }
  if (present('ending_before')) params.ending_before = readString(raw.ending_before, 'ending_before', encoding, 255);
  if (present('expand')) readExpand(raw.expand, 'expand', encoding);
  if (present('limit')) {
    const limit = readInteger(raw.limit, 'limit', encoding);
    if (limit < LIST_LIMIT.min || limit > LIST_LIMIT.max) {
      fail(C.integer, 'limit', `Invalid limit: must be between ${LIST_LIMIT.min} and ${LIST_LIMIT.max} (got ${limit}).`);
    }
    params.limit = limit;
  }
  if (present('starting_after')) params.starting_after = readString(raw.starting_after, 'starting_after', encoding, 255);
  if (present('status')) params.status = readEnum(raw.status, 'status', encoding, SESSION_STATUSES);

  if (params.starting_after !== undefined && params.ending_before !== undefined) {
    fail(C.exclusive, 'ending_before', 'You may only specify one of these parameters: ending_before, starting_after.');
  }
  return params;
}

/** `created` is a Unix time, or a range `{ gt?, gte?, lt?, lte? }` of Unix times. */
function readCreated(value: unknown, encoding: ParamEncoding): CreatedFilter {
  if (!isPlainObject(value)) return readInteger(value, 'created', encoding);
  const range: PlainObject = value;
  rejectUnknownKeys(range, CREATED_RANGE_KEYS, (key) => childParam('created', key));
  const filter: Exclude<CreatedFilter, number> = {};
  for (const key of CREATED_RANGE_KEYS) {
    if (range[key] !== undefined) filter[key] = readInteger(range[key], childParam('created', key), encoding);
  }
  if (Object.keys(filter).length === 0) {
    fail(C.empty, 'created', 'Invalid created: give a Unix time or at least one of created[gt], created[gte], created[lt], created[lte].');
  }
  return filter;
}
