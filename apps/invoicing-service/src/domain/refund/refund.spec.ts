import { ClientBalance } from '../client-balance/client-balance';
import { Refund } from './refund';

describe('Refund', () => {
  const now = new Date('2026-08-03T10:00:00Z');
  const credit = () => ClientBalance.restore({ clientId: 'cli_01JTEST0000000000000000001', currency: 'usd', unappliedCents: 27_500 });

  it('pays credit back, dated today in the client zone unless told, and records it with the credit left', () => {
    const balance = credit();
    const refund = Refund.record({ id: 'rfd_1', credit: balance, clientTimeZone: 'Pacific/Auckland', amountCents: 20_000, refundedOn: null, method: 'bank_transfer', externalReference: 'R-1', reason: null, now });
    expect(refund.snapshot()).toMatchObject({ amountCents: 20_000, refundedOn: '2026-08-03', unappliedCentsAfter: 7_500, currency: 'usd' });
    expect(balance.unappliedCents).toBe(7_500);
    expect(refund.pullEvents()).toEqual([{ type: 'recorded' }]);
  });

  it('refuses a date after today in the client zone, and more than the credit', () => {
    const balance = credit();
    expect(() => Refund.record({ id: 'rfd_1', credit: balance, clientTimeZone: 'UTC', amountCents: 1, refundedOn: '2026-08-04', method: 'other', externalReference: null, reason: null, now })).toThrow(
      expect.objectContaining({ code: 'refund.refunded_on_in_future' }),
    );
    expect(() => Refund.record({ id: 'rfd_1', credit: balance, clientTimeZone: 'UTC', amountCents: 27_501, refundedOn: null, method: 'other', externalReference: null, reason: null, now })).toThrow(
      expect.objectContaining({ code: 'refund.exceeds_credit' }),
    );
    expect(balance.unappliedCents).toBe(27_500);
  });
});
