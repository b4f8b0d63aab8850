import { loadEmailRenderer } from '../../infrastructure/templates/template-files.loader';
import { type InstalmentDueSoonNotice, instalmentDueSoonTemplate } from './instalment-due-soon.template';
import { type PaymentPlanAgreedNotice, paymentPlanAgreedTemplate } from './payment-plan-agreed.template';
import { type PaymentPlanBrokenNotice, paymentPlanBrokenTemplate } from './payment-plan-broken.template';

// The renderer the service builds at start-up, from the real template files.
const renderer = loadEmailRenderer();
const paymentPlanAgreedEmail = (notice: PaymentPlanAgreedNotice) => renderer.render(paymentPlanAgreedTemplate, 'en', notice);
const instalmentDueSoonEmail = (notice: InstalmentDueSoonNotice) => renderer.render(instalmentDueSoonTemplate, 'en', notice);
const paymentPlanBrokenEmail = (notice: PaymentPlanBrokenNotice) => renderer.render(paymentPlanBrokenTemplate, 'en', notice);

describe('The payment plan agreed email', () => {
  const email = paymentPlanAgreedEmail({
    paymentPlanId: 'plan_1',
    clientName: 'Acme Corp',
    currency: 'usd',
    totalCents: 772_500,
    instalments: [
      { index: 0, kind: 'down_payment', dueDate: '2026-07-20', amountCents: 100_000 },
      { index: 1, kind: 'instalment', dueDate: '2026-08-15', amountCents: 336_250 },
      { index: 2, kind: 'instalment', dueDate: '2026-09-15', amountCents: 336_250 },
    ],
    invoiceNumbers: ['INV-2026-000042'],
    graceDays: 5,
    reminderDaysBefore: 3,
  });

  it('attaches the schedule PDF, by reference', () => {
    expect(email.attachments).toEqual([{ kind: 'payment_plan_pdf', id: 'plan_1' }]);
  });

  it('lists the down payment and each instalment with its amount and date, and says what a missed payment means', () => {
    expect(email.subject).toBe('Your payment plan: 7,725.00 USD in 2 instalments');
    for (const expected of ['Dear Acme Corp', 'INV-2026-000042', 'Down payment: 1,000.00 USD due 2026-07-20', 'Instalment 2: 3,362.50 USD due 2026-09-15', 'within 5 days', '3 days before']) {
      expect(email.text).toContain(expected);
    }
  });

  it('lists the schedule in the HTML part and in German', () => {
    expect(email.html).toContain('Instalment 2');
    expect(email.html).toContain('3,362.50 USD due 2026-09-15');
    const german = renderer.render(paymentPlanAgreedTemplate, 'de', paymentPlanAgreedTemplate.sample);
    expect(german.subject).toBe('Ihr Zahlungsplan: 7.725,00 USD in 2 Raten');
    expect(german.text).toContain('Anzahlung: 1.000,00 USD fällig am 20. Juli 2026');
    expect(german.attachments).toEqual([{ kind: 'payment_plan_pdf', id: paymentPlanAgreedTemplate.sample.paymentPlanId }]);
  });
});

describe('The instalment reminder email', () => {
  it('names the instalment, its date and what is left to pay on it', () => {
    const email = instalmentDueSoonEmail({ clientName: null, instalmentIndex: 2, dueDate: '2026-09-15', daysUntilDue: 3, currency: 'jpy', amountCents: 50_000, amountOutstandingCents: 20_000 });
    expect(email.subject).toBe('Payment plan: 20,000 JPY due 2026-09-15');
    expect(email.text).toContain('instalment 2 of your payment plan is due in 3 days, on 2026-09-15');
    expect(email.text).toContain('Amount due: 20,000 JPY (of 50,000 JPY; the rest is paid)');
    expect(email.text).toContain('Dear accounts payable team');
  });

  it('says today or tomorrow when it is that close, and names the down payment', () => {
    const notice: InstalmentDueSoonNotice = { clientName: 'Acme Corp', instalmentIndex: 0, dueDate: '2026-07-20', daysUntilDue: 0, currency: 'usd', amountCents: 100_000, amountOutstandingCents: 100_000 };
    expect(instalmentDueSoonEmail(notice).text).toContain('the down payment of your payment plan is due today, on 2026-07-20.');
    expect(instalmentDueSoonEmail(notice).text).not.toContain('the rest is paid');
    expect(instalmentDueSoonEmail({ ...notice, daysUntilDue: 1 }).text).toContain('is due tomorrow, on 2026-07-20.');
  });
});

describe('The payment plan broken email', () => {
  it('names the missed instalment and the balance now due', () => {
    const email = paymentPlanBrokenEmail({ clientName: 'Acme Corp', currency: 'kwd', missedInstalmentIndex: 0, missedDueDate: '2026-07-20', missedUnpaidCents: 1_500, graceDays: 5, outstandingCents: 9_000 });
    expect(email.subject).toBe('Payment plan ended: 9.000 KWD now due');
    expect(email.text).toContain('The down payment of your payment plan, due on 2026-07-20, was not received within 5 days of its due date (1.500 KWD unpaid).');
  });
});
