import { Type } from '@sinclair/typebox';
import { CalendarDate, Cents, ContractId, Count, Currency, InvoiceId, InvoiceNumber, StringEnum } from '../event-fields';

// The dunning ladder is configurable, so stages are the policy's step names, not a fixed enum;
// the pattern keeps them stable identifiers (friendly_reminder, final_demand, agency_handoff).
export const DunningStage = (description: string) =>
  Type.String({ pattern: '^[a-z][a-z0-9_]{0,63}$', description });

// Issue 11: what a dunning letter needs, carried by the events that send one.
export const DUNNING_CHANNELS = ['email', 'none'] as const;

export const DunningTemplateField = Type.String({
  pattern: '^[a-z][a-z0-9_]{0,63}$',
  description: "The letter's tone, a template notification-service writes: friendly, firm, final, handoff (an unknown one is written as firm).",
});

export const DunningChannelField = StringEnum(DUNNING_CHANNELS, {
  description: 'email: the letter goes to the client\'s accounts-payable contact; none: no letter (a quiet stage, or the case is held or has only disputed invoices left).',
});

export const CaseBalance = Type.Object(
  {
    currency: Currency,
    balance_cents: Cents('What is still owed in that currency over the case\'s invoices (disputed ones included).', { minimum: 1 }),
  },
  { description: 'What a case is owed in one currency; currencies are never added together.' },
);

export const CaseBalances = Type.Array(CaseBalance, { description: 'What the case is owed, one entry per currency, ordered by currency; empty once nothing is owed.' });

export const ChasedInvoice = Type.Object(
  {
    invoice_id: InvoiceId,
    invoice_number: InvoiceNumber,
    contract_id: ContractId,
    currency: Currency,
    amount_due_cents: Cents('What is still owed on the invoice.', { minimum: 1 }),
    due_date: CalendarDate('Its due date.'),
    days_late: Count('Whole days past that due date, in the client\'s calendar.', { minimum: 0 }),
  },
  { description: 'An invoice the letter chases: owed on and not disputed.' },
);
