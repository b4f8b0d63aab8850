import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { CalendarDate, CaseId, Cents, ClientId, ContractId, Count, Currency, InvoiceId, InvoiceNumber, Timestamp } from '../event-fields';
import { CaseBalances, DunningChannelField, DunningStage, DunningTemplateField } from './collections.fields';

export const CollectionsInvoiceJoinedDataV1 = Type.Object(
  {
    case_id: CaseId,
    client_id: ClientId,
    stage: DunningStage('The dunning step the case is on; the letter is in its tone.'),
    template: DunningTemplateField,
    channel: DunningChannelField,
    joined_at: Timestamp('When the invoice joined the case.'),
    invoice_id: InvoiceId,
    invoice_number: InvoiceNumber,
    contract_id: ContractId,
    currency: Currency,
    amount_due_cents: Cents('What is still owed on the invoice that joined.', { minimum: 1 }),
    due_date: CalendarDate('Its due date.'),
    days_overdue: Count('Days past that due date.', { minimum: 1 }),
    balances: CaseBalances,
  },
  { description: "Another of the client's invoices went overdue and joined its open collections case, which chases it with a letter." },
);

export const collectionsInvoiceJoined = defineEvent({
  name: 'collections.invoice_joined',
  producer: 'collections-service',
  description: "An overdue invoice joined the client's open collections case.",
  partitionKey: 'client_id',
  currentVersion: 1,
  versions: { 1: CollectionsInvoiceJoinedDataV1 },
});
