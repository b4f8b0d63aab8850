import { Injectable } from '@nestjs/common';
import type { EventEnvelopeOfAnyVersion } from '@mb/events';
import { type EventHandler, PermanentEventError } from '@mb/messaging';
import { contractTermsOfEvent } from './contract-terms.mapping';
import { ApplyContractAmendmentHandler } from '../../application/apply-contract-amendment/apply-contract-amendment.handler';

/**
 * contract.amended → invoicing's copy of the contract and its drafts follow the new schedule
 * version (ApplyContractAmendmentHandler), in the consumer's unit of work.
 *
 * Version 3 only: versions 1 and 2 of contract.amended were declared before change orders existed
 * and never produced; without the diff they say nothing of what was removed, so one is dead-lettered.
 */
@Injectable()
export class ContractAmendedConsumer implements EventHandler<'contract.amended'> {
  readonly event = 'contract.amended' as const;

  constructor(private readonly applyAmendment: ApplyContractAmendmentHandler) {}

  async handle(envelope: EventEnvelopeOfAnyVersion<'contract.amended'>): Promise<void> {
    const { data } = envelope;
    if (!('milestone_changes' in data)) throw new PermanentEventError(`contract.amended ${envelope.id} is of a version before 3, which was never produced: nothing to apply`);
    await this.applyAmendment.execute({
      contractId: data.contract_id,
      terms: contractTermsOfEvent(data),
      milestones: data.milestones.map((milestone) => ({
        milestoneIndex: milestone.milestone_index,
        title: milestone.title,
        amountCents: milestone.amount_cents,
        plannedDate: milestone.planned_date,
      })),
      removedMilestoneIndexes: data.milestone_changes.filter((change) => change.kind === 'removed').map((change) => change.milestone_index),
      amendedAt: new Date(data.amended_at),
      causationId: envelope.id,
    });
  }
}
