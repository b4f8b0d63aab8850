export { eventually, testKafka, TopicReader, type ReadEvent } from '@mb/testing';

/** The reference project's schedule: 25 % deposit on signing, then three milestones on approval. */
export function referenceMilestones(): Record<string, unknown>[] {
  return [
    { title: 'Kickoff Deposit', acceptance_criteria: 'Contract countersigned by both parties', amount_bps: 2500, billing_trigger: 'on_signing' },
    {
      title: 'UI Prototype',
      acceptance_criteria: 'Clickable prototype of the 12 screens in the signed scope is deployed to staging',
      amount_bps: 3500,
      billing_trigger: 'on_approval',
      approval_window_days: 10,
      deliverables: ['Figma file', 'staging URL'],
    },
    {
      title: 'User Acceptance Testing',
      acceptance_criteria: 'All test cases in the signed UAT plan pass with no severity-1 defects open',
      amount_bps: 2500,
      billing_trigger: 'on_approval',
      approval_window_days: 10,
    },
    {
      title: 'Launch Sign-off',
      acceptance_criteria: 'Production release tagged and live on the agreed domain',
      amount_bps: 1500,
      billing_trigger: 'on_approval',
      approval_window_days: 10,
      deemed_acceptance: true,
      payout_destination: { account_token: 'acc_test_123', auto_clear: true },
      planned_date: '2026-09-30',
    },
  ];
}
