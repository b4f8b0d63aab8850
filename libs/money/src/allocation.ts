import { assertBasisPoints, assertCents, BASIS_POINTS_IN_WHOLE } from './basis-points';

/**
 * Splits a total by weights with the largest-remainder method: every part gets the floor of its
 * exact share, then the cents left over go one each to the parts with the largest remainders
 * (ties to the earlier part). The parts always add up to the total exactly.
 */
export function allocateByWeights(totalCents: number, weights: readonly number[]): number[] {
  assertCents(totalCents, 'total');
  if (totalCents < 0) throw new RangeError('total must not be negative');
  if (weights.length === 0) throw new RangeError('at least one weight is needed');
  weights.forEach((weight) => assertBasisPoints(weight, 'weight'));
  const weightSum = weights.reduce((sum, weight) => sum + BigInt(weight), 0n);
  if (weightSum === 0n) throw new RangeError('weights must not all be zero');

  const total = BigInt(totalCents);
  const shares = weights.map((weight, index) => {
    const exact = total * BigInt(weight);
    return { index, floor: exact / weightSum, remainder: exact % weightSum };
  });
  let leftover = total - shares.reduce((sum, share) => sum + share.floor, 0n);
  const byRemainder = [...shares].sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  const parts = shares.map((share) => share.floor);
  for (const share of byRemainder) {
    if (leftover === 0n) break;
    parts[share.index] += 1n;
    leftover -= 1n;
  }
  return parts.map(Number);
}

/** Splits a total by percentages in basis points, which must add up to 100 % (10,000). */
export function allocateByBasisPoints(totalCents: number, basisPoints: readonly number[]): number[] {
  const sum = basisPoints.reduce((total, bps) => total + bps, 0);
  if (sum !== BASIS_POINTS_IN_WHOLE) throw new RangeError(`percentages must add up to 10000 basis points (got ${sum})`);
  return allocateByWeights(totalCents, basisPoints);
}

/**
 * Splits a total into `count` parts as equal as the minor unit allows (largest remainder): parts
 * differ by at most one minor unit, the larger ones first, and add up to the total exactly. For a
 * payment plan's instalments, the currency's exponent does not matter: the split is in minor units.
 */
export function allocateEvenly(totalCents: number, count: number): number[] {
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`count must be a positive integer (got ${count})`);
  return allocateByWeights(totalCents, new Array<number>(count).fill(1));
}
