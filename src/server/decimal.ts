/**
 * Comparing decimal amounts exactly. Amounts such as `0.000000000000000001` eth do not survive a
 * trip through a float, so policy limits are compared as scaled integers (the shared helpers).
 */
import { toScaledInteger } from '../shared/decimal-amount.js';

/** The API's decimal notation (no sign, exponent or leading zeros), zero allowed for a limit. */
const DECIMAL = /^(?:0|[1-9]\d*)(?:\.(\d+))?$/;

/** `'100'`, `100`, `'0.5'` → the decimal string; anything else throws (a configuration error). */
export function toDecimalString(value: string | number, what: string): string {
  const text = typeof value === 'number' ? numberToPlainString(value) : value.trim();
  if (!DECIMAL.test(text)) throw new TypeError(`${what}: "${String(value)}" is not a non-negative decimal amount`);
  return text;
}

/** Compares two decimal strings in the API's notation: -1, 0 or 1. */
export function compareDecimals(a: string, b: string): -1 | 0 | 1 {
  const scale = Math.max(DECIMAL.exec(a)?.[1]?.length ?? 0, DECIMAL.exec(b)?.[1]?.length ?? 0);
  const difference = toScaledInteger(a, scale) - toScaledInteger(b, scale);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

function numberToPlainString(value: number): string {
  if (!Number.isFinite(value) || value < 0) return String(value);
  // Avoid exponent notation (1e21, 1e-7), which the API's notation does not allow.
  return value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}
