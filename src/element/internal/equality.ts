/**
 * Value equality for the element's array and object properties, so that a framework re-render
 * passing equal new literals (`destinationCurrencies={['eth']}`, `fetchOptions={{ headers }}`)
 * changes nothing. Used as Lit's `hasChanged` and to decide whether an update needs a new session.
 */

type PlainObject = Record<string, unknown>;

const isPlainObject = (value: unknown): value is PlainObject =>
  typeof value === 'object' && value !== null && [Object.prototype, null].includes(Object.getPrototypeOf(value));

/**
 * Plain data (primitives, arrays, plain objects) compares by value, anything else (an AbortSignal,
 * a Headers, a function) by identity. `null` and `undefined` both mean "unset", and so does a key
 * whose value is `undefined`. Nesting deeper than 32 levels (a cycle) counts as different.
 */
export function sameValue(a: unknown, b: unknown, depth = 0): boolean {
  if (Object.is(a, b) || (a == null && b == null)) return true;
  if (depth > 32) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameValue(item, b[i], depth + 1));
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (!sameValue(a[key], b[key], depth + 1)) return false;
  }
  return true;
}

/**
 * `fetchOptions` as they would be sent: `headers` in any form (a plain object, `[name, value]`
 * pairs, a `Headers`) become their normalised entries (lowercase names, sorted, as `Headers`
 * iterates them). Headers the browser refuses stay as given, compared as above.
 */
export function asSent(options: unknown): unknown {
  if (!isPlainObject(options) || options['headers'] == null) return options;
  try {
    return { ...options, headers: [...new Headers(options['headers'] as HeadersInit)] };
  } catch {
    return options;
  }
}

export const sameFetchOptions = (a: unknown, b: unknown): boolean =>
  sameValue(asSent(a), asSent(b));
