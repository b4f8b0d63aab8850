import { RequestRejection } from '@mb/platform';
import { contractPositionOf, cursorOf, invoiceListPositionOf } from './page-cursor.dto';

describe('page cursors', () => {
  it("round-trips the last invoice's position through an opaque, URL-safe cursor", () => {
    const cursor = cursorOf({ contractId: 'con_01JX6Q8Z3Y2W0V9T7S5R4P3N2M', milestoneIndex: 3, invoiceId: 'inv_01JX6Q8Z3Y2W0V9T7S5R4P3N2M' }) as string;
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(invoiceListPositionOf(cursor)).toEqual({ contractId: 'con_01JX6Q8Z3Y2W0V9T7S5R4P3N2M', milestoneIndex: 3, invoiceId: 'inv_01JX6Q8Z3Y2W0V9T7S5R4P3N2M' });
    expect(contractPositionOf(cursorOf({ contractId: 'con_01JX6Q8Z3Y2W0V9T7S5R4P3N2M' }) as string)).toBe('con_01JX6Q8Z3Y2W0V9T7S5R4P3N2M');
  });

  it('has no cursor after the last page, and starts at the beginning without one', () => {
    expect(cursorOf(null)).toBeNull();
    expect(invoiceListPositionOf(undefined)).toBeNull();
    expect(contractPositionOf(undefined)).toBeNull();
  });

  it.each([
    ['not base64 JSON', 'bm90LWEtY3Vyc29y'],
    ['another kind of id', cursorOf({ contractId: 'inv_01JX6Q8Z3Y2W0V9T7S5R4P3N2M', milestoneIndex: 1, invoiceId: 'inv_01JX6Q8Z3Y2W0V9T7S5R4P3N2M' }) as string],
    ['no milestone index', cursorOf({ contractId: 'con_01JX6Q8Z3Y2W0V9T7S5R4P3N2M' }) as string],
    ['a milestone index of 0', cursorOf({ contractId: 'con_01JX6Q8Z3Y2W0V9T7S5R4P3N2M', milestoneIndex: 0, invoiceId: 'inv_01JX6Q8Z3Y2W0V9T7S5R4P3N2M' }) as string],
    ['JSON that is no object', Buffer.from('42').toString('base64url')],
  ])('refuses a cursor it did not give (%s) as a 400 naming the field', (_case, cursor) => {
    expect.assertions(2);
    try {
      invoiceListPositionOf(cursor);
    } catch (error) {
      expect(error).toBeInstanceOf(RequestRejection);
      expect(error).toMatchObject({ code: 'request.invalid', errors: [{ field: 'cursor', rule: 'isCursor' }] });
    }
  });
});
