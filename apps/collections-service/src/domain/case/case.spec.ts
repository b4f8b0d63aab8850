import fc from 'fast-check';
import { DomainRejection } from '@mb/kernel';
import { DEFAULT_DUNNING_LADDER } from '../dunning/dunning-ladder';
import { CollectionsCase } from './case';
import { anOpenCase, anOverdueInvoice, AT } from './case.fixtures';

const now = AT;

describe('A collections case', () => {
  it('opens on the friendly reminder for the invoice that went overdue, announcing it', () => {
    // given an overdue invoice
    const invoice = anOverdueInvoice();
    // when a case opens for it
    const opened = CollectionsCase.open({ id: 'case_1', clientId: 'cli_1', invoice, ladder: DEFAULT_DUNNING_LADDER, now });
    // then it is open on the first step and records its opening once
    expect(opened.snapshot()).toMatchObject({ status: 'open', stage: 'friendly_reminder', stageEnteredAt: now, invoices: [{ invoiceId: 'inv_1', balanceCents: 750_000, disputed: false }] });
    expect(opened.pullEvents()).toEqual([{ type: 'opened', at: now, stage: 'friendly_reminder', invoice }]);
    expect(opened.pullEvents()).toEqual([]);
  });

  it('takes in another overdue invoice of the client once, announcing that it joined (its letter)', () => {
    // given an open case
    const collectionsCase = anOpenCase();
    // when a second invoice goes overdue, twice
    const first = collectionsCase.addOverdueInvoice(anOverdueInvoice({ invoiceId: 'inv_2', invoiceNumber: 'INV-2026-000002' }));
    const again = collectionsCase.addOverdueInvoice(anOverdueInvoice({ invoiceId: 'inv_2', invoiceNumber: 'INV-2026-000002' }));
    // then it joins once and that is announced once
    expect([first, again]).toEqual(['added', 'already_in_case']);
    expect(collectionsCase.snapshot().invoices).toHaveLength(2);
    expect(collectionsCase.pullEvents().map((event) => event.type)).toEqual(['invoice_joined']);
  });

  it('stays open while one of its invoices still has a balance', () => {
    // given a case with two invoices
    const collectionsCase = anOpenCase();
    collectionsCase.addOverdueInvoice(anOverdueInvoice({ invoiceId: 'inv_2' }));
    collectionsCase.pullEvents();
    // when only the first is paid
    collectionsCase.settleInvoice('inv_1', now);
    // then the case is still open
    expect(collectionsCase.isOpen).toBe(true);
    expect(collectionsCase.pullEvents()).toEqual([]);
  });

  it('closes as paid when the last balance is settled, announcing it once', () => {
    // given a case with two invoices
    const collectionsCase = anOpenCase();
    collectionsCase.addOverdueInvoice(anOverdueInvoice({ invoiceId: 'inv_2' }));
    collectionsCase.pullEvents();
    // when both are paid, the second one twice
    collectionsCase.settleInvoice('inv_1', now);
    collectionsCase.settleInvoice('inv_2', now);
    collectionsCase.settleInvoice('inv_2', now);
    // then the case is closed and its closing recorded once
    expect(collectionsCase.snapshot()).toMatchObject({ status: 'closed', closedAt: now });
    expect(collectionsCase.pullEvents()).toEqual([{ type: 'closed', at: now, resolution: 'paid' }]);
  });

  it('closes once partial payments add up to the balance', () => {
    // given a case for 750,000 cents
    const collectionsCase = anOpenCase();
    // when 500,000 then 250,000 arrive
    collectionsCase.applyPayment('inv_1', 500_000, now);
    const afterFirst = collectionsCase.isOpen;
    collectionsCase.applyPayment('inv_1', 250_000, now);
    // then it closes only after the second
    expect(afterFirst).toBe(true);
    expect(collectionsCase.isOpen).toBe(false);
  });

  it('ignores payments to invoices it does not hold', () => {
    // given an open case, when another invoice is paid, then nothing changes
    const collectionsCase = anOpenCase();
    collectionsCase.settleInvoice('inv_other', now);
    expect(collectionsCase.isOpen).toBe(true);
    expect(collectionsCase.pullEvents()).toEqual([]);
  });

  it('refuses to take in an invoice once closed', () => {
    // given a closed case
    const collectionsCase = anOpenCase();
    collectionsCase.settleInvoice('inv_1', now);
    // when another invoice is added, then the transition is refused
    expect(() => collectionsCase.addOverdueInvoice(anOverdueInvoice({ invoiceId: 'inv_2' }))).toThrow(DomainRejection);
  });

  it('refuses an overdue invoice without a balance', () => {
    expect(() => anOpenCase(anOverdueInvoice({ amountDueCents: 0 }))).toThrow(RangeError);
  });

  it('closes as written off when its only invoice is written off, keeping what was given up', () => {
    // given a case whose invoice had 2,000.00 paid on it
    const collectionsCase = anOpenCase();
    collectionsCase.applyPayment('inv_1', 200_000, now);
    // when invoicing writes the rest off
    collectionsCase.writeOffInvoice('inv_1', now);
    // then nothing is chased any more and the case closes as written off
    expect(collectionsCase.snapshot()).toMatchObject({ status: 'closed', invoices: [{ invoiceId: 'inv_1', balanceCents: 0, writtenOffCents: 550_000 }] });
    expect(collectionsCase.pullEvents()).toEqual([{ type: 'closed', at: now, resolution: 'written_off' }]);
  });

  it('closes as partly written off when one invoice was paid and another written off', () => {
    const collectionsCase = anOpenCase();
    collectionsCase.addOverdueInvoice(anOverdueInvoice({ invoiceId: 'inv_2' }));
    collectionsCase.pullEvents();
    collectionsCase.writeOffInvoice('inv_2', now);
    expect(collectionsCase.isOpen).toBe(true);
    collectionsCase.settleInvoice('inv_1', now);
    expect(collectionsCase.pullEvents()).toEqual([{ type: 'closed', at: now, resolution: 'partly_written_off' }]);
  });

  it('ignores a write-off of an invoice it does not hold, or one already settled', () => {
    const collectionsCase = anOpenCase();
    collectionsCase.addOverdueInvoice(anOverdueInvoice({ invoiceId: 'inv_2' }));
    collectionsCase.pullEvents();
    collectionsCase.settleInvoice('inv_2', now);
    collectionsCase.writeOffInvoice('inv_2', now);
    collectionsCase.writeOffInvoice('inv_9', now);
    expect(collectionsCase.snapshot().invoices.map((invoice) => invoice.writtenOffCents)).toEqual([0, 0]);
    expect(collectionsCase.isOpen).toBe(true);
  });

  it('closes exactly when the payments reach the balance, for any split of payments', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.array(fc.integer({ min: 1, max: 5_000_000 }), { maxLength: 20 }), (balance, payments) => {
        // given a case for `balance`, when the payments are applied in order
        const collectionsCase = anOpenCase(anOverdueInvoice({ amountDueCents: balance }));
        let paid = 0;
        for (const amount of payments) {
          collectionsCase.applyPayment('inv_1', amount, now);
          paid += amount;
          // then it is closed if and only if the payments so far cover the balance
          if (collectionsCase.isOpen !== paid < balance) return false;
        }
        return collectionsCase.pullEvents().length === (paid >= balance ? 1 : 0);
      }),
    );
  });
});
