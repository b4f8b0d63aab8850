import { loadEmailRenderer } from '../../infrastructure/templates/template-files.loader';
import { type CollectionsReminder, collectionsReminderTemplate } from './collections-reminder.template';
import { type InvoiceIssuedNotice, invoiceIssuedTemplate } from './invoice-issued.template';
import { type AdvanceNotice, advanceNoticeTemplate } from './milestone-due-soon.template';

// The renderer the service builds at start-up, from the real template files.
const renderer = loadEmailRenderer();

const invoiceIssuedEmail = (notice: InvoiceIssuedNotice) => renderer.render(invoiceIssuedTemplate, 'en', notice);
const collectionsReminderEmail = (reminder: CollectionsReminder) => renderer.render(collectionsReminderTemplate, 'en', reminder);
const advanceNoticeEmail = (notice: AdvanceNotice) => renderer.render(advanceNoticeTemplate, 'en', notice);

const notice: InvoiceIssuedNotice = {
  invoiceId: 'inv_42',
  clientName: 'Acme Corp',
  contractTitle: 'Customer portal rebuild',
  invoiceNumber: 'INV-2026-000042',
  milestoneIndex: 2,
  milestoneTitle: 'Midway UI Prototype Sign-off',
  currency: 'usd',
  totalCents: 810_000,
  retainageCents: 37_500,
  amountDueCents: 772_500,
  issueDate: '2026-05-28',
  dueDate: '2026-06-27',
  purchaseOrderRef: 'PO-77812',
};

describe('The invoice-issued email', () => {
  it('attaches the invoice PDF, by reference', () => {
    const email = invoiceIssuedEmail(notice);
    expect(email.attachments).toEqual([{ kind: 'invoice_pdf', id: 'inv_42' }]);
    expect(email.text).toContain('The invoice is attached as a PDF (INV-2026-000042.pdf).');
  });

  it('names the invoice number, project, amount and due date in the subject', () => {
    // given an issued invoice, when its email is written, then the subject says what and when
    expect(invoiceIssuedEmail(notice).subject).toBe('Invoice INV-2026-000042 for Customer portal rebuild: 7,725.00 USD due 2026-06-27');
  });

  it('details contract, milestone, amounts, dates and purchase order in the body', () => {
    const { text } = invoiceIssuedEmail(notice);
    for (const expected of ['Dear Acme Corp', 'Customer portal rebuild', '2. Midway UI Prototype Sign-off', '8,100.00 USD', '375.00 USD', '7,725.00 USD', '2026-05-28', '2026-06-27', 'PO-77812']) {
      expect(text).toContain(expected);
    }
  });

  it('leaves out retainage and purchase order when there are none', () => {
    const { text } = invoiceIssuedEmail({ ...notice, retainageCents: 0, purchaseOrderRef: null, clientName: null });
    expect(text).not.toContain('Retainage');
    expect(text).not.toContain('Purchase order');
    expect(text).toContain('Dear accounts payable team');
  });

  it('names the invoices a retainage release bills, and no milestone', () => {
    // given a retainage release (invoice.issued v2 without a milestone) of 1,500.00
    const release = { ...notice, milestoneIndex: undefined, milestoneTitle: undefined, releasedInvoiceNumbers: ['INV-2026-000040', 'INV-2026-000041'], totalCents: 150_000, retainageCents: 0, amountDueCents: 150_000 };
    // when its email is written, then it lists what it releases and asks for the amount
    const { text, subject } = invoiceIssuedEmail(release);
    expect(text).toContain('Retainage released from: INV-2026-000040, INV-2026-000041');
    expect(text).not.toContain('Milestone:');
    expect(subject).toBe('Invoice INV-2026-000042 for Customer portal rebuild: 1,500.00 USD due 2026-06-27');
  });
});

describe('The collections reminder', () => {
  it('reminds politely of the overdue invoice, its amount and lateness', () => {
    // given a case opened on the friendly reminder, when the reminder is written
    const email = collectionsReminderEmail({
      clientName: 'Acme Corp',
      contractTitle: 'Customer portal rebuild',
      invoiceNumber: 'INV-2026-000042',
      currency: 'usd',
      amountDueCents: 772_500,
      dueDate: '2026-06-27',
      daysOverdue: 1,
      stage: 'friendly_reminder',
    });
    // then it names the invoice, the amount and how late it is
    expect(email.subject).toBe('Reminder: invoice INV-2026-000042 is 1 day overdue (7,725.00 USD)');
    expect(email.text).toContain('friendly reminder that invoice INV-2026-000042 for "Customer portal rebuild" was due on 2026-06-27');
  });
});

describe('The advance notice', () => {
  const advance: AdvanceNotice = {
    clientName: 'Acme Corp',
    contractTitle: 'Customer portal rebuild',
    milestoneIndex: 2,
    milestoneTitle: 'Midway UI Prototype Sign-off',
    currency: 'usd',
    amountCents: 750_000,
    plannedDate: '2026-05-25',
    daysUntilDue: 7,
    expectedInvoiceDate: '2026-05-25',
    expectedDueDate: '2026-06-24',
    netDays: 30,
  };

  it('names the contract, milestone, amount and expected invoice date in the subject', () => {
    expect(advanceNoticeEmail(advance).subject).toBe('Advance notice: Customer portal rebuild, milestone 2 (7,500.00 USD) expected to be invoiced 2026-05-25');
  });

  it('details the milestone, the amount, the expected invoice date and the due date under the terms', () => {
    // given a milestone due in a week on net-30 terms, when its notice is written
    const { text } = advanceNoticeEmail(advance);
    // then it says what is coming and when it will be due
    for (const expected of ['Dear Acme Corp', '"Customer portal rebuild"', '2. Midway UI Prototype Sign-off', '2026-05-25 (in 7 days)', '7,500.00 USD', 'Expected invoice date:  2026-05-25', 'Expected due date:      2026-06-24 (net 30 days)']) {
      expect(text).toContain(expected);
    }
  });

  it('leaves the due date out when the terms are not known, and says "today" on the day', () => {
    const { text } = advanceNoticeEmail({ ...advance, expectedDueDate: null, netDays: null, daysUntilDue: 0, clientName: null });
    expect(text).not.toContain('Expected due date');
    expect(text).toContain('2026-05-25 (today)');
    expect(text).toContain('Dear accounts payable team');
  });
});
