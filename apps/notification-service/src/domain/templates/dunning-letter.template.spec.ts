import { loadEmailRenderer } from '../../infrastructure/templates/template-files.loader';
import { type DunningLetter, dunningLetterTemplate, type PromiseConfirmation, promiseConfirmationTemplate } from './dunning-letter.template';

// The renderer the service builds at start-up, from the real template files.
const renderer = loadEmailRenderer();
const dunningLetterEmail = (letter: DunningLetter) => renderer.render(dunningLetterTemplate, 'en', letter);
const promiseConfirmationEmail = (promise: PromiseConfirmation) => renderer.render(promiseConfirmationTemplate, 'en', promise);

const letter: DunningLetter = {
  clientName: 'Acme Corp',
  template: 'firm',
  stage: 'firm_notice',
  cause: 'ladder',
  balances: [
    { currency: 'eur', balanceCents: 10_000 },
    { currency: 'usd', balanceCents: 772_500 },
  ],
  invoices: [{ invoiceNumber: 'INV-2026-000042', currency: 'usd', amountDueCents: 772_500, dueDate: '2026-06-27', daysLate: 15 }],
};

describe('The dunning letter', () => {
  it('names each chased invoice with its amount, due date and days late, and the balance per currency', () => {
    const email = dunningLetterEmail(letter);
    expect(email.subject).toBe('Payment overdue: 100.00 EUR and 7,725.00 USD overdue');
    expect(email.text).toContain('Our records show that invoice INV-2026-000042 is still unpaid.');
    expect(email.text).toContain('- Invoice INV-2026-000042: 7,725.00 USD due 2026-06-27 (15 days late)');
    expect(email.text).toContain('Total outstanding: 100.00 EUR and 7,725.00 USD');
    expect(email.text).toContain('To pay, use the bank details on the invoice');
  });

  it('counts several chased invoices, and says a broken payment plan is why it escalated', () => {
    const email = dunningLetterEmail(dunningLetterTemplate.sample);
    expect(email.text).toContain('Our records show that the following 2 invoices are still unpaid.');
    expect(dunningLetterEmail({ ...letter, cause: 'broken_payment_plan' }).text).toContain('An instalment of the agreed payment plan was missed');
  });

  it('writes a German client in German, each currency apart', () => {
    const email = renderer.render(dunningLetterTemplate, 'de', { ...letter, template: 'final' });
    expect(email.subject).toBe('Letzte Mahnung: 100,00 EUR und 7.725,00 USD überfällig');
    expect(email.text).toContain('- Rechnung INV-2026-000042: 7.725,00 USD fällig am 27. Juni 2026 (seit 15 Tagen überfällig)');
    expect(email.html).toContain('7.725,00 USD');
  });

  it.each([
    ['friendly', 'Friendly reminder', 'friendly reminder'],
    ['final', 'Final notice', 'final notice'],
    ['handoff', 'Notice before collection agency referral', 'collection agency'],
    ['unknown_tone', 'Payment overdue', 'Our records show'],
  ])('writes the %s tone', (template, subject, phrase) => {
    const email = dunningLetterEmail({ ...letter, template });
    expect(email.subject.startsWith(subject)).toBe(true);
    expect(email.text).toContain(phrase);
  });

  it('says a broken promise is why it escalated', () => {
    expect(dunningLetterEmail({ ...letter, cause: 'broken_promise' }).text).toContain('The payment you promised did not arrive by the agreed date.');
  });

  it('confirms a promise to pay with its amount and date', () => {
    const email = promiseConfirmationEmail({ clientName: null, promisedDate: '2026-07-20', currency: 'usd', amountCents: 500_000 });
    expect(email.subject).toBe('Promise to pay confirmed: 5,000.00 USD by 2026-07-20');
    expect(email.text).toContain('Dear accounts payable team,');
  });
});
