import type { EventData } from '@mb/events';
import type { CatalogueEvent } from '@mb/messaging';
import type { ClientSnapshot } from '../../domain/client/client';
import { addDays, calendarDateIn } from '@mb/kernel';
import type { ChangeOrderEvent, ChangeOrderSnapshot } from '../../domain/change-order/change-order';
import type { MilestoneChange } from '../../domain/change-order/schedule-change';
import type { ContractEvent, ContractSnapshot } from '../../domain/contract/contract';
import type { ScheduledMilestone } from '../../domain/contract/schedule';

/** The catalogue events announcing what a contract recorded, in order. */
export function contractCatalogueEvents(events: readonly ContractEvent[], contract: ContractSnapshot, client: ClientSnapshot): CatalogueEvent[] {
  return events.flatMap((event): CatalogueEvent[] => {
    switch (event.type) {
      case 'created':
        return [{ name: 'contract.created', data: contractTermsOf(contract, client) }];
      case 'activated':
        return [{ name: 'contract.activated', data: { ...contractTermsOf(contract, client), activated_at: event.at.toISOString() } }];
      case 'terminated':
        return [{ name: 'contract.terminated', data: terminationOf(contract, event) }];
      case 'completed':
        return [
          {
            name: 'contract.completed',
            data: {
              contract_id: contract.id,
              client_id: contract.clientId,
              completed_at: event.at.toISOString(),
              currency: contract.currency,
              total_value_cents: contract.totalValueCents,
              paid_milestones: event.paidMilestones,
              cancelled_milestones: event.cancelledMilestones,
            },
          },
        ];
      case 'amended':
        return [
          {
            name: 'contract.amended',
            data: {
              ...contractTermsOf(contract, client),
              previous_schedule_version: event.previousScheduleVersion,
              amended_at: event.at.toISOString(),
              reason: event.reason,
              change_order_id: event.changeOrderId,
              approval: event.approval,
              approved_by: event.approvedBy,
              previous_total_value_cents: event.previousTotalValueCents,
              previous_net_days: event.previousNetDays,
              milestone_changes: event.milestoneChanges.map(milestoneChangeData),
            },
          },
        ];
    }
  });
}

/** contract.terminated with its settlement: what becomes of each milestone, to the cent. */
function terminationOf(contract: ContractSnapshot, event: Extract<ContractEvent, { type: 'terminated' }>): EventData<'contract.terminated'> {
  const { settlement } = event;
  return {
    contract_id: contract.id,
    client_id: contract.clientId,
    terminated_at: event.at.toISOString(),
    reason: event.reason,
    effective_date: event.effectiveDate,
    terminated_by: event.terminatedBy,
    currency: contract.currency,
    total_value_cents: contract.totalValueCents,
    billed_cents: settlement.billedCents,
    cancelled_cents: settlement.cancelledCents,
    milestones: settlement.milestones.map((milestone) => ({
      milestone_index: milestone.milestoneIndex,
      outcome: milestone.outcome,
      amount_cents: milestone.amountCents,
      billed_cents: milestone.billedCents,
      cancelled_cents: milestone.cancelledCents,
      ...(milestone.partial === null
        ? {}
        : { percent_bps: milestone.partial.percentBps, basis: milestone.partial.basis, agreement_reference: milestone.partial.agreementReference }),
    })),
  };
}

/**
 * The contract as the catalogue's `contractTermsFields` describe it: the whole schedule plus who
 * the client is, so that other services build their own copies from the events alone.
 */
