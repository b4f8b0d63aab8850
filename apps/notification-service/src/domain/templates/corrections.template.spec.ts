import { loadEmailRenderer } from '../../infrastructure/templates/template-files.loader';
import { type CreditNoteIssuedNotice, creditNoteIssuedTemplate } from './credit-note-issued.template';
import { type InvoiceVoidedNotice, invoiceVoidedTemplate } from './invoice-voided.template';

// The renderer the service builds at start-up, from the real template files.
const renderer = loadEmailRenderer();

const creditNoteIssuedEmail = (notice: CreditNoteIssuedNotice) => renderer.render(creditNoteIssuedTemplate, 'en', notice);
const invoiceVoidedEmail = (notice: InvoiceVoidedNotice) => renderer.render(invoiceVoidedTemplate, 'en', notice);

const creditNote: CreditNoteIssuedNotice = {
  clientName: 'Acme Corp',
  contractTitle: 'Customer portal rebuild',
  creditNoteId: 'cn_3',
  creditNoteNumber: 'CN-2026-000003',
  invoiceNumber: 'INV-2026-000042',
  currency: 'usd',
  subtotalCents: 50_000,
  taxCents: 4_000,
  totalCents: 54_000,
  amountCreditedCents: 54_000,
  issueDate: '2026-06-05',
  reason: 'Two prototype screens descoped by agreement.',
  invoiceAmountDueCents: 756_000,
  invoiceStatus: 'open',
};

describe('The credit-note email', () => {
  it('names the credit note, the invoice it corrects, the project and the amount in the subject', () => {
    expect(creditNoteIssuedEmail(creditNote).subject).toBe('Credit note CN-2026-000003 for invoice INV-2026-000042 (Customer portal rebuild): 540.00 USD');
  });

  it('says why, how much, what is still due, and that the PDF is attached', () => {
    const { text } = creditNoteIssuedEmail(creditNote);
    for (const expected of ['Dear Acme Corp', 'Two prototype screens descoped by agreement.', '500.00 USD', '40.00 USD', 'Amount still due on invoice INV-2026-000042: 7,560.00 USD.', 'attached as a PDF']) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Deducted from the invoice');
  });

  it('attaches the credit note PDF, by reference', () => {
    const email = creditNoteIssuedEmail(creditNote);
    expect(email.attachments).toEqual([{ kind: 'credit_note_pdf', id: 'cn_3' }]);
    expect(email.text).toContain('The credit note is attached as a PDF (CN-2026-000003.pdf).');
  });

  it('says an invoice credited in full is cancelled, and shows the deduction when retainage made it smaller than the total', () => {
    const { text } = creditNoteIssuedEmail({ ...creditNote, invoiceStatus: 'credited', invoiceAmountDueCents: 0, amountCreditedCents: 51_500 });
    expect(text).toContain('Invoice INV-2026-000042 is now cancelled in full: nothing is due on it.');
    expect(text).toContain('Deducted from the invoice: 515.00 USD');
  });
});

describe('The invoice-voided email', () => {
  it('tells the AP contact not to pay the voided invoice, and why', () => {
    const { subject, text } = invoiceVoidedEmail({
      clientName: null,
      contractTitle: 'Customer portal rebuild',
      invoiceNumber: 'INV-2026-000042',
      currency: 'usd',
      totalCents: 810_000,
      reason: 'Issued with the wrong purchase-order reference.',
    });
    expect(subject).toBe('Invoice INV-2026-000042 for Customer portal rebuild has been voided: do not pay');
    for (const expected of ['Dear accounts payable team', '8,100.00 USD', 'Reason: Issued with the wrong purchase-order reference.', 'please do not pay it']) {
      expect(text).toContain(expected);
    }
  });
});
