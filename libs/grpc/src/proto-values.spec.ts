import { domainEnumValue, instantOf, protoEnumValue, timestampOf } from './proto-values';

describe('proto values', () => {
  it.each([
    ['MILESTONE_STATUS', 'in_progress', 'MILESTONE_STATUS_IN_PROGRESS'],
    ['BILLING_TRIGGER', 'on_signing', 'BILLING_TRIGGER_ON_SIGNING'],
    ['CONTRACT_STATUS', 'draft', 'CONTRACT_STATUS_DRAFT'],
  ])('names %s value %s as %s, and reads it back', (prefix, value, name) => {
    expect(protoEnumValue(prefix, value)).toBe(name);
    expect(domainEnumValue(prefix, name)).toBe(value);
  });

  it.each([
    ['the UNSPECIFIED value', 'BILLING_TRIGGER_UNSPECIFIED'],
    ['a value of another enum', 'CONTRACT_STATUS_DRAFT'],
    ['a number the proto does not know', 7],
    ['nothing', undefined],
  ])('reads %s as no value, for the validator to refuse', (_case, value) => {
    expect(domainEnumValue('BILLING_TRIGGER', value)).toBeUndefined();
  });

  it('writes an instant as seconds and nanos, to the millisecond, and reads it back', () => {
    // given an instant with milliseconds
    const instant = new Date('2026-05-28T09:10:20.123Z');
    // when it is written, then it is whole seconds since the epoch and the rest in nanoseconds
    expect(timestampOf(instant)).toEqual({ seconds: 1_779_959_420, nanos: 123_000_000 });
    expect(timestampOf('2026-05-28T09:10:20.123Z')).toEqual(timestampOf(instant));
    // and it reads back as the same instant
    expect(instantOf(timestampOf(instant))).toEqual(instant);
  });

  it('writes an instant before 1970 with non-negative nanos, as the Timestamp definition requires', () => {
    expect(timestampOf(new Date('1969-12-31T23:59:59.500Z'))).toEqual({ seconds: -1, nanos: 500_000_000 });
  });

  it('leaves an absent instant unset', () => {
    expect(timestampOf(null)).toBeUndefined();
    expect(timestampOf(undefined)).toBeUndefined();
    expect(instantOf(null)).toBeNull();
  });
});
