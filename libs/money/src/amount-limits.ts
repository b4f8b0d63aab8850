/**
 * The largest amount the system takes or carries: 10^15 minor units (ten trillion dollars).
 * Request DTOs cap every `*_cents` input at it and the event catalogue caps every `*_cents` field
 * (libs/events declares the same number, checked equal by a test: the catalogue depends on
 * nothing). Far below Number.MAX_SAFE_INTEGER (about 9 × 10^15), so a sum of a few capped
 * amounts (an invoice's lines, a contract's milestones) stays an exact integer.
 */
export const MAX_AMOUNT_CENTS = 1_000_000_000_000_000;

/** An amount within the cap: a whole number of minor units from 0 to MAX_AMOUNT_CENTS. */
export function assertAmountWithinLimit(amount: number, what = 'amount'): void {
  if (!Number.isSafeInteger(amount) || amount < 0 || amount > MAX_AMOUNT_CENTS) {
    throw new RangeError(`${what} must be a whole number of minor units from 0 to ${MAX_AMOUNT_CENTS} (got ${amount})`);
  }
}

/**
 * The sum of amounts, asserted exact and within the cap: a computed total that left the safe
 * integers would silently round, and one past the cap could not be carried by any event.
 */
export function sumOfCents(amounts: readonly number[], what = 'total'): number {
  const total = amounts.reduce((sum, amount) => sum + amount, 0);
  assertAmountWithinLimit(total, what);
  return total;
}
