import { loadEmailRenderer } from '../../infrastructure/templates/template-files.loader';
import { type ChangeOrderProposal, changeOrderProposedTemplate } from './change-order-proposed.template';

// The renderer the service builds at start-up, from the real template files.
const renderer = loadEmailRenderer();

describe('change order proposed email', () => {
  const proposal: ChangeOrderProposal = changeOrderProposedTemplate.sample;

  it('lists each milestone the change touches with its amount before and after, the totals, the deadline and how to answer', () => {
    // given the sample change order: milestone 3 re-priced, milestone 5 added
    // when it is rendered in English
    const email = renderer.render(changeOrderProposedTemplate, 'en', proposal);
    // then the approver sees what changes, what it costs, by when and how to answer
    expect(email.subject).toBe('Change order for your approval: Customer portal rebuild (30,000.00 USD → 32,500.00 USD, answer by 2026-06-15)');
    expect(email.text).toContain('Reason: Single sign-on added to the scope');
    expect(email.text).toContain('Milestone 3 "User Acceptance Testing": 7,500.00 USD → 8,000.00 USD, planned for 2026-08-14');
    expect(email.text).toContain('Milestone 5 "Single sign-on": added, 2,000.00 USD, planned for 2026-09-15');
    expect(email.text).toContain('Contract value: 30,000.00 USD → 32,500.00 USD');
    expect(email.text).not.toContain('Payment terms');
    expect(email.text).toContain('the change order expires and the contract stays as it is');
    expect(email.text).toContain('To approve: POST https://billing.agency.example/v1/change-orders/chg_01JRV2C7E5T9Q4M8N6P3K1H0GZ/approve');
    expect(email.html).toContain('&rarr;');
  });

  it('names a removed milestone and changed payment terms', () => {
    const email = renderer.render(changeOrderProposedTemplate, 'en', {
      ...proposal,
      netDays: 30,
      changes: [{ milestoneIndex: 4, kind: 'removed', title: 'Launch Sign-off', amountBeforeCents: 450_000, amountAfterCents: null, plannedDate: null }],
    });
    expect(email.text).toContain('Milestone 4 "Launch Sign-off": removed (was 4,500.00 USD)');
    expect(email.text).toContain('Payment terms:  net 15 → net 30 days');
  });

  it('writes to a German client in German', () => {
    const email = renderer.render(changeOrderProposedTemplate, 'de', proposal);
    expect(email.subject).toMatch(/^Änderungsauftrag zur Freigabe: Customer portal rebuild/);
    expect(email.text).toContain('Meilenstein 5 „Single sign-on“: neu');
    expect(email.text).toContain('Freigeben: POST https://billing.agency.example/v1/change-orders/chg_01JRV2C7E5T9Q4M8N6P3K1H0GZ/approve');
  });
});
