import { ublAmount, ublPercent } from './ubl.renderer';

describe('UBL amounts and percentages', () => {
  it.each([
    [123_456, 'usd', '1234.56'],
    [5, 'usd', '0.05'],
    [0, 'eur', '0.00'],
    [-1_050, 'usd', '-10.50'],
    [150_000, 'jpy', '150000'],
    [42, 'krw', '42'],
  ])('writes %p minor units of %s as %s in major units with the currency decimals', (cents, currency, expected) => {
    expect(ublAmount(cents, currency)).toBe(expected);
  });

  it('refuses a three-decimal currency, which EN 16931 (BR-DEC) cannot carry without rounding', () => {
    expect(() => ublAmount(1_000, 'kwd')).toThrow(/at most two decimals/);
  });

  it.each([
    [825, '8.25'],
    [2000, '20'],
    [1950, '19.5'],
    [0, '0'],
    [5, '0.05'],
  ])('writes %p basis points as the VAT percentage %s', (basisPoints, expected) => {
    expect(ublPercent(basisPoints)).toBe(expected);
  });
});
