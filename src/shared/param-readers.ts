/**
 * Readers that turn one raw parameter into a typed value or stop with Stripe's error for it.
 * They know the two encodings: in `form` every scalar is a string ("true", "10") and lists may
 * arrive as `{ "0": …, "1": … }` (Stripe's `a[0]=x`); in `json` values carry real types.
 * An empty string (form) or `null` (json) means "unset", which Stripe refuses for parameters
 * that cannot be unset (`parameter_invalid_empty`).
 */
import { GENERIC_CODES as C, fail, humanList, type ParamEncoding } from './param-error.js';

/** Stripe's general ceiling for a string parameter. */
export const MAX_STRING_LENGTH = 5000;

/** Keys that would reach `Object.prototype` if copied naively; never accepted anywhere. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export type PlainObject = Record<string, unknown>;

/** An object literal or a null-prototype record (what the form decoder builds); not an array. */
export function isPlainObject(value: unknown): value is PlainObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Whether a raw value is the encoding's way of saying "unset". */
export function isUnsetValue(value: unknown, encoding: ParamEncoding): boolean {
  return value === '' || (encoding === 'json' && value === null);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

export function failEmpty(param: string): never {
  return fail(
    C.empty,
    param,
    `You passed an empty string for '${param}'. We assume empty values are an attempt to unset a parameter; ` +
      `however '${param}' cannot be unset. You should remove '${param}' from your request or supply a non-empty value.`,
  );
}

/** Fails with `parameter_unknown` on the first key not in `known` (forbidden keys included). */
export function rejectUnknownKeys(
  object: PlainObject,
  known: ReadonlySet<string> | readonly string[],
  paramOf: (key: string) => string,
  hint?: (key: string) => string | undefined,
): void {
  // A Set where the known keys depend on the input (open enums): one lookup per key, not a scan.
  const isKnown = isSet(known) ? (key: string) => known.has(key) : (key: string) => known.includes(key);
  for (const key of Object.keys(object)) {
    if (FORBIDDEN_KEYS.has(key) || !isKnown(key)) {
      const extra = hint?.(key);
      fail(C.unknown, paramOf(key), `Received unknown parameter: ${paramOf(key)}${extra ? `. ${extra}` : ''}`);
    }
  }
}

function isSet(known: ReadonlySet<string> | readonly string[]): known is ReadonlySet<string> {
  return !Array.isArray(known);
}

/** `wallet_addresses` + `ethereum` → `wallet_addresses[ethereum]`. */
export function childParam(parent: string, key: string | number): string {
  return parent === '' ? String(key) : `${parent}[${key}]`;
}

export function readString(value: unknown, param: string, encoding: ParamEncoding, maxLength = MAX_STRING_LENGTH): string {
  if (isUnsetValue(value, encoding)) failEmpty(param);
  if (typeof value !== 'string') {
    fail(C.string, param, `Invalid string for ${param}: ${describe(value)}. ${param} must be a string.`);
  }
  if (value.length > maxLength) {
    fail(C.string, param, `Invalid ${param}: must be at most ${maxLength} characters long.`);
  }
  return value;
}

/**
 * What a value Stripe may add later looks like (`usdt`, `base`, `world_chain`): with open enums,
 * such a value passes to Stripe, which decides; anything else is refused here.
 */
export const FUTURE_ENUM_VALUE = /^[a-z][a-z0-9_]{0,31}$/;

export function readEnum<T extends string>(
  value: unknown,
  param: string,
  encoding: ParamEncoding,
  allowed: readonly T[],
  open = false,
): T {
  const text = readString(value, param, encoding);
  const match = allowed.find((candidate) => candidate === text) ?? (open && FUTURE_ENUM_VALUE.test(text) ? (text as T) : undefined);
  if (match === undefined) {
    fail(C.string, param, `Invalid ${param}: must be one of ${humanList(allowed)} (got ${describe(text)}).`);
  }
  return match;
}

export function readBoolean(value: unknown, param: string, encoding: ParamEncoding): boolean {
  if (isUnsetValue(value, encoding)) failEmpty(param);
  if (encoding === 'json' ? typeof value === 'boolean' : value === 'true' || value === 'false') {
    return value === true || value === 'true';
  }
  return fail(C.boolean, param, `Invalid boolean for ${param}: ${describe(value)}. ${param} must be true or false.`);
}

export function readInteger(value: unknown, param: string, encoding: ParamEncoding): number {
  if (isUnsetValue(value, encoding)) failEmpty(param);
  const parsed =
    encoding === 'json'
      ? typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined
      : typeof value === 'string' && /^-?\d{1,16}$/.test(value) && Number.isSafeInteger(Number(value)) ? Number(value) : undefined;
  if (parsed === undefined) {
    fail(C.integer, param, `Invalid integer for ${param}: ${describe(value)}. ${param} must be a whole number.`);
  }
  return parsed;
}

/**
 * A list: a JSON array, or in form encoding what the decoder made of `a[]=x` (an array) or
 * `a[0]=x&a[1]=y` (an object with index keys, taken in index order).
 */
export function readList(value: unknown, param: string, encoding: ParamEncoding): unknown[] {
  if (isUnsetValue(value, encoding)) failEmpty(param);
  let items: unknown[] | undefined;
  if (Array.isArray(value)) items = value;
  else if (encoding === 'form' && isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.every((key) => /^(0|[1-9]\d{0,3})$/.test(key))) {
      items = keys.map(Number).sort((a, b) => a - b).map((index) => value[String(index)]);
    }
  }
  if (!items) fail(C.array, param, `Invalid array for ${param}: ${describe(value)}. ${param} must be a list.`);
  if (items.length === 0) {
    fail(C.empty, param, `Invalid ${param}: the list must not be empty. Remove ${param} or give it at least one value.`);
  }
  return items;
}

