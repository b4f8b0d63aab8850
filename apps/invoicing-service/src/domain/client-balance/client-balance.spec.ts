import { ClientBalance } from './client-balance';

describe('ClientBalance', () => {
  const client = 'cli_01JTEST0000000000000000001';

  it('grows by what payments leave over and gives up no more than it holds', () => {
    const balance = ClientBalance.empty(client, 'usd');
    balance.add(300);
    balance.add(200);
    expect(balance.unappliedCents).toBe(500);
    expect(balance.take(350)).toBe(350);
    expect(balance.take(350)).toBe(150);
    expect(balance.take(1)).toBe(0);
    expect(balance.unappliedCents).toBe(0);
  });

  it('refunds up to its credit and refuses more, changing nothing', () => {
    const balance = ClientBalance.restore({ clientId: client, currency: 'usd', unappliedCents: 500 });
    expect(() => balance.refund(501)).toThrow(expect.objectContaining({ code: 'refund.exceeds_credit', field: 'amount_cents' }));
    expect(() => balance.refund(0)).toThrow(expect.objectContaining({ code: 'refund.amount_not_positive' }));
    expect(balance.unappliedCents).toBe(500);
    balance.refund(500);
    expect(balance.unappliedCents).toBe(0);
  });
});
