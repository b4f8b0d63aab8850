import { Injectable } from '@nestjs/common';
import type { EventEnvelopeOfAnyVersion } from '@mb/events';
import { UTC_TIME_ZONE } from '@mb/kernel';
import type { EventHandler } from '@mb/messaging';
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
        clientName: data.client_name ?? null,
        // Absent from events older than clients' time zones, which meant UTC.
        clientTimeZone: data.client_time_zone ?? UTC_TIME_ZONE,
        title: data.title,
        currency: data.currency,
        totalValueCents: data.total_value_cents,
        netDays: data.net_days,
        taxRateBps: data.tax_rate_bps,
        retainageBps: data.retainage_bps,
        purchaseOrderRef: data.purchase_order_ref,
        clientBillingAddress: data.client_billing_address
          ? {
              street: data.client_billing_address.street,
              city: data.client_billing_address.city,
              postalCode: data.client_billing_address.postal_code,
              countryCode: data.client_billing_address.country_code,
            }
          : null,
        clientVatId: data.client_vat_number ?? null,
        clientPeppolId: data.client_peppol_participant ?? null,
        scheduleVersion: data.schedule_version,
        activatedAt: data.activated_at,
        retainageReleaseDate: data.retainage_release_date ?? null,
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