/**
 * Distinct values an open-enum list may hold beyond the known ones: room for what Stripe adds
 * between releases of these rules, and no more.
 */
export const OPEN_ENUM_LIST_HEADROOM = 8;

/** The most distinct values a list of `allowed` may hold: what Stripe can offer, nothing longer. */
export function maxEnumListLength(allowed: readonly string[], open: boolean): number {
  return allowed.length + (open ? OPEN_ENUM_LIST_HEADROOM : 0);
}

/**
 * A list of enum values, deduplicated (first occurrence kept), in one pass over the items. A list
 * with more distinct values than `maxEnumListLength` is refused as soon as it grows past it, so
 * every later rule (the currency × network checks) works on a list of bounded length, whatever
 * the body's size.
 */
export function readEnumList<T extends string>(
  value: unknown,
  param: string,
  encoding: ParamEncoding,
  allowed: readonly T[],
  open = false,
): T[] {
  const max = maxEnumListLength(allowed, open);
  const distinct = new Set<T>();
  for (const [index, item] of readList(value, param, encoding).entries()) {
    distinct.add(readEnum(item, childParam(param, index), encoding, allowed, open));
    if (distinct.size > max) {
      fail(C.array, param, `Invalid ${param}: it can list at most ${max} different values.`);
    }
  }
  return [...distinct];
}

export function readObject(value: unknown, param: string): PlainObject {
  if (!isPlainObject(value)) {
    fail(C.object, param, `Invalid object for ${param}: ${describe(value)}. ${param} must be an object of key-value pairs.`);
  }
  return value;
}

/** An endpoint's parameters as `readParams` read them. */
export interface TopLevelParams {
  raw: PlainObject;
  /** Whether the parameter `key` was given: a key whose value is `undefined` was not. */
  present: (key: string) => boolean;
}

/**
 * An endpoint's parameters at the top level, read as every endpoint reads them: none at all is
 * `{}`, anything else must be an object whose every key is one of `known` (the first unknown key
 * fails, named as itself).
 */
export function readParams(input: unknown, known: readonly string[]): TopLevelParams {
  const raw = readObject(input ?? {}, '');
  rejectUnknownKeys(raw, known, (key) => key);
  return { raw, present: (key) => Object.prototype.hasOwnProperty.call(raw, key) && raw[key] !== undefined };
}

/**
 * `expand[]`, which every session endpoint (create, retrieve, list) takes. Nothing on a
 * CryptoOnrampSession is expandable, so any path is refused the way Stripe refuses one.
 */
export function readExpand(value: unknown, param: string, encoding: ParamEncoding): string[] {
  const paths = readList(value, param, encoding).map((item, index) => readString(item, childParam(param, index), encoding, 200));
  for (const [index, path] of paths.entries()) {
    fail(C.string, childParam(param, index), `This property cannot be expanded (${path}).`);
  }
  return paths;
}
