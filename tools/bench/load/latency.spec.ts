import { percentile } from './latency';

describe('percentile', () => {
  it('takes the nearest rank: of 1…100 ms, p50 is 50 and p99 is 99', () => {
    const values = Array.from({ length: 100 }, (_, index) => 100 - index);
    expect([percentile(values, 50), percentile(values, 99), percentile(values, 100)]).toEqual([50, 99, 100]);
  });

  it('is the only value of one, and NaN of none', () => {
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
});
