import { DomainRejection } from '@mb/kernel';
import { anOpenCase, anOverdueInvoice, AT } from './case.fixtures';

const now = AT;
const later = new Date('2026-09-01T09:00:00Z');
const handOff = { agency: 'Northwind Recoveries', reason: 'No answer after the final demand', by: 'usr_finance' };

describe('A collections case handed to an agency', () => {
  it('stops being open, keeps its balance per currency, and records the hand-off with what the agency is to collect', () => {
    // given a case owed 750,000 USD and 200,000 EUR
    const collectionsCase = anOpenCase();
    collectionsCase.addOverdueInvoice(anOverdueInvoice({ invoiceId: 'inv_2', currency: 'eur', amountDueCents: 200_000 }));
    collectionsCase.pullEvents();
    // when finance hands it off
    collectionsCase.handOff(now, handOff);
    // then it is handed off, not open, and the balances are never added across currencies
    expect(collectionsCase.isOpen).toBe(false);
    expect(collectionsCase.isHandedOff).toBe(true);
    expect(collectionsCase.balances()).toEqual({ eur: 200_000, usd: 750_000 });
    expect(collectionsCase.snapshot()).toMatchObject({ status: 'handed_off', handOff: { ...handOff, at: now } });
    expect(collectionsCase.pullEvents()).toEqual([{ type: 'handed_off', at: now, handOff: { ...handOff, at: now }, balances: { eur: 200_000, usd: 750_000 } }]);
  });

  it('refuses a second hand-off, and a blank agency or reason', () => {
    const handedOff = anOpenCase();
    handedOff.handOff(now, handOff);
    expect(() => handedOff.handOff(now, handOff)).toThrow(DomainRejection);
    expect(() => anOpenCase().handOff(now, { ...handOff, agency: ' ' })).toThrow('agency must not be blank');
    expect(() => anOpenCase().handOff(now, { ...handOff, reason: '' })).toThrow('reason must not be blank');
  });

  it('takes no second overdue invoice: a new one opens a new case', () => {
    const collectionsCase = anOpenCase();
    collectionsCase.handOff(now, handOff);
    expect(() => collectionsCase.addOverdueInvoice(anOverdueInvoice({ invoiceId: 'inv_2' }))).toThrow(DomainRejection);
  });

  it('closes as recovered by the agency when payments settle it in full', () => {
    // given a handed-off case
    const collectionsCase = anOpenCase();
    collectionsCase.handOff(now, handOff);
    collectionsCase.pullEvents();
    // when the agency's recoveries, recorded as payments, pay it all
    collectionsCase.applyPayment('inv_1', 500_000, later);
    collectionsCase.applyPayment('inv_1', 250_000, later);
    // then it closes as recovered by the agency
    expect(collectionsCase.snapshot()).toMatchObject({ status: 'closed', closedAt: later });
    expect(collectionsCase.pullEvents()).toEqual([{ type: 'closed', at: later, resolution: 'recovered_by_agency' }]);
  });
});

describe('Writing a collections case off', () => {
  it('gives up each remaining balance, one invoice at a time, and closes as written off by whom and why', () => {
    // given a handed-off case whose invoice the agency recovered in part, and a second invoice untouched
    const collectionsCase = anOpenCase();
    collectionsCase.addOverdueInvoice(anOverdueInvoice({ invoiceId: 'inv_2', currency: 'eur', amountDueCents: 200_000 }));
    collectionsCase.handOff(now, handOff);
    collectionsCase.applyPayment('inv_1', 500_000, now);
    collectionsCase.pullEvents();
    // when finance writes the rest off
    collectionsCase.writeOff(later, 'usr_controller', 'Agency returned the file as unrecoverable');
    // then each invoice with a balance is written off and the case closes as written off
    const closure = { by: 'usr_controller', reason: 'Agency returned the file as unrecoverable' };
    const events = collectionsCase.pullEvents();
    expect(events).toEqual([
      { type: 'written_off', at: later, invoice: expect.objectContaining({ invoiceId: 'inv_1', balanceCents: 250_000 }), amountCents: 250_000, closure },
      { type: 'written_off', at: later, invoice: expect.objectContaining({ invoiceId: 'inv_2', balanceCents: 200_000 }), amountCents: 200_000, closure },
      { type: 'closed', at: later, resolution: 'written_off', closure },
    ]);
    expect(collectionsCase.balances()).toEqual({});
    expect(collectionsCase.snapshot()).toMatchObject({ status: 'closed', closure, invoices: [{ balanceCents: 0, writtenOffCents: 250_000 }, { balanceCents: 0, writtenOffCents: 200_000 }] });
  });

  it('closes an open case as partly written off when one of its invoices was paid', () => {
    // given an open case with one invoice paid and another owed
    const collectionsCase = anOpenCase();
    collectionsCase.addOverdueInvoice(anOverdueInvoice({ invoiceId: 'inv_2' }));
    collectionsCase.settleInvoice('inv_1', now);
    // when it is written off
    collectionsCase.writeOff(later, 'usr_controller', 'Client insolvent');
    // then only the owed invoice is written off, and the case is partly written off
    const events = collectionsCase.pullEvents();
    expect(events.filter((event) => event.type === 'written_off')).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: 'closed', resolution: 'partly_written_off' });
  });

  it('refuses to write off a closed case, or without a reason', () => {
    const closed = anOpenCase();
    closed.settleInvoice('inv_1', now);
    expect(() => closed.writeOff(later, 'usr_controller', 'Too late')).toThrow(DomainRejection);
    expect(() => anOpenCase().writeOff(later, 'usr_controller', '  ')).toThrow('reason must not be blank');
  });
});
