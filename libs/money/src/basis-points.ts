/**
 * Money is integers of the currency's minor unit (cents, whatever the exponent), percentages are
 * integers of basis points (2500 = 25 %). Arithmetic on cents uses bigint internally so no
 * intermediate product ever loses precision, and there is exactly one rounding rule: half-even.
 */
export const BASIS_POINTS_IN_WHOLE = 10_000;

export function assertCents(amount: number, what = 'amount'): void {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`${what} must be a whole number of minor units (got ${amount})`);
}

export function assertBasisPoints(value: number, what = 'basis points'): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a non-negative integer (got ${value})`);
}

/** numerator / denominator rounded half to even (banker's rounding): the project's one rule. */
export function divideRoundHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  let quotient = magnitude / denominator;
  const twiceRemainder = (magnitude % denominator) * 2n;
  if (twiceRemainder > denominator || (twiceRemainder === denominator && quotient % 2n === 1n)) quotient += 1n;
  return negative ? -quotient : quotient;
}

/** `bps` of `amountCents`, rounded half-even: tax and retainage on one invoice line. */
export function basisPointsOf(amountCents: number, bps: number): number {
  assertCents(amountCents);
  assertBasisPoints(bps);
  return Number(divideRoundHalfEven(BigInt(amountCents) * BigInt(bps), BigInt(BASIS_POINTS_IN_WHOLE)));
}
