import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { CaseId, Cents, ClientId, ContractId, Currency, InvoiceId, InvoiceNumber, Text, Timestamp, TEXT_LIMITS } from '../event-fields';

export const CollectionsWrittenOffDataV1 = Type.Object(
  {
    case_id: CaseId,
    client_id: ClientId,
    invoice_id: InvoiceId,
    invoice_number: InvoiceNumber,
    contract_id: ContractId,
    currency: Currency,
    amount_written_off_cents: Cents('Open balance of the invoice written off.', { minimum: 1 }),
    written_off_at: Timestamp('When the write-off was approved.'),
    reason: Text('Why the balance was written off.', TEXT_LIMITS.writeOffReason),
  },
  { description: "One invoice's open balance written off; invoicing marks the invoice uncollectible." },
);

export const collectionsWrittenOff = defineEvent({
  name: 'collections.written_off',
  producer: 'collections-service',
  description: "Collections wrote off an invoice's open balance.",
  partitionKey: 'client_id',
  currentVersion: 1,
  versions: { 1: CollectionsWrittenOffDataV1 },
});
