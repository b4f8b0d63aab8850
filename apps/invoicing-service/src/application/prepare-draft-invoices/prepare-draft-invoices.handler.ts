import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData } from '@mb/events';
import { newId } from '@mb/kernel';
import { Invoice } from '../../domain/invoice/invoice';
import { IssueInvoice } from '../issue-invoice/issue-invoice.handler';
import { ContractTermsRepository, InvoiceRepository, PendingBillingTriggers } from '../ports/invoicing.ports';

/**
 * At activation, one draft invoice (a template) per milestone, carrying the contract, PO and
 * milestone details and the terms it will be issued on; the contract's terms are kept for the
 * financial status. Billing triggers that arrived before the contract are issued right after.
 */
@Injectable()
export class PrepareDraftInvoices {
  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly contracts: ContractTermsRepository,
    private readonly pending: PendingBillingTriggers,
    private readonly issueInvoice: IssueInvoice,
  ) {}

  async execute(manager: EntityManager, contract: EventData<'contract.activated'>): Promise<{ drafts: number; issued: number }> {
    await this.contracts.remember(manager, {
      contractId: contract.contract_id,
      clientId: contract.client_id,
      clientName: contract.client_name ?? null,
      title: contract.title,
      currency: contract.currency,
      totalValueCents: contract.total_value_cents,
      netDays: contract.net_days,
      taxRateBps: contract.tax_rate_bps,
      retainageBps: contract.retainage_bps,
      purchaseOrderRef: contract.purchase_order_ref,
      scheduleVersion: contract.schedule_version,
      activatedAt: contract.activated_at,
    });
    let drafts = 0;
    for (const milestone of contract.milestones) {
      const draft = Invoice.prepareDraft({
        id: newId('inv'),
        contractId: contract.contract_id,
        clientId: contract.client_id,
        clientName: contract.client_name ?? null,
        contractTitle: contract.title,
        purchaseOrderRef: contract.purchase_order_ref,
        milestoneIndex: milestone.milestone_index,
        milestoneTitle: milestone.title,
        amountCents: milestone.amount_cents,
        currency: contract.currency,
        netDays: contract.net_days,
        taxRateBps: contract.tax_rate_bps,
        retainageBps: contract.retainage_bps,
      });
      if (await this.invoices.insert(manager, draft)) drafts += 1;
    }
    let issued = 0;
    for (const trigger of await this.pending.takeAll(manager, contract.contract_id)) {
      const outcome = await this.issueInvoice.execute(manager, {
        contractId: trigger.contractId,
        milestoneIndex: trigger.milestoneIndex,
        milestoneId: trigger.milestoneId,
        milestone: trigger.milestone,
        causationId: trigger.eventId,
      });
      if (outcome === 'issued') issued += 1;
    }
    return { drafts, issued };
  }
}
