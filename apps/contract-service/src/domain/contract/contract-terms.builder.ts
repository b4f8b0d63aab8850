import type { ContractTerms } from './contract';
import type { BillingTrigger, MilestoneTerms } from './schedule';

/**
 * Builders with intent names for tests: `aContract().withScheduleInPercent([25, 35, 25, 15])`.
 * The default is the reference project: USD 30,000.00, net-15, a 25 % deposit on signing and three
 * milestones billed on approval, each with a window.
 */
export function aMilestone(overrides: Partial<MilestoneTerms> = {}): MilestoneTerms {
  return {
    title: 'Milestone',
    acceptanceCriteria: 'All acceptance tests in the signed test plan pass',
    amountBps: 2500,
    billingTrigger: 'on_approval',
    approvalWindowDays: 10,
    ...overrides,
  };
}

const REFERENCE_TITLES = ['Kickoff Deposit', 'UI Prototype', 'User Acceptance Testing', 'Launch Sign-off'];

export class ContractTermsBuilder {
  private terms: ContractTerms = {
    clientId: 'cli_01JTESTCLIENT0000000000000',
    title: 'Customer portal rebuild',
    currency: 'usd',
    totalValueCents: 3_000_000,
    netDays: 15,
    taxRateBps: 0,
    retainageBps: 0,
    purchaseOrderRef: null,
    milestones: referenceMilestones([2500, 3500, 2500, 1500]),
  };

  withTotal(totalValueCents: number): this {
    this.terms = { ...this.terms, totalValueCents };
    return this;
  }

  withRetainage(retainageBps: number, retainageReleaseDate: string | null = null): this {
    this.terms = { ...this.terms, retainageBps, retainageReleaseDate };
    return this;
  }

  withAdvanceNoticeDays(advanceNoticeDays: number): this {
    this.terms = { ...this.terms, advanceNoticeDays };
    return this;
  }

  withCurrency(currency: string): this {
    this.terms = { ...this.terms, currency };
    return this;
  }

  /** Percentages in basis points; the first milestone is the deposit on signing. */
  withScheduleInBasisPoints(basisPoints: readonly number[]): this {
    this.terms = { ...this.terms, milestones: referenceMilestones(basisPoints) };
    return this;
  }

  withScheduleInPercent(percentages: readonly number[]): this {
    return this.withScheduleInBasisPoints(percentages.map((percent) => percent * 100));
  }

  withMilestones(milestones: readonly MilestoneTerms[]): this {
    this.terms = { ...this.terms, milestones };
    return this;
  }

  withMilestone(position: number, overrides: Partial<MilestoneTerms>): this {
    this.terms = { ...this.terms, milestones: this.terms.milestones.map((milestone, index) => (index === position ? { ...milestone, ...overrides } : milestone)) };
    return this;
  }

  build(): ContractTerms {
    return this.terms;
  }
}

export function aContract(): ContractTermsBuilder {
  return new ContractTermsBuilder();
}

function referenceMilestones(basisPoints: readonly number[]): MilestoneTerms[] {
  return basisPoints.map((amountBps, position) => {
    const billingTrigger: BillingTrigger = position === 0 ? 'on_signing' : 'on_approval';
    return aMilestone({
      title: REFERENCE_TITLES[position] ?? `Milestone ${position + 1}`,
      amountBps,
      billingTrigger,
      approvalWindowDays: billingTrigger === 'on_approval' ? 10 : null,
    });
  });
}
