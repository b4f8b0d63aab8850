import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { Cents, ClientId, ContractId, Currency, InvoiceId, InvoiceNumber, Text, Timestamp, TEXT_LIMITS } from '../event-fields';
import { DisputeActor, DisputeId } from './collections-dispute.fields';

export const CollectionsDisputeOpenedDataV1 = Type.Object(
  {
    dispute_id: DisputeId,
    client_id: ClientId,
    invoice_id: InvoiceId,
    invoice_number: InvoiceNumber,
    contract_id: ContractId,
    currency: Currency,
    amount_cents: Cents('The part of the open balance disputed (the whole open balance when the whole invoice is disputed).', { minimum: 1 }),
    invoice_balance_cents: Cents("The invoice's open balance when the dispute was opened.", { minimum: 1 }),
    whole_invoice: Type.Boolean({ description: 'Whether the whole open balance is disputed.' }),
    reason: Text('Why the client disputes the invoice, in its words.', TEXT_LIMITS.disputeReason),
    opened_by: DisputeActor,
    opened_at: Timestamp('When the dispute was opened.'),
  },
  { description: 'A client (or finance on its behalf) disputed an invoice in whole or in part; dunning pauses for that invoice.' },
);

export const collectionsDisputeOpened = defineEvent({
  name: 'collections.dispute_opened',
  producer: 'collections-service',
  description: 'An invoice was disputed, in whole or in part; dunning pauses for it until the dispute is resolved.',
  partitionKey: 'client_id',
  currentVersion: 1,
  versions: { 1: CollectionsDisputeOpenedDataV1 },
});
