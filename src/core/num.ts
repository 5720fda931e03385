import Decimal from 'decimal.js';

/** round(x, 2) half-up, as the finance ministry's system does, without binary drift (1.005 → 1.01). */
export function round2(x: number): number {
  return new Decimal(x).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber();
}

/** Sum of amounts, rounded to 2 decimals after adding. */
export function sum2(xs: number[]): number {
  let acc = new Decimal(0);
  for (const x of xs) acc = acc.plus(x);
  return acc.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber();
}

/** Two amounts (or scores) agree when equal after each is rounded to 2 decimals. */
export function agree2(a: number, b: number): boolean {
  return round2(a) === round2(b);
}

/** A rate as a fraction, from its percentage rounded to 2 decimals: 18/21 → 0.8571. */
export function rate(num: number, den: number): number {
  if (den === 0) return 0;
  const pct = new Decimal(num).div(den).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return pct.div(100).toNumber();
}

/** A stored rate (fraction) as its 2-decimal percentage: 0.857142 → 85.71. */
export function percent2(fraction: number): number {
  return new Decimal(fraction).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber();
}

/** Rates agree when they round to the same 2-decimal percentage. */
export function rateAgrees(stored: number, computed: number): boolean {
  return percent2(stored) === percent2(computed);
}

/** a × b rounded to 2 decimals, exact in decimal. */
export function mul2(a: number, b: number): number {
  return new Decimal(a).times(b).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber();
}

/** a / b × c rounded to 2 decimals, exact in decimal. */
export function ratioTimes2(a: number, b: number, c: number): number {
  if (b === 0) return 0;
  return new Decimal(a).div(b).times(c).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber();
}

/** Formats an amount with 2 decimals (110.3 → "110.30"). */
export function fmt2(x: number): string {
  return new Decimal(x).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

/** Formats a score: integers bare, else up to 2 decimals (96 → "96", 9.5 → "9.5"). */
export function fmtScore(x: number): string {
  return String(round2(x));
}

/** Formats a fraction as a percentage with 2 decimals (1 → "100.00%"). */
export function fmtPercent(fraction: number): string {
  return `${new Decimal(fraction).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)}%`;
}
