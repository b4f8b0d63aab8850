import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import {
  CalendarDate,
  CaseId,
  Cents,
  ClientId,
  ContractId,
  Count,
  Currency,
  InvoiceId,
  InvoiceNumber,
  Timestamp,
} from '../event-fields';
import { DunningStage } from './collections.fields';

export const CollectionsCaseOpenedDataV1 = Type.Object(
  {
    case_id: CaseId,
    client_id: ClientId,
    stage: DunningStage('The first step of the dunning ladder the case starts on.'),
    opened_at: Timestamp('When the case was opened.'),
    invoice_id: InvoiceId,
    invoice_number: InvoiceNumber,
    contract_id: ContractId,
    currency: Currency,
    amount_due_cents: Cents('Open balance of the overdue invoice that opened the case.', { minimum: 1 }),
    due_date: CalendarDate('Due date of that invoice.'),
    days_overdue: Count('Days past that due date.', { minimum: 1 }),
  },
  { description: "A collections case for a client, opened by one of the client's invoices going overdue." },
);

export const collectionsCaseOpened = defineEvent({
  name: 'collections.case_opened',
  producer: 'collections-service',
  description: 'A collections case was opened for a client because an invoice went overdue.',
  partitionKey: 'client_id',
  currentVersion: 1,
  versions: { 1: CollectionsCaseOpenedDataV1 },
});
