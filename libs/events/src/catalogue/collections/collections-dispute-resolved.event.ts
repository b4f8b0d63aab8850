import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { Cents, ClientId, ContractId, Currency, InvoiceId, InvoiceNumber, StringEnum, Text, Timestamp, TEXT_LIMITS } from '../event-fields';
import { DisputeActor, DisputeId } from './collections-dispute.fields';

export const DISPUTE_OUTCOMES = ['upheld', 'rejected'] as const;

export const CollectionsDisputeResolvedDataV1 = Type.Object(
  {
    dispute_id: DisputeId,
    client_id: ClientId,
    invoice_id: InvoiceId,
    invoice_number: InvoiceNumber,
    contract_id: ContractId,
    currency: Currency,
    amount_cents: Cents('The amount that was disputed.', { minimum: 1 }),
    reason: Text('Why the client disputed the invoice.', TEXT_LIMITS.disputeReason),
    outcome: StringEnum(DISPUTE_OUTCOMES, {
      description: '`upheld`: the client is right, invoicing issues a credit note of credit_amount_cents on the invoice; `rejected`: the invoice stands and dunning resumes for it.',
    }),
    note: Text("Finance's note on the decision (for a rejection, the reason given to the client).", TEXT_LIMITS.disputeNote),
    credit_amount_cents: Type.Optional(
      Cents('Upheld only: what invoicing credits on the invoice by a credit note (at most the disputed amount, against its open balance). Absent when rejected.', { minimum: 1 }),
    ),
    resolved_by: DisputeActor,
    opened_at: Timestamp('When the dispute was opened.'),
    resolved_at: Timestamp('When it was resolved.'),
  },
  { description: 'A dispute on an invoice was decided: upheld (a credit note follows from invoicing) or rejected (the invoice is due again).' },
);

export const collectionsDisputeResolved = defineEvent({
  name: 'collections.dispute_resolved',
  producer: 'collections-service',
  description: 'A dispute on an invoice was resolved: upheld (invoicing credits the invoice) or rejected (dunning resumes for it).',
  partitionKey: 'client_id',
  currentVersion: 1,
  versions: { 1: CollectionsDisputeResolvedDataV1 },
});
