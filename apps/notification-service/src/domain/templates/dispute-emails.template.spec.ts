import { loadEmailRenderer } from '../../infrastructure/templates/template-files.loader';
import { disputeAcknowledgedTemplate, type DisputeAcknowledgement } from './dispute-acknowledgement.template';
import { type DisputeDecision, disputeResolvedTemplate } from './dispute-resolved.template';

// The renderer the service builds at start-up, from the real template files.
const renderer = loadEmailRenderer();
const disputeAcknowledgementEmail = (notice: DisputeAcknowledgement) => renderer.render(disputeAcknowledgedTemplate, 'en', notice);
const disputeResolvedEmail = (decision: DisputeDecision) => renderer.render(disputeResolvedTemplate, 'en', decision);

const partOfTheInvoice: DisputeAcknowledgement = {
  clientName: 'Acme Corp',
  contractTitle: 'Customer portal rebuild',
  invoiceNumber: 'INV-2026-000042',
  currency: 'usd',
  amountCents: 150_000,
  invoiceBalanceCents: 772_500,
  wholeInvoice: false,
  reason: 'The prototype review took two days, not the five billed.',
  openedByClient: true,
};

const upheld: DisputeDecision = {
  clientName: 'Acme Corp',
  contractTitle: 'Customer portal rebuild',
  invoiceNumber: 'INV-2026-000042',
  currency: 'usd',
  amountCents: 150_000,
  outcome: 'upheld',
  note: 'Timesheets confirm two days.',
  creditAmountCents: 100_000,
};

describe('The dispute acknowledgement email', () => {
  it('says what was disputed, the reason, and what happens next', () => {
    // given a client's dispute of part of an invoice, when its acknowledgement is written
    const email = disputeAcknowledgementEmail(partOfTheInvoice);
    // then it names the invoice and amount, repeats the reason and explains the next steps
    expect(email.subject).toBe('We received your dispute of invoice INV-2026-000042 (1,500.00 USD)');
    for (const expected of ['Dear Acme Corp', 'We have received your dispute of 1,500.00 USD of invoice INV-2026-000042', 'two days, not the five', 'We will not send payment reminders', 'credit note', 'The undisputed part (6,225.00 USD) remains payable']) {
      expect(email.text).toContain(expected);
    }
  });

  it('says finance recorded it when finance opened it, and leaves out an undisputed part when the whole invoice is disputed', () => {
    const email = disputeAcknowledgementEmail({ ...partOfTheInvoice, amountCents: 772_500, wholeInvoice: true, openedByClient: false });
    expect(email.text).toContain('our finance team has recorded a dispute of the whole open balance of invoice INV-2026-000042');
    expect(email.text).not.toContain('undisputed part');
  });

  it('writes the reason as text in the HTML part, and in German for a German client', () => {
    const html = disputeAcknowledgementEmail({ ...partOfTheInvoice, reason: 'Two days, not <b>five</b>.' }).html;
    expect(html).toContain('Two days, not &lt;b&gt;five&lt;/b&gt;.');
    expect(html).toContain('6,225.00 USD');
    const german = renderer.render(disputeAcknowledgedTemplate, 'de', partOfTheInvoice);
    expect(german.subject).toBe('Ihr Einspruch gegen Rechnung INV-2026-000042 (1.500,00 USD) ist eingegangen');
    expect(german.text).toContain('Der nicht bestrittene Teil (6.225,00 USD) bleibt wie in Rechnung gestellt zahlbar.');
  });
});

describe('The dispute decision email', () => {
  it('announces the credit note when the dispute is upheld', () => {
    const email = disputeResolvedEmail(upheld);
    expect(email.subject).toBe('Your dispute of invoice INV-2026-000042 was upheld: 1,000.00 USD credited');
    expect(email.text).toContain('A credit note for 1,000.00 USD follows');
    expect(email.text).toContain('Timesheets confirm two days.');
  });

  it('gives the reason and says the invoice is due again when it is rejected', () => {
    const email = disputeResolvedEmail({ ...upheld, outcome: 'rejected', note: 'The review log shows five days.', creditAmountCents: null });
    expect(email.subject).toBe('Your dispute of invoice INV-2026-000042 was not upheld: the invoice is due again');
    expect(email.text).toContain('Reason:\nThe review log shows five days.');
    expect(email.text).toContain('The invoice is due again as issued, and payment reminders for it resume.');
  });
});