export function contractTermsOf(contract: ContractSnapshot, client: ClientSnapshot): EventData<'contract.created'> {
  return {
    contract_id: contract.id,
    client_id: contract.clientId,
    client_name: client.name,
    client_ap_email: client.apContactEmail,
    ...(client.approverEmail === null ? {} : { client_approver_email: client.approverEmail }),
    client_time_zone: client.timeZone,
    ...(client.billingAddress === null
      ? {}
      : {
          client_billing_address: {
            street: client.billingAddress.street,
            city: client.billingAddress.city,
            postal_code: client.billingAddress.postalCode,
            country_code: client.billingAddress.countryCode,
          },
        }),
    ...(client.vatId === null ? {} : { client_vat_number: client.vatId }),
    ...(client.peppolId === null ? {} : { client_peppol_participant: client.peppolId }),
    ...(client.language === 'en' || client.language === 'de' ? { client_language: client.language } : {}),
    title: contract.title,
    currency: contract.currency,
    total_value_cents: contract.totalValueCents,
    net_days: contract.netDays,
    advance_notice_days: contract.advanceNoticeDays,
    tax_rate_bps: contract.taxRateBps,
    retainage_bps: contract.retainageBps,
    purchase_order_ref: contract.purchaseOrderRef,
    ...(contract.retainageReleaseDate === null ? {} : { retainage_release_date: contract.retainageReleaseDate }),
    schedule_version: contract.scheduleVersion,
    milestones: contract.milestones.map(scheduledMilestoneData),
  };
}

type ScheduledMilestoneData = EventData<'contract.created'>['milestones'][number];

function scheduledMilestoneData(milestone: ScheduledMilestone): ScheduledMilestoneData {
  return {
    milestone_index: milestone.milestoneIndex,
    title: milestone.title,
    amount_cents: milestone.amountCents,
    planned_date: milestone.plannedDate,
    billing_trigger: milestone.billingTrigger,
    acceptance_criteria: milestone.acceptanceCriteria,
    approval_window_days: milestone.approvalWindowDays,
    deemed_acceptance: milestone.deemedAcceptance,
    payout_destination: milestone.payoutDestination ? { account_token: milestone.payoutDestination.accountToken, auto_clear: milestone.payoutDestination.autoClear } : null,
  };
}

function milestoneChangeData(change: MilestoneChange): EventData<'contract.amended'>['milestone_changes'][number] {
  return {
    milestone_index: change.milestoneIndex,
    kind: change.kind,
    before: change.before === null ? null : scheduledMilestoneData(change.before),
    after: change.after === null ? null : scheduledMilestoneData(change.after),
  };
}

/**
 * The catalogue events announcing what a change order recorded: a proposal (to the client's
 * approver) and a rejection (to the supplier). Its approval is announced by the contract, as
 * `contract.amended`; an expiry changes nothing anyone else keeps, so it is not published.
 */
export function changeOrderCatalogueEvents(events: readonly ChangeOrderEvent[], changeOrder: ChangeOrderSnapshot, contract: ContractSnapshot, clientTimeZone: string): CatalogueEvent[] {
  return events.flatMap((event): CatalogueEvent[] => {
    switch (event.type) {
      case 'proposed':
        return [
          {
            name: 'contract.change_order_proposed',
            data: {
              contract_id: changeOrder.contractId,
              client_id: changeOrder.clientId,
              change_order_id: changeOrder.id,
              contract_title: contract.title,
              currency: contract.currency,
              reason: changeOrder.reason,
              proposed_by: changeOrder.proposedBy,
              proposed_at: changeOrder.proposedAt.toISOString(),
              base_schedule_version: changeOrder.baseScheduleVersion,
              respond_by: (changeOrder.respondBy as Date).toISOString(),
              last_day_to_respond: addDays(calendarDateIn(changeOrder.respondBy as Date, clientTimeZone), -1),
              previous_total_value_cents: changeOrder.previousTotalValueCents,
              total_value_cents: changeOrder.totalValueCents,
              previous_net_days: changeOrder.previousNetDays,
              net_days: changeOrder.netDays,
              milestone_changes: changeOrder.milestoneChanges.map(milestoneChangeData),
            },
          },
        ];
      case 'rejected':
        return [
          {
            name: 'contract.change_order_rejected',
            data: {
              contract_id: changeOrder.contractId,
              client_id: changeOrder.clientId,
              change_order_id: changeOrder.id,
              reason: event.reason,
              rejected_by: event.by,
              rejected_at: event.at.toISOString(),
              base_schedule_version: changeOrder.baseScheduleVersion,
            },
          },
        ];
      case 'approved':
      case 'expired':
        return [];
    }
  });
}
