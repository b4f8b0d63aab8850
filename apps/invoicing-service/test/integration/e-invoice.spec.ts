import { uniqueName } from '@mb/testing';
import { anOpenInvoice } from '../../src/domain/invoice/invoice.fixtures';
import { aBuyer, aCreditNote, aSeller } from '../../src/domain/documents/e-invoice.fixtures';
import { eInvoiceOfCreditNote, eInvoiceOfInvoice } from '../../src/domain/documents/e-invoice';
import { ublXmlOf } from '../../src/infrastructure/documents/ubl.renderer';
import { aBillingTrigger, InvoicingTestKit, textOfPdf } from './invoicing-test-kit';
import { validateWithPhive, type ValidationReport } from './e-invoice-test-kit';

const rulesOf = (report: ValidationReport) => report.errors.map((error) => error.rule);

// Issue 10 items 4 and 5: an invoice AP can pay, and the e-invoice, validated by phive with the
// OpenPeppol rules (an independent validator from Maven Central, tools/ubl-validator).
describe('e-invoices (UBL 2.1, Peppol BIS Billing 3.0)', () => {
  it('passes the Peppol rules with zero errors: USD with tax, JPY, retainage, a credit note; and names the rule a broken one breaks', async () => {
    // given the four documents the issue names, and one whose buyer has no name
    const usd = ublXmlOf(eInvoiceOfInvoice(anOpenInvoice({ taxRateBps: 825 }).snapshot(), aSeller(), aBuyer()));
    const jpy = ublXmlOf(
      eInvoiceOfInvoice(anOpenInvoice({ currency: 'jpy', amountCents: 1_234_567, taxRateBps: 1000 }).snapshot(), aSeller(), aBuyer({ address: { street: null, city: 'Tokyo', postalCode: null, countryCode: 'JP' } })),
    );
    const retainage = ublXmlOf(eInvoiceOfInvoice(anOpenInvoice({ amountCents: 1_234_567, taxRateBps: 2000, retainageBps: 1000 }).snapshot(), aSeller(), aBuyer()));
    const creditNote = ublXmlOf(eInvoiceOfCreditNote(aCreditNote(), aSeller(), aBuyer()));
    const withoutBuyerName = usd.replace(/(<cac:AccountingCustomerParty>[\s\S]*?)<cac:PartyLegalEntity>[\s\S]*?<\/cac:PartyLegalEntity>/, '$1');
    expect(withoutBuyerName).not.toBe(usd);

    // when phive validates them
    const reports = await validateWithPhive({ usd, jpy, retainage, creditNote, withoutBuyerName });

    // then the four have no error, each checked by the invoice or credit-note rules of Peppol BIS 3
    for (const name of ['usd', 'jpy', 'retainage', 'creditNote']) expect([name, reports[name].errors]).toEqual([name, []]);
    expect(reports.usd.validationSet).toMatch(/^eu\.peppol\.bis3:invoice:/);
    expect(reports.creditNote.validationSet).toMatch(/^eu\.peppol\.bis3:creditnote:/);
    // and the broken one is refused by EN 16931 BR-07 (an invoice shall contain the buyer name)
    expect(rulesOf(reports.withoutBuyerName)).toContain('BR-07');

    // and the amounts are in the currency's decimals: none for yen, and retainage as the paid amount
    expect(jpy).toContain('<cbc:PayableAmount currencyID="JPY">1358024</cbc:PayableAmount>');
    expect(retainage).toContain('<cbc:TaxInclusiveAmount currencyID="USD">14814.80</cbc:TaxInclusiveAmount>');
    expect(retainage).toContain('<cbc:PrepaidAmount currencyID="USD">1234.57</cbc:PrepaidAmount>');
    expect(retainage).toContain('<cbc:PayableAmount currencyID="USD">13580.23</cbc:PayableAmount>');
  });

  describe('from the running service', () => {
    let kit: InvoicingTestKit;

    beforeAll(async () => {
      // given a seller configured as a deployment would (not the local defaults)
      kit = await InvoicingTestKit.start({
        SELLER_LEGAL_NAME: 'Milestone Works GmbH',
        SELLER_STREET: 'Friedrichstraße 68',
        SELLER_CITY: 'Berlin',
        SELLER_POSTAL_CODE: '10117',
        SELLER_COUNTRY_CODE: 'DE',
        SELLER_VAT_ID: 'DE123456789',
        SELLER_ENDPOINT_ID: '9930:DE123456789',
        SELLER_BANK_ACCOUNT: 'DE89 3704 0044 0532 0130 00',
        SELLER_BANK_BIC: 'COBADEFFXXX',
      });
      await kit.moveClockTo('2030-06-03T10:00:00Z');
    });

    afterAll(async () => {
      await kit?.close();
    });

    it('shows the configured seller, the buyer, PO, milestone and its acceptance evidence, terms and how to pay on the PDF', async () => {
      // given an invoice with tax and retainage, issued for a milestone deemed accepted on its evidence
      const { contractId } = await kit.anActiveContract({ tax_rate_bps: 825, retainage_bps: 500, client_time_zone: 'UTC' });
      await kit.publish('milestone.status_updated', {
        ...aBillingTrigger(contractId, 2, 750_000),
        status: 'approved',
        previous_status: 'submitted',
        reason: 'deemed_accepted',
        evidence_url: 'https://acme.example/prototype-review',
        occurred_at: '2030-06-02T07:00:00.000Z',
      });
      const invoice = await kit.issued(contractId, 2, 750_000);

      // when its PDF is asked for
      const pdf = await kit.request('GET', `/v1/invoices/${invoice.id}/pdf`);

      // then an AP team finds everything it needs to pay it
      expect(pdf.status).toBe(200);
      const shown = textOfPdf(pdf.body);
      for (const expected of [
        'From: Milestone Works GmbH',
        'Friedrichstraße 68',
        '10117 Berlin',
        'VAT ID: DE123456789',
        'Bill to: Acme Corp',
        'Contract: Customer portal rebuild',
        'Purchase order: PO-77812',
        'Milestone 2: Midway UI Prototype Sign-off',
        'Accepted: 2030-06-02 (deemed accepted: the approval window closed without an answer)',
        'Acceptance evidence: https://acme.example/prototype-review',
        `Payment terms: net 15 days, due ${invoice.due_date}.`,
        'IBAN: DE89370400440532013000',
        'BIC: COBADEFFXXX',
        `Reference (quote with your payment): ${invoice.number}`,
      ]) {
        expect(shown).toContain(expected);
      }
    });

    it('serves an issued invoice as UBL that passes the Peppol rules, the buyer as its client gave itself', async () => {
      // given an issued invoice with tax and retainage, for a client with its billing address, VAT number and Peppol id
      const { contractId } = await kit.anActiveContract({
        tax_rate_bps: 825,
        retainage_bps: 500,
        client_billing_address: { street: '1 Market Street', city: 'San Francisco', postal_code: '94105', country_code: 'US' },
        client_vat_number: 'DE811907980',
        client_peppol_participant: '0060:123456789',
      });
      const invoice = await kit.issued(contractId, 1, 750_000);

      // when its UBL document is asked for
      const ubl = await kit.request('GET', `/v1/invoices/${invoice.id}/ubl`);

      // then it is a UBL Invoice with the invoice's number, the seller from configuration, the buyer and the amount due
      expect(ubl.status).toBe(200);
      expect(ubl.headers['content-type']).toMatch(/^application\/xml/);
      expect(ubl.headers['content-disposition']).toBe(`inline; filename="${invoice.number}.xml"`);
      const xml = ubl.body.toString('utf8');
      expect(xml).toContain(`<cbc:ID>${invoice.number}</cbc:ID>`);
      expect(xml).toContain('<cbc:RegistrationName>Milestone Works GmbH</cbc:RegistrationName>');
      expect(xml).toContain('<cbc:EndpointID schemeID="9930">DE123456789</cbc:EndpointID>');
      expect(xml).toContain('<cbc:EndpointID schemeID="0060">123456789</cbc:EndpointID>');
      expect(xml).toContain('<cbc:PaymentMeansCode>58</cbc:PaymentMeansCode>');
      expect(xml).toContain(`<cbc:PayableAmount currencyID="USD">${(invoice.amount_due_cents / 100).toFixed(2)}</cbc:PayableAmount>`);
      // and phive finds no error in it
      const { served } = await validateWithPhive({ served: xml });
      expect(served.errors).toEqual([]);
      // and the PDF names the buyer at the same address
      const shown = textOfPdf((await kit.request('GET', `/v1/invoices/${invoice.id}/pdf`)).body);
      for (const expected of ['1 Market Street', '94105 San Francisco', 'VAT ID: DE811907980']) expect(shown).toContain(expected);
    });

    it('serves a credit note as a UBL CreditNote that passes the Peppol rules, and its PDF names the seller and the buyer', async () => {
      // given a credit note of 500.00 net against an invoice with tax and retainage, for a client with full billing details
      const { contractId } = await kit.anActiveContract({
        tax_rate_bps: 825,
        retainage_bps: 500,
        client_billing_address: { street: '1 Market Street', city: 'San Francisco', postal_code: '94105', country_code: 'US' },
        client_vat_number: 'DE811907980',
        client_peppol_participant: '0060:123456789',
      });
      const invoice = await kit.issued(contractId, 1, 750_000);
      const issued = await kit.request('POST', '/v1/credit-notes', { invoice_id: invoice.id, reason: 'Late delivery discount.', amount_cents: 50_000 }, { 'idempotency-key': uniqueName('credit') });
      expect(issued.status).toBe(201);
      const note = issued.json() as { id: string; number: string; total_cents: number };

      // when its UBL document is asked for
      const ubl = await kit.request('GET', `/v1/credit-notes/${note.id}/ubl`);

      // then it is a UBL CreditNote with its number, crediting the invoice, from the configured seller to the buyer
      expect(ubl.status).toBe(200);
      expect(ubl.headers['content-type']).toMatch(/^application\/xml/);
      expect(ubl.headers['content-disposition']).toBe(`inline; filename="${note.number}.xml"`);
      const xml = ubl.body.toString('utf8');
      expect(xml).toContain('<CreditNote ');
      expect(xml).toContain(`<cbc:ID>${note.number}</cbc:ID>`);
      expect(xml).toContain(`<cbc:ID>${invoice.number}</cbc:ID>`);
      expect(xml).toContain('<cbc:RegistrationName>Milestone Works GmbH</cbc:RegistrationName>');
      expect(xml).toContain('<cbc:EndpointID schemeID="0060">123456789</cbc:EndpointID>');
      expect(xml).toContain(`<cbc:PayableAmount currencyID="USD">${(note.total_cents / 100).toFixed(2)}</cbc:PayableAmount>`);
      // and phive, with the credit-note rules, finds no error in it
      const { served } = await validateWithPhive({ served: xml });
      expect(served.validationSet).toMatch(/^eu\.peppol\.bis3:creditnote:/);
      expect(served.errors).toEqual([]);
      // and the PDF names the configured seller and the buyer at its address, as the invoice's does
      const shown = textOfPdf((await kit.request('GET', `/v1/credit-notes/${note.id}/pdf`)).body);
      for (const expected of ['From: Milestone Works GmbH', 'Friedrichstraße 68', '10117 Berlin', 'VAT ID: DE123456789', 'To: Acme Corp', '1 Market Street', '94105 San Francisco', 'VAT ID: DE811907980']) {
        expect(shown).toContain(expected);
      }
      expect(shown).not.toContain('Milestone Billing');
    });

    it('serves the UBL of a client that gave no address or Peppol id with exactly those gaps, and none for a draft', async () => {
      // given an issued invoice for a client known by name only, and a draft
      const { contractId, drafts } = await kit.anActiveContract();
      const invoice = await kit.issued(contractId, 1, 750_000);

      // when the UBL documents are asked for
      const ubl = await kit.request('GET', `/v1/invoices/${invoice.id}/ubl`);
      const draft = await kit.request('GET', `/v1/invoices/${drafts[3].id}/ubl`);

      // then phive finds only what the client record lacks: the buyer's address (BR-10) and electronic address (PEPPOL-EN16931-R010)
      expect(ubl.status).toBe(200);
      const { served } = await validateWithPhive({ served: ubl.body.toString('utf8') });
      expect([...new Set(rulesOf(served))].sort()).toEqual(['BR-10', 'PEPPOL-EN16931-R010']);
      // and the draft has none
      expect([draft.status, draft.json().code]).toEqual([409, 'invoice.not_issued']);
    });
  });
});
