import { collectionRatiosOf } from './collection-ratios';

describe('collection ratios (DSO, CEI)', () => {
  it('computes DSO as ending AR over credit sales times the days of the period', () => {
    // given a 90-day quarter with $300,000 sold and $100,000 still owed at its end
    const ratios = collectionRatiosOf({ currency: 'usd', beginArCents: 5_000_000, creditSalesCents: 30_000_000, endArCents: 10_000_000, endCurrentArCents: 6_000_000, days: 90 });
    // then DSO = 100,000 / 300,000 × 90 = 30 days
    expect(ratios.dsoDays).toBe(30);
    // and CEI = (50,000 + 300,000 − 100,000) / (50,000 + 300,000 − 60,000) × 100 = 86.21 %
    expect(ratios.ceiPercent).toBe(86.21);
  });

  it('says 100 % collection effectiveness when everything collectible was collected', () => {
    const ratios = collectionRatiosOf({ currency: 'usd', beginArCents: 0, creditSalesCents: 1_000, endArCents: 400, endCurrentArCents: 400, days: 30 });
    expect(ratios.ceiPercent).toBe(100);
  });

  it('leaves DSO undefined (null) for a period without sales, and CEI when nothing was collectible', () => {
    const ratios = collectionRatiosOf({ currency: 'jpy', beginArCents: 0, creditSalesCents: 0, endArCents: 0, endCurrentArCents: 0, days: 30 });
    expect(ratios).toMatchObject({ dsoDays: null, ceiPercent: null });
  });

  it('refuses a period of no days', () => {
    expect(() => collectionRatiosOf({ currency: 'usd', beginArCents: 0, creditSalesCents: 1, endArCents: 0, endCurrentArCents: 0, days: 0 })).toThrow(RangeError);
  });
});
