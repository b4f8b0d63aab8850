import { newEventId, newId, ulid } from './ulid';

describe('ULID event ids', () => {
  it('carry their kind as a prefix', () => {
    expect(newEventId()).toMatch(/^evt_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(newId('con')).toMatch(/^con_[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('sort in the order they were made, even within one millisecond', () => {
    // given a thousand ids made at the same instant
    const ids = Array.from({ length: 1000 }, () => ulid(1_763_769_600_000));
    // then their text order is their creation order, and none repeats
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('encode the time in the first ten characters', () => {
    const time = 3_000_000_000_000;
    const decoded = [...ulid(time).slice(0, 10)].reduce((value, digit) => value * 32 + '0123456789ABCDEFGHJKMNPQRSTVWXYZ'.indexOf(digit), 0);
    expect(decoded).toBe(time);
  });

  it('never sort backwards when the clock steps back', () => {
    const before = ulid(3_100_000_000_000);
    const after = ulid(1_000_000_000_000);
    expect(after > before).toBe(true);
  });
});
