import { aValidEvent, type EventData } from '@mb/events';
import { DomainRejection } from '@mb/kernel';
import { InMemoryUnitOfWork, RecordingEventOutbox } from '@mb/testing';
import { InMemoryMilestoneRepository } from '../../../test/fakes/in-memory-milestone.repository';
import type { Milestone } from '../../domain/milestone/milestone';
import { aMilestone, laterBy } from '../../domain/milestone/milestone.fixtures';
import { InvoiceNotYetKnownError, RecordInvoicePaidHandler } from './record-invoice-paid.handler';

describe('RecordInvoicePaidHandler', () => {
  const now = laterBy(6000);

  async function given(milestone: Milestone) {
    const milestones = new InMemoryMilestoneRepository();
    const outbox = new RecordingEventOutbox();
    await milestones.add(milestone);
    const handler = new RecordInvoicePaidHandler(new InMemoryUnitOfWork(), milestones, outbox, { now: () => now });
    const { contractId, milestoneIndex } = milestone.snapshot();
    const paid = aValidEvent('invoice.paid', { data: { contract_id: contractId, milestone_index: milestoneIndex } });
    const { milestone_index: _index, ...namingOnlyTheInvoice } = paid.data;
    return { milestones, outbox, handler, paid, namingOnlyTheInvoice: namingOnlyTheInvoice as EventData<'invoice.paid'>, milestone };
  }

  it('marks the invoiced milestone paid when the payment names only its invoice', async () => {
    // given an invoiced milestone whose invoice was recorded
    const { milestones, outbox, handler, paid, namingOnlyTheInvoice, milestone } = await given(aMilestone().invoiced());
    await milestones.recordInvoice({ invoiceId: paid.data.invoice_id, invoiceNumber: 'INV-2026-000042', milestoneId: milestone.id, issuedOn: '2026-05-28', recordedAt: now });
    // when the invoice is paid, the event naming no milestone
    await handler.execute(namingOnlyTheInvoice, paid.id);
    // then the milestone is paid, and the change is announced, caused by the payment
    expect(milestones.stored(milestone.id)).toMatchObject({ status: 'paid', paidAt: now, version: 7 });
    expect(outbox.only('milestone.status_updated')).toMatchObject({ status: 'paid', previous_status: 'invoiced', version: 7 });
    expect(outbox.recorded[0].causationId).toBe(paid.id);
  });

  it('passes through invoiced when the payment arrives before the invoice, naming the milestone', async () => {
    // given a milestone triggered for disbursement whose invoice.issued has not been applied
    const { milestones, outbox, handler, paid, milestone } = await given(aMilestone().triggered());
    // when the payment arrives first
    await handler.execute(paid.data, paid.id);
    // then the milestone is invoiced then paid, both announced in order
    expect(milestones.stored(milestone.id)).toMatchObject({ status: 'paid', invoicedAt: now, paidAt: now, version: 7 });
    expect(outbox.recorded.map(({ data }) => data)).toMatchObject([
      { status: 'invoiced', version: 6 },
      { status: 'paid', version: 7 },
    ]);
  });

  it('ignores the payment of a milestone already paid', async () => {
    // given a paid milestone / when its payment is handled again / then nothing moves
    const { milestones, outbox, handler, paid, milestone } = await given(aMilestone().paid());
    await handler.execute(paid.data, paid.id);
    expect(milestones.stored(milestone.id)).toMatchObject({ status: 'paid', version: 7 });
    expect(outbox.recorded).toEqual([]);
  });

  it('ignores the payment of a retainage release, which bills no milestone', async () => {
    // given an invoiced milestone of the contract
    const { milestones, outbox, handler, paid, namingOnlyTheInvoice, milestone } = await given(aMilestone().invoiced());
    // when the contract's retainage release (an invoice milestone-service never recorded) is paid
    await handler.execute({ ...namingOnlyTheInvoice, kind: 'retainage_release' }, paid.id);
    // then nothing is retried, moved or announced
    expect(milestones.stored(milestone.id)).toMatchObject({ status: 'invoiced' });
    expect(outbox.recorded).toEqual([]);
  });

  it('asks for a retry while a payment naming only its invoice cannot be told yet', async () => {
    // given a triggered milestone whose invoice was not recorded
    const { milestones, outbox, handler, paid, namingOnlyTheInvoice, milestone } = await given(aMilestone().triggered());
    // when the invoice is paid, the event naming no milestone
    const recording = handler.execute(namingOnlyTheInvoice, paid.id);
    // then it fails transiently (not a refusal), so the consumer retries once invoice.issued is applied
    await expect(recording).rejects.toBeInstanceOf(InvoiceNotYetKnownError);
    await expect(recording).rejects.not.toBeInstanceOf(DomainRejection);
    expect(milestones.stored(milestone.id)).toMatchObject({ status: 'triggered_for_disbursement' });
    expect(outbox.recorded).toEqual([]);
  });

  it('refuses the payment of an unknown milestone as milestone.not_found', async () => {
    // given a contract without milestone 9
    const { outbox, handler, paid } = await given(aMilestone().triggered());
    // when a payment names it / then it is refused for good, recording nothing
    await expect(handler.execute({ ...paid.data, milestone_index: 9 }, paid.id)).rejects.toMatchObject({ kind: 'not_found', code: 'milestone.not_found' });
    expect(outbox.recorded).toEqual([]);
  });
});
