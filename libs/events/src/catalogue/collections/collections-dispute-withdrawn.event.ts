import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { Cents, ClientId, ContractId, Currency, InvoiceId, InvoiceNumber, Text, Timestamp, TEXT_LIMITS } from '../event-fields';
import { DisputeActor, DisputeId } from './collections-dispute.fields';

/**
 * Issue 15: the client (or staff on its behalf) takes back an open dispute. An event of its own,
 * not a third outcome of collections.dispute_resolved: that event's `outcome` is a closed enum
 * (`upheld` | `rejected`) with a required finance `note` and `resolved_by`, read by invoicing (to
 * credit), notification (to email the decision) and every webhook subscriber; a new value in v1
 * would fail their schema validation, and a v2 would make each reader handle a "decision" nobody
 * decided. A new topic reaches only those who subscribe to it.
 */
export const CollectionsDisputeWithdrawnDataV1 = Type.Object(
  {
    dispute_id: DisputeId,
    client_id: ClientId,
    invoice_id: InvoiceId,
    invoice_number: InvoiceNumber,
    contract_id: ContractId,
    currency: Currency,
    amount_cents: Cents('The amount that was disputed.', { minimum: 1 }),
    reason: Text('Why the client had disputed the invoice.', TEXT_LIMITS.disputeReason),
    note: Type.Optional(Text('Why it was withdrawn, when the person said.', TEXT_LIMITS.disputeNote)),
    withdrawn_by: DisputeActor,
    opened_at: Timestamp('When the dispute was opened.'),
    withdrawn_at: Timestamp('When it was withdrawn.'),
  },
  { description: 'An open dispute was withdrawn: the invoice is due again as it stands, and dunning resumes for it as after a rejection.' },
);

export const collectionsDisputeWithdrawn = defineEvent({
  name: 'collections.dispute_withdrawn',
  producer: 'collections-service',
  description: 'An open dispute on an invoice was withdrawn: the invoice is no longer in dispute and dunning resumes for it.',
  partitionKey: 'client_id',
  currentVersion: 1,
  versions: { 1: CollectionsDisputeWithdrawnDataV1 },
});
