import { loadEmailRenderer } from '../../infrastructure/templates/template-files.loader';
import { type PaymentPlanProposal, paymentPlanProposedTemplate } from './payment-plan-proposed.template';

// The renderer the service builds at start-up, from the real template files.
const renderer = loadEmailRenderer();

describe('payment plan proposal email', () => {
  const proposal: PaymentPlanProposal = {
    clientName: 'Acme Corp',
    currency: 'eur',
    totalCents: 900_000,
    instalments: [
      { index: 1, kind: 'instalment', dueDate: '2027-01-19', amountCents: 450_000 },
      { index: 2, kind: 'instalment', dueDate: '2027-02-19', amountCents: 450_000 },
    ],
    invoiceNumbers: ['INV-2026-000002'],
    graceDays: 5,
    acceptBy: '2027-01-19',
    portalCollectionsUrl: 'https://portal.agency.example/collections',
  };

  it('lists the schedule, says by when and where to accept it, and that nothing changes until then', () => {
    const email = renderer.render(paymentPlanProposedTemplate, 'en', proposal);
    expect(email.subject).toBe('A payment plan is proposed to you: 9,000.00 EUR in 2 instalments (accept by 2027-01-19)');
    expect(email.text).toContain('Instalment 1: 4,500.00 EUR due 2027-01-19');
    expect(email.text).toContain('To accept it, open your client portal: https://portal.agency.example/collections');
    expect(email.text).toContain('Until you do, nothing changes');
    expect(email.html).toContain('href="https://portal.agency.example/collections"');
  });

  it('is written in German for a German-speaking client, and without a portal asks for a reply', () => {
    expect(renderer.render(paymentPlanProposedTemplate, 'de', proposal).text).toContain('Um ihn anzunehmen, öffnen Sie Ihr Kundenportal: https://portal.agency.example/collections');
    const withoutPortal = renderer.render(paymentPlanProposedTemplate, 'en', { ...proposal, portalCollectionsUrl: null });
    expect(withoutPortal.text).toContain('To accept it, reply to this email');
    expect(withoutPortal.text).not.toContain('client portal');
  });
});
