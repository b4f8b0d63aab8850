// Issue 10 item 6: days sales outstanding (DSO) and the collection effectiveness index (CEI) over a
// period [from, to] of calendar dates, both ends included, for one currency (currencies are never
// mixed: a ratio over dollars and yen together means nothing).
//
// The inputs, all in the currency's minor units (see docs/api/invoicing-service.md "Reports"):
//   AR(d)        receivables at the end of day d: for each invoice issued on or before d, its
//                payable amount less the payments received on or before d and what was credited.
//   beginAr      AR(from − 1 day): what was owed as the period began.
//   endAr        AR(to).
//   endCurrentAr the part of AR(to) not yet past due on `to` (due on `to` or later).
//   creditSales  the payable amounts of invoices issued in the period (every sale here is on credit).
//   days         the period's length in days, to − from + 1.

export interface PeriodReceivables {
  readonly currency: string;
  readonly beginArCents: number;
  readonly endArCents: number;
  readonly endCurrentArCents: number;
  readonly creditSalesCents: number;
  readonly days: number;
}

export interface CollectionRatios extends PeriodReceivables {
  /** DSO = endAr / creditSales × days; null when nothing was sold in the period (undefined ratio). */
  readonly dsoDays: number | null;
  /**
   * CEI = (beginAr + creditSales − endAr) / (beginAr + creditSales − endCurrentAr) × 100: what was
   * collected of what could have been (everything but what is not yet due); null when nothing
   * could have been collected (the denominator is 0).
   */
  readonly ceiPercent: number | null;
}

/** DSO and CEI of a period, rounded to two decimals (ratios, not money: floats are fine here). */
export function collectionRatiosOf(period: PeriodReceivables): CollectionRatios {
  if (!Number.isInteger(period.days) || period.days < 1) throw new RangeError(`a period lasts at least one day (got ${period.days})`);
  const dsoDays = period.creditSalesCents > 0 ? roundTo2((period.endArCents / period.creditSalesCents) * period.days) : null;
  const collectible = period.beginArCents + period.creditSalesCents - period.endCurrentArCents;
  const collected = period.beginArCents + period.creditSalesCents - period.endArCents;
  const ceiPercent = collectible > 0 ? roundTo2((collected / collectible) * 100) : null;
  return { ...period, dsoDays, ceiPercent };
}

function roundTo2(value: number): number {
  return Math.round(value * 100) / 100;
}
