import { RequestRejection } from '@mb/platform';
import { afterIdOf, cursorAfter } from './page-cursor.dto';

describe('page cursors', () => {
  it('round-trips the last id of a page through an opaque, URL-safe cursor', () => {
    const cursor = cursorAfter('inv_01JX6Q8Z3Y2W0V9T7S5R4P3N2M') as string;
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(afterIdOf(cursor, 'inv')).toBe('inv_01JX6Q8Z3Y2W0V9T7S5R4P3N2M');
  });

  it('has no cursor after the last page, and starts at the beginning without one', () => {
    expect(cursorAfter(null)).toBeNull();
    expect(afterIdOf(undefined, 'inv')).toBeNull();
  });

  it.each([
    ['not base64 JSON', 'bm90LWEtY3Vyc29y'],
    ['another kind of id', cursorAfter('con_01JX6Q8Z3Y2W0V9T7S5R4P3N2M') as string],
    ['JSON without an id', Buffer.from('{"after":42}').toString('base64url')],
  ])('refuses a cursor it did not give (%s) as a 400 naming the field', (_case, cursor) => {
    expect.assertions(2);
    try {
      afterIdOf(cursor, 'inv');
    } catch (error) {
      expect(error).toBeInstanceOf(RequestRejection);
      expect(error).toMatchObject({ code: 'request.invalid', errors: [{ field: 'cursor', rule: 'isCursor' }] });
    }
  });
});
