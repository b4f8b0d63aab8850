import { aValidEvent } from '@mb/events';
import { DomainRejection } from '@mb/kernel';
import { InMemoryUnitOfWork, RecordingEventOutbox } from '@mb/testing';
import { InMemoryMilestoneRepository } from '../../../test/fakes/in-memory-milestone.repository';
import type { Milestone } from '../../domain/milestone/milestone';
import { aMilestone, laterBy } from '../../domain/milestone/milestone.fixtures';
import { RecordInvoiceIssuedHandler } from './record-invoice-issued.handler';

describe('RecordInvoiceIssuedHandler', () => {
  const now = laterBy(600);

  async function given(milestone: Milestone) {
    const milestones = new InMemoryMilestoneRepository();
    const outbox = new RecordingEventOutbox();
    await milestones.add(milestone);
    const handler = new RecordInvoiceIssuedHandler(new InMemoryUnitOfWork(), milestones, outbox, { now: () => now });
    const issued = aValidEvent('invoice.issued', { data: { contract_id: milestone.snapshot().contractId, milestone_index: milestone.snapshot().milestoneIndex } });
    return { milestones, outbox, handler, issued, milestoneId: milestone.id };
  }

  it('marks the billable milestone invoiced and remembers which invoice bills it', async () => {
    // given a milestone triggered for disbursement
    const { milestones, outbox, handler, issued, milestoneId } = await given(aMilestone().triggered());
    // when its invoice is issued
    await handler.execute(issued.data, issued.id);
    // then it is invoiced, the invoice is remembered for its payment, and the change is announced
    expect(milestones.stored(milestoneId)).toMatchObject({ status: 'invoiced', invoicedAt: now, version: 6 });
    expect(milestones.invoice(issued.data.invoice_id)).toEqual({
      invoiceId: issued.data.invoice_id,
      invoiceNumber: 'INV-2026-000042',
      milestoneId,
      issuedOn: '2026-05-28',
      recordedAt: now,
    });
    expect(outbox.only('milestone.status_updated')).toMatchObject({ status: 'invoiced', previous_status: 'triggered_for_disbursement', version: 6 });
    expect(outbox.recorded[0].causationId).toBe(issued.id);
  });

  it('remembers a reissued invoice of a milestone already invoiced, moving and announcing nothing', async () => {
    // given an invoiced milestone
    const { milestones, outbox, handler, issued, milestoneId } = await given(aMilestone().invoiced());
    // when another invoice is issued for it (a reissue after a void)
    await handler.execute(issued.data, issued.id);
    // then the invoice is remembered, and the milestone is as it was
    expect(milestones.invoice(issued.data.invoice_id)).toMatchObject({ milestoneId });
    expect(milestones.stored(milestoneId)).toMatchObject({ status: 'invoiced', version: 6 });
    expect(outbox.recorded).toEqual([]);
  });

  it('moves no milestone and remembers nothing for a retainage release, which bills none', async () => {
    // given a milestone triggered for disbursement
    const { milestones, outbox, handler, issued, milestoneId } = await given(aMilestone().triggered());
    const { milestone_index: _index, milestone_title: _title, milestone_id: _id, ...release } = issued.data;
    // when invoicing issues a retainage release of the contract (invoice.issued v2, no milestone)
    await handler.execute({ ...release, kind: 'retainage_release' }, issued.id);
    // then the milestone is as it was and the release is no milestone's invoice
    expect(milestones.stored(milestoneId)).toMatchObject({ status: 'triggered_for_disbursement' });
    expect(milestones.invoice(issued.data.invoice_id)).toBeUndefined();
    expect(outbox.recorded).toEqual([]);
  });

  it('refuses an invoice of an unknown milestone as milestone.not_found, recording nothing', async () => {
    // given a contract whose milestone 9 does not exist
    const { milestones, outbox, handler, issued } = await given(aMilestone().triggered());
    const unknown = { ...issued.data, milestone_index: 9 };
    // when its invoice is issued
    const recording = handler.execute(unknown, issued.id);
    // then it is a permanent refusal (dead-lettered, not retried), and nothing was kept
    await expect(recording).rejects.toBeInstanceOf(DomainRejection);
    await expect(recording).rejects.toMatchObject({ kind: 'not_found', code: 'milestone.not_found' });
    expect(milestones.invoice(issued.data.invoice_id)).toBeUndefined();
    expect(outbox.recorded).toEqual([]);
  });
});
