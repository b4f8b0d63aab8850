import { InMemoryUnitOfWork, RecordingEventOutbox, RecordingTimers } from '@mb/testing';
import { InMemoryReceivableLedger } from '../../../test/fakes/in-memory-ledger';
import { CaseChanges } from '../case-changes/case-changes.handler';
import { InMemoryCaseRepository } from '../../../test/fakes/in-memory-case.repository';
import { anOpenCase, anOverdueInvoice } from '../../domain/case/case.fixtures';
import { ApplyPaymentHandler } from './apply-payment.handler';

describe('ApplyPaymentHandler', () => {
  const now = new Date('2026-07-06T11:00:00Z');

  function aHandler() {
    const unitOfWork = new InMemoryUnitOfWork();
    const cases = new InMemoryCaseRepository();
    const outbox = new RecordingEventOutbox();
    const ledger = new InMemoryReceivableLedger();
    const timers = new RecordingTimers();
    const handler = new ApplyPaymentHandler(unitOfWork, cases, ledger, new CaseChanges(cases, outbox, timers), { now: () => now });
    return { unitOfWork, cases, outbox, handler, ledger, timers };
  }

  it('lowers the balance of a partly paid invoice and keeps the case open, announcing nothing', async () => {
    // given an open case for an invoice of 750,000 cents
    const { unitOfWork, cases, outbox, handler } = aHandler();
    await cases.add(anOpenCase());
    // when 500,000 cents of a payment are applied to it
    await handler.execute({ allocations: [{ invoiceId: 'inv_1', amountCents: 500_000 }], causationId: 'evt_payment_1' });
    // then 250,000 cents are still owed, the case is open at the next version, and nothing is announced
    expect(cases.stored('case_1')).toMatchObject({ status: 'open', version: 2, invoices: [{ invoiceId: 'inv_1', balanceCents: 250_000 }] });
    expect(unitOfWork.unitsRun).toBe(1);
    expect(outbox.recorded).toEqual([]);
  });

  it('closes the case as paid once the payments reach its balance, and announces it', async () => {
    // given an open case with 250,000 cents left after a first payment
    const { cases, outbox, handler } = aHandler();
    await cases.add(anOpenCase());
    await handler.execute({ allocations: [{ invoiceId: 'inv_1', amountCents: 500_000 }], causationId: 'evt_payment_2' });
    // when the remaining 250,000 cents arrive
    await handler.execute({ allocations: [{ invoiceId: 'inv_1', amountCents: 250_000 }], causationId: 'evt_payment_3' });
    // then the case is closed and collections.case_closed is caused by the second payment
    expect(cases.stored('case_1')).toMatchObject({ status: 'closed', closedAt: now, version: 3, invoices: [{ balanceCents: 0 }] });
    expect(outbox.only('collections.case_closed')).toEqual({ case_id: 'case_1', client_id: 'cli_1', resolution: 'paid', closed_at: now.toISOString() });
    expect(outbox.recorded[0].causationId).toBe('evt_payment_3');
  });

  it("applies each part of a payment to the case holding its invoice, closing only the one that is paid up", async () => {
    // given two clients' open cases
    const { cases, outbox, handler } = aHandler();
    await cases.add(anOpenCase(anOverdueInvoice({ invoiceId: 'inv_a', amountDueCents: 300_000 }), { id: 'case_a', clientId: 'cli_a' }));
    await cases.add(anOpenCase(anOverdueInvoice({ invoiceId: 'inv_b', amountDueCents: 300_000 }), { id: 'case_b', clientId: 'cli_b' }));
    // when one payment pays the first invoice in full and the second in part
    await handler.execute({
      allocations: [
        { invoiceId: 'inv_a', amountCents: 300_000 },
        { invoiceId: 'inv_b', amountCents: 100_000 },
      ],
      causationId: 'evt_payment_4',
    });
    // then the first case closes and the second owes 200,000 cents, and only the first closing is announced
    expect(cases.stored('case_a')).toMatchObject({ status: 'closed' });
    expect(cases.stored('case_b')).toMatchObject({ status: 'open', invoices: [{ balanceCents: 200_000 }] });
    expect(outbox.only('collections.case_closed')).toMatchObject({ case_id: 'case_a', client_id: 'cli_a' });
  });

  it('closes a case once when one payment clears two of its invoices', async () => {
    // given an open case holding two invoices
    const { cases, outbox, handler } = aHandler();
    const collectionsCase = anOpenCase();
    collectionsCase.addOverdueInvoice(anOverdueInvoice({ invoiceId: 'inv_2', amountDueCents: 100_000 }));
    await cases.add(collectionsCase);
    // when one payment covers both
    await handler.execute({
      allocations: [
        { invoiceId: 'inv_1', amountCents: 750_000 },
        { invoiceId: 'inv_2', amountCents: 100_000 },
      ],
      causationId: 'evt_payment_5',
    });
    // then the case is closed after the second part, saved once per part, and announced once
    expect(cases.stored('case_1')).toMatchObject({ status: 'closed', version: 3 });
    expect(outbox.names()).toEqual(['collections.case_closed']);
  });

  it('ignores parts of a payment for invoices no open case holds', async () => {
    // given an open case for another invoice
    const { cases, outbox, handler } = aHandler();
    await cases.add(anOpenCase());
    // when a payment is applied to an invoice that never went overdue
    await handler.execute({ allocations: [{ invoiceId: 'inv_other', amountCents: 10_000 }], causationId: 'evt_payment_6' });
    // then the case is untouched and nothing is announced
    expect(cases.stored('case_1')).toMatchObject({ status: 'open', version: 1, invoices: [{ balanceCents: 750_000 }] });
    expect(outbox.recorded).toEqual([]);
  });

  it('refuses with case.concurrent_update when the case changed after it was loaded, recording nothing', async () => {
    // given an open case that another writer changes while the payment is applied
    const { cases, outbox, handler } = aHandler();
    await cases.add(anOpenCase());
    cases.anotherWriterChangesTheNextCaseLoaded();
    // when the whole balance is paid
    const applying = handler.execute({ allocations: [{ invoiceId: 'inv_1', amountCents: 750_000 }], causationId: 'evt_payment_7' });
    // then the save is refused as a conflict, the balance is unchanged, and nothing is announced
    await expect(applying).rejects.toMatchObject({ kind: 'conflict', code: 'case.concurrent_update' });
    expect(cases.stored('case_1')).toMatchObject({ status: 'open', invoices: [{ balanceCents: 750_000 }] });
    expect(outbox.recorded).toEqual([]);
  });
});
