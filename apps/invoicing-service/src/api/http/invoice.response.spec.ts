import { invoiceViewOf } from '../../application/queries/invoice.view';
import { eInvoiceOfInvoice } from '../../domain/documents/e-invoice';
import { aBuyer, aSeller } from '../../domain/documents/e-invoice.fixtures';
import type { SellerIdentity } from '../../domain/documents/seller-identity';
import { aDraftInvoice, anOpenInvoice } from '../../domain/invoice/invoice.fixtures';
import { PdfKitInvoiceRenderer } from '../../infrastructure/documents/invoice-pdf.renderer';
import { UblEInvoiceRenderer } from '../../infrastructure/documents/ubl.renderer';
import { invoiceResponseOf } from './invoice.response';

const NOW = new Date('2026-06-01T09:00:00Z');

/** The text lines an uncompressed pdfkit PDF shows (each a TJ array of hex strings split by kerning). */
function pdfLines(pdf: Buffer): string[] {
  return (pdf.toString('latin1').match(/\[[^\]]*\]\s*TJ/g) ?? []).map((line) =>
    [...line.matchAll(/<([0-9a-fA-F]*)>/g)].map((part) => Buffer.from(part[1], 'hex').toString('latin1')).join(''),
  );
}

/** The text of the first element at `path` (each step the first such element inside the one before); null when absent. */
function ublText(xml: string, path: string): string | null {
  let scope = xml;
  for (const element of path.split('/')) {
    const found = new RegExp(`<${element}(?:\\s[^>]*)?>([\\s\\S]*?)</${element}>`).exec(scope);
    if (!found) return null;
    scope = found[1];
  }
  return scope;
}

async function documentsOf(seller: SellerIdentity) {
  const invoice = anOpenInvoice().snapshot();
  const shown = invoiceResponseOf(invoiceViewOf(invoice, NOW, seller)).payment_instructions;
  const pdf = pdfLines(await new PdfKitInvoiceRenderer().render(invoice, { seller, buyer: aBuyer(), acceptance: null }));
  const ubl = new UblEInvoiceRenderer().render(eInvoiceOfInvoice(invoice, seller, aBuyer()));
  return { shown, pdf, ubl };
}

describe('Payment instructions on an invoice (issue 15)', () => {
  it('are the account, holder and reference that the PDF prints and the e-invoice states', async () => {
    // given a seller with a named SEPA account, and an issued invoice
    const { shown, pdf, ubl } = await documentsOf(aSeller());
    // then the API shows a bank transfer to that account, quoting the invoice number
    expect(shown).toEqual({ method: 'bank_transfer', account_name: 'Milestone Works GmbH', account: 'DE89370400440532013000', remittance_reference: 'INV-2026-000001' });
    // and the PDF prints the same three
    expect(pdf).toEqual(
      expect.arrayContaining([`Bank transfer to: ${shown?.account_name}`, `IBAN: ${shown?.account}`, `Reference (quote with your payment): ${shown?.remittance_reference}`]),
    );
    // and the UBL states them as BT-83, BT-84 and BT-85
    expect(ublText(ubl, 'cac:PaymentMeans/cbc:PaymentID')).toBe(shown?.remittance_reference);
    expect(ublText(ubl, 'cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID')).toBe(shown?.account);
    expect(ublText(ubl, 'cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:Name')).toBe(shown?.account_name);
  });

  it("name the seller as the holder of an account configured without a name, as the PDF does, and the UBL's seller is that holder", async () => {
    // given a seller whose account has no configured name, paid to a plain account number
    const { shown, pdf, ubl } = await documentsOf(aSeller({ payment: { account: '12345678', accountName: null, bic: null } }));
    // then the API and the PDF name the legal name; the UBL leaves BT-85 out and names the seller party so
    expect(shown).toMatchObject({ account_name: 'Milestone Works GmbH', account: '12345678' });
    expect(pdf).toEqual(expect.arrayContaining(['Bank transfer to: Milestone Works GmbH', 'Account: 12345678']));
    expect(ublText(ubl, 'cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID')).toBe('12345678');
    expect(ublText(ubl, 'cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:Name')).toBeNull();
    expect(ublText(ubl, 'cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName')).toBe(shown?.account_name);
  });

  it('are none for a draft, which has no number to quote', () => {
    const draft = aDraftInvoice().snapshot();
    expect(invoiceResponseOf(invoiceViewOf(draft, NOW, aSeller())).payment_instructions).toBeNull();
  });
});
