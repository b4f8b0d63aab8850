import { loadEmailRenderer } from '../../infrastructure/templates/template-files.loader';
import { collectionsHandedOffTemplate, type HandOffNotice } from './collections-handed-off.template';

// The renderer the service builds at start-up, from the real template files.
const renderer = loadEmailRenderer();
const collectionsHandedOffEmail = (notice: HandOffNotice) => renderer.render(collectionsHandedOffTemplate, 'en', notice);

const notice: HandOffNotice = {
  clientName: 'Acme Corp',
  agency: 'Northwind Recoveries',
  handedOffOn: '2026-08-27',
  balances: [
    { currency: 'eur', balanceCents: 200_000 },
    { currency: 'usd', balanceCents: 772_500 },
  ],
  invoices: [
    { invoiceNumber: 'INV-2026-000042', currency: 'usd', balanceCents: 772_500 },
    { invoiceNumber: 'INV-2026-000051', currency: 'eur', balanceCents: 200_000 },
  ],
};

describe('The hand-off notice', () => {
  it('names the agency and what is owed per currency, never added together, in the subject', () => {
    expect(collectionsHandedOffEmail(notice).subject).toBe('Notice: your overdue balance (2,000.00 EUR and 7,725.00 USD) has been passed to Northwind Recoveries');
  });

  it('lists each invoice with its balance, the date and who will be in touch', () => {
    const { text } = collectionsHandedOffEmail(notice);
    for (const expected of ['Dear Acme Corp', 'As of 2026-08-27', 'Northwind Recoveries, who will contact you', '- Invoice INV-2026-000042: 7,725.00 USD outstanding', '- Invoice INV-2026-000051: 2,000.00 EUR outstanding']) {
      expect(text).toContain(expected);
    }
  });

  it('greets the accounts payable team when the client name is not known', () => {
    expect(collectionsHandedOffEmail({ ...notice, clientName: null }).text.startsWith('Dear accounts payable team,')).toBe(true);
  });

  it('escapes the agency in the HTML part, and writes German for a German client', () => {
    expect(collectionsHandedOffEmail({ ...notice, agency: 'Northwind <Recoveries>' }).html).toContain('Northwind &lt;Recoveries&gt;');
    const german = renderer.render(collectionsHandedOffTemplate, 'de', notice);
    expect(german.subject).toBe('Mitteilung: Ihr überfälliger Betrag (2.000,00 EUR und 7.725,00 USD) wurde an Northwind Recoveries übergeben');
    expect(german.text).toContain('Mit Wirkung vom 27. August 2026');
  });
});
