import Decimal from 'decimal.js';

/**
 * Whether x, written as JavaScript writes it (its shortest decimal form), has
 * at most two decimals: then it is already rounded, and x × 100 rounds to an
 * exact integer number of cents. Most amounts and scores are; the fast paths
 * below skip decimal.js for them.
 */
function hasAtMost2Decimals(x: number): boolean {
  if (Number.isInteger(x)) return Math.abs(x) < 1e13;
  const s = String(x);
  if (s.includes('e')) return false;
  return s.length - s.indexOf('.') - 1 <= 2 && Math.abs(x) < 1e13;
}

/**
 * 2t − a, exact in decimal (as decimal.js gives it). When both have at most two decimals the
 * result is a whole number of cents, and cents / 100 is the double nearest to it, as decimal.js's is.
 */
export function twiceMinus(t: number, a: number): number {
  if (hasAtMost2Decimals(t) && hasAtMost2Decimals(a)) {
    const cents = 2 * Math.round(t * 100) - Math.round(a * 100);
    if (Math.abs(cents) < 2 ** 53) return cents / 100;
  }
  return new Decimal(t).times(2).minus(a).toNumber();
}

/** round(x, 2) half-up, as the finance ministry's system does, without binary drift (1.005 → 1.01). */
export function round2(x: number): number {
  if (hasAtMost2Decimals(x)) return x;
  return new Decimal(x).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber();
}

/** Sum of amounts, rounded to 2 decimals after adding. */
export function sum2(xs: number[]): number {
  if (xs.every(hasAtMost2Decimals)) {
    let cents = 0;
    for (const x of xs) cents += Math.round(x * 100);
    return cents / 100;
  }
  let acc = new Decimal(0);
  for (const x of xs) acc = acc.plus(x);
  return acc.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber();
}

/**
 * Rounds a computed double to 2 decimals half-up (away from zero, as decimal.js's
 * ROUND_HALF_UP), falling back to exact decimal arithmetic only when the value
 * lies so close to a half cent that binary error could decide the result.
 */
function round2Computed(v: number, exact: () => number): number {
  if (!Number.isFinite(v)) return exact();
  const a = Math.abs(v) * 100;
  const frac = a - Math.floor(a);
  if (Math.abs(frac - 0.5) < 1e-6 || a > 1e13) return exact();
  const cents = frac > 0.5 ? Math.ceil(a) : Math.floor(a);
  return (v < 0 ? -cents : cents) / 100;
}

/** Two amounts (or scores) agree when equal after each is rounded to 2 decimals. */
export function agree2(a: number, b: number): boolean {
  return round2(a) === round2(b);
}

/** A rate as a fraction, from its percentage rounded to 2 decimals: 18/21 → 0.8571. */
export function rate(num: number, den: number): number {
  if (den === 0) return 0;
  const pct = round2Computed((num / den) * 100, () => new Decimal(num).div(den).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber());
  // pct has at most 2 decimals, so the fraction has at most 4: toFixed(4) gives its exact decimal form.
  return Number((pct / 100).toFixed(4));
}

/** A stored rate (fraction) as its 2-decimal percentage: 0.857142 → 85.71. */
export function percent2(fraction: number): number {
  return round2Computed(fraction * 100, () => new Decimal(fraction).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber());
}

/** Rates agree when they round to the same 2-decimal percentage. */
export function rateAgrees(stored: number, computed: number): boolean {
  return percent2(stored) === percent2(computed);
}

/** a × b rounded to 2 decimals, exact in decimal. */
export function mul2(a: number, b: number): number {
  return round2Computed(a * b, () => exactMul2(a, b));
}

function exactMul2(a: number, b: number): number {
  return new Decimal(a).times(b).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber();
}

/** a / b × c rounded to 2 decimals, exact in decimal. */
export function ratioTimes2(a: number, b: number, c: number): number {
  if (b === 0) return 0;
  return round2Computed((a / b) * c, () => exactRatioTimes2(a, b, c));
}

function exactRatioTimes2(a: number, b: number, c: number): number {
  return new Decimal(a).div(b).times(c).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber();
}

/** Formats an amount with 2 decimals (110.3 → "110.30"). */
export function fmt2(x: number): string {
  return round2(x).toFixed(2);
}

/** Formats a score: integers bare, else up to 2 decimals (96 → "96", 9.5 → "9.5"). */
export function fmtScore(x: number): string {
  return String(round2(x));
}

/** Formats a fraction as a percentage with 2 decimals (1 → "100.00%"). */
export function fmtPercent(fraction: number): string {
  return `${percent2(fraction).toFixed(2)}%`;
}
