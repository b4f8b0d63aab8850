import { Injectable } from '@nestjs/common';
import type { EventEnvelopeOfAnyVersion } from '@mb/events';
import { type EventHandler, type HandlerContext, PermanentEventError } from '@mb/messaging';
import { ApplyContractAmendmentHandler } from '../../application/apply-contract-amendment/apply-contract-amendment.handler';
import { MilestoneMetrics } from '../metrics/milestone-metrics';

/**
 * A change order was approved: the contract's milestones follow the new schedule version
 * (ApplyContractAmendmentHandler). The use case joins the consumer runner's transaction: its effect
 * commits with the inbox record.
 *
 * Version 3 only: versions 1 and 2 of contract.amended were declared before change orders existed
 * and never produced; without the diff they carry nothing to re-plan by, so one is dead-lettered.
 */
@Injectable()
export class ContractAmendedConsumer implements EventHandler<'contract.amended'> {
  readonly event = 'contract.amended' as const;

  constructor(
    private readonly applyAmendment: ApplyContractAmendmentHandler,
    private readonly metrics: MilestoneMetrics,
  ) {}

  async handle(envelope: EventEnvelopeOfAnyVersion<'contract.amended'>, { afterCommit }: HandlerContext): Promise<void> {
    const { data } = envelope;
    if (!('milestone_changes' in data)) throw new PermanentEventError(`contract.amended ${envelope.id} is of a version before 3, which was never produced: nothing to re-plan by`);
    const outcome = await this.applyAmendment.execute(data, envelope.id);
    // Counted once the amendment is committed: a retried attempt that rolled back is not counted.
    if (outcome.leftAlone.length > 0) afterCommit(() => this.metrics.amendedMilestonesLeftBilled(outcome.leftAlone.length));
  }
}
