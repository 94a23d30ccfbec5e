/**
 * Decimal amounts as the API writes them: strings such as "100.00" or "0.0123", never floats,
 * so that 18-decimal crypto amounts survive intact.
 */
import { trimTrailing } from './trim-trailing.js';

/** Plain decimal notation: no sign, no exponent, no leading zeros, no bare ".5" or "5.". */
const DECIMAL_AMOUNT = /^(0|[1-9]\d*)(?:\.(\d+))?$/;

/** Longer than any real amount; stops absurd input before it reaches arithmetic. */
const MAX_INTEGER_DIGITS = 20;

export type DecimalAmountProblem = 'not_a_decimal' | 'not_positive' | 'too_many_decimals' | 'too_large';

export type DecimalAmountCheck = { ok: true } | { ok: false; problem: DecimalAmountProblem };

/**
 * Decimal places that carry value: trailing zeros do not count, so "100.000" has 0 and is a
 * whole number of cents ("fractional minor units" are about value, not notation).
 */
export function significantDecimals(amount: string): number {
  const match = DECIMAL_AMOUNT.exec(amount);
  if (!match) return Number.NaN;
  return trimTrailing(match[2] ?? '', '0').length;
}

/** Whether `amount` is a positive decimal with at most `maxDecimals` significant decimals. */
export function checkDecimalAmount(amount: string, maxDecimals: number): DecimalAmountCheck {
  const match = DECIMAL_AMOUNT.exec(amount);
  if (!match) return { ok: false, problem: 'not_a_decimal' };
  const integer = match[1] ?? '';
  const fraction = match[2] ?? '';
  if (integer.length > MAX_INTEGER_DIGITS) return { ok: false, problem: 'too_large' };
  if (!/[1-9]/.test(integer + fraction)) return { ok: false, problem: 'not_positive' };
  if (significantDecimals(amount) > maxDecimals) return { ok: false, problem: 'too_many_decimals' };
  return { ok: true };
}

/** Plain decimal notation, zero allowed, of a sane length: an amount a price list can hold. */
export function isPlainDecimal(amount: string): boolean {
  const match = DECIMAL_AMOUNT.exec(amount);
  return match !== null && (match[1]?.length ?? 0) <= MAX_INTEGER_DIGITS;
}

export function isPositiveDecimalAmount(amount: string, maxDecimals: number): boolean {
  return checkDecimalAmount(amount, maxDecimals).ok;
}

/** A decimal as an integer count of 10^-scale units: "1.5" at scale 2 is 150n. Exact; truncates extra digits. */
export function toScaledInteger(amount: string, scale: number): bigint {
  const match = DECIMAL_AMOUNT.exec(amount);
  if (!match) throw new RangeError(`Not a decimal amount: ${amount}`);
  const fraction = (match[2] ?? '').slice(0, scale).padEnd(scale, '0');
  return BigInt((match[1] ?? '0') + fraction);
}

/** The inverse of `toScaledInteger`, with trailing zeros kept down to `minDecimals`. */
export function fromScaledInteger(value: bigint, scale: number, minDecimals = 0): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const integer = digits.slice(0, digits.length - scale);
  let fraction = digits.slice(digits.length - scale);
  while (fraction.length > minDecimals && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  return `${negative ? '-' : ''}${integer}${fraction ? `.${fraction}` : ''}`;
}
