import { Type } from '@sinclair/typebox';
import { ClientId, ContractId, InvoiceId, InvoiceNumber, MilestoneIndex } from '../event-fields';

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
