import { Type } from '@sinclair/typebox';
import { ClientId, ContractId, InvoiceId, InvoiceNumber, MilestoneIndex, StringEnum } from '../event-fields';

/** Every invoice event names the invoice, its contract (the Kafka key) and the client billed. */
export const invoiceIdentityFields = {
  invoice_id: InvoiceId,
  invoice_number: InvoiceNumber,
  contract_id: ContractId,
  client_id: ClientId,
};

// Optional after issue: an invoice may bill something other than one milestone (a retainage
// release), and consumers that need the milestone already have it from invoice.issued.
export const optionalMilestoneIndex = { milestone_index: Type.Optional(MilestoneIndex) };

/** What an invoice bills: a milestone of the schedule, or the retainage withheld on earlier invoices. */
export const INVOICE_KINDS = ['milestone', 'retainage_release'] as const;

// Optional after issue (added within version 1, issue 10): lets a consumer that keeps milestones
// (milestone-service) tell a retainage release's payment from a milestone's. Absent means milestone.
export const optionalInvoiceKind = {
  kind: Type.Optional(
    StringEnum(INVOICE_KINDS, {
      description: 'What the invoice bills: `milestone` (then milestone_index names it) or `retainage_release` (no milestone). Absent means milestone.',
    }),
  ),
};
