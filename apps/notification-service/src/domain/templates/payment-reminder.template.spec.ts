import { loadEmailRenderer } from '../../infrastructure/templates/template-files.loader';
import { type PaymentReminderNotice, paymentReminderTemplate } from './payment-reminder.template';

// The renderer the service builds at start-up, from the real template files.
const renderer = loadEmailRenderer();
const paymentReminderEmail = (notice: PaymentReminderNotice) => renderer.render(paymentReminderTemplate, 'en', notice);

const notice: PaymentReminderNotice = {
  invoiceId: 'inv_01JREMINDER0000000000000000',
  clientName: 'Acme Retail',
  contractTitle: 'Customer portal rebuild',
  invoiceNumber: 'INV-2026-000042',
  reminderKind: 'before_due',
  currency: 'usd',
  amountDueCents: 772_500,
  dueDate: '2026-06-27',
  daysUntilDue: 3,
  daysPastDue: 0,
  paymentInstructions: { accountName: 'Milestone Billing Example Ltd', bankAccount: 'DE02120300000000202051', bankBic: 'BYLADEM1001', paymentReference: 'INV-2026-000042' },
};

describe('The payment reminder email', () => {
  it('names the invoice, the amount due, the due date, the days left and how to pay, with the PDF attached', () => {
    const email = paymentReminderEmail(notice);

    expect(email.subject).toBe('Reminder: invoice INV-2026-000042 (7,725.00 USD) is due on 2026-06-27');
    expect(email.text).toContain('A courtesy reminder that invoice INV-2026-000042 for "Customer portal rebuild" falls due on 2026-06-27, in 3 days.');
    expect(email.text).toContain('Amount due:     7,725.00 USD');
    expect(email.text).toContain('Days left:      3');
    expect(email.text).toContain('Account:      DE02120300000000202051');
    expect(email.text).toContain('BIC:          BYLADEM1001');
    expect(email.text).toContain('Reference:    INV-2026-000042');
    expect(email.attachments).toEqual([{ kind: 'invoice_pdf', id: notice.invoiceId }]);
  });

  it('says the invoice is due today on the due date', () => {
    const email = paymentReminderEmail({ ...notice, reminderKind: 'on_due', daysUntilDue: 0 });

    expect(email.subject).toBe('Invoice INV-2026-000042 (7,725.00 USD) is due today');
    expect(email.text).toContain('is due today, 2026-06-27.');
    expect(email.text).not.toContain('Days left');
  });

  it('says how many days late the invoice is after the due date, more firmly', () => {
    const email = paymentReminderEmail({ ...notice, reminderKind: 'after_due', daysUntilDue: 0, daysPastDue: 7, amountDueCents: 500_000 });

    expect(email.subject).toBe('Overdue: invoice INV-2026-000042 (5,000.00 USD) is 7 days late');
    expect(email.text).toContain('is now 7 days overdue. We have not yet received payment.');
    expect(email.text).toContain('Days late:      7');
    expect(email.text).toContain('Please arrange payment as soon as possible.');
  });

  it('leaves the BIC out when the seller gave none, and greets the AP team when the client has no name', () => {
    const email = paymentReminderEmail({ ...notice, clientName: null, paymentInstructions: { ...notice.paymentInstructions, bankBic: null } });

    expect(email.text.startsWith('Dear accounts payable team,')).toBe(true);
    expect(email.text).not.toContain('BIC:');
  });

  it('writes a German client in German, with the invoice PDF attached', () => {
    const email = renderer.render(paymentReminderTemplate, 'de', { ...notice, reminderKind: 'after_due', daysPastDue: 1 });

    expect(email.subject).toBe('Überfällig: Rechnung INV-2026-000042 (7.725,00 USD) ist seit 1 Tag überfällig');
    expect(email.text).toContain('war am 27. Juni 2026 fällig');
    expect(email.html).toContain('DE02120300000000202051');
    expect(email.attachments).toEqual([{ kind: 'invoice_pdf', id: notice.invoiceId }]);
  });
});
