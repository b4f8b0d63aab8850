import { Injectable } from '@nestjs/common';
import type { EventEnvelopeOfAnyVersion } from '@mb/events';
import type { EventHandler } from '@mb/messaging';
import { contractTermsOfEvent } from './contract-terms.mapping';
import { PrepareDraftInvoicesHandler } from '../../application/prepare-draft-invoices/prepare-draft-invoices.handler';

/**
 * contract.activated → a draft invoice per milestone. The use case joins the consumer's unit of
 * work, so the drafts commit with the inbox record.
 */
@Injectable()
export class ContractActivatedConsumer implements EventHandler<'contract.activated'> {
  readonly event = 'contract.activated' as const;

  constructor(private readonly prepareDrafts: PrepareDraftInvoicesHandler) {}

  async handle({ data }: EventEnvelopeOfAnyVersion<'contract.activated'>): Promise<void> {
    await this.prepareDrafts.execute({
      contract: {
        contractId: data.contract_id,
        clientId: data.client_id,
        ...contractTermsOfEvent(data),
        activatedAt: data.activated_at,
      },
      milestones: data.milestones.map((milestone) => ({
        milestoneIndex: milestone.milestone_index,
        title: milestone.title,
        amountCents: milestone.amount_cents,
        plannedDate: milestone.planned_date ?? null,
      })),
    });
  }
}
