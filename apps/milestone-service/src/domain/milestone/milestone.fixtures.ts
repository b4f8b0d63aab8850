import { type BillingHoldRequest, Milestone, ScheduledMilestone } from './milestone';
import type { BillingTrigger } from './milestone-status';

/** Builders with intent names for the milestone's unit tests. */
export const AT = new Date('2026-05-20T09:00:00Z');

export function laterBy(minutes: number, from: Date = AT): Date {
  return new Date(from.getTime() + minutes * 60_000);
}

export function aScheduledMilestone(overrides: Partial<ScheduledMilestone> = {}): ScheduledMilestone {
  return {
    id: 'ms_01JTEST0000000000000000002',
    contractId: 'con_01JTEST0000000000000000001',
    clientId: 'cli_01JTEST0000000000000000001',
    milestoneIndex: 2,
    title: 'Midway UI Prototype Sign-off',
    acceptanceCriteria: 'Clickable prototype of the 12 agreed screens deployed to staging.',
    amountCents: 750_000,
    currency: 'usd',
    billingTrigger: 'on_approval',
    plannedDate: '2026-05-25',
    netDays: 30,
    advanceNoticeDays: 7,
    clientTimeZone: 'UTC',
    approvalWindowDays: 5,
    deemedAcceptance: true,
    payoutDestination: { accountToken: 'acc_1Q9xYzLmNoPqRsTu', autoClear: true },
    scheduleVersion: 1,
    ...overrides,
  };
}

/** A billing hold as someone asks for it; its id is the one a handler would make. */
export function aBillingHoldRequest(overrides: Partial<BillingHoldRequest> = {}): BillingHoldRequest {
  return {
    id: 'hold_01JTEST0000000000000000001',
    reason: 'Client disputes the prototype scope; PO amendment pending.',
    placedBy: 'jane.doe@agency.example',
    ...overrides,
  };
}

/** A milestone brought to a state through its intents, its events already pulled. */
export function aMilestone(billingTrigger: BillingTrigger = 'on_approval', overrides: Partial<ScheduledMilestone> = {}) {
  const build = () => Milestone.schedule(aScheduledMilestone({ ...overrides, billingTrigger }), AT);
  return {
    planned(): Milestone {
      const milestone = build();
      milestone.pullEvents();
      return milestone;
    },
    inProgress(): Milestone {
      const milestone = this.planned();
      milestone.start(laterBy(1));
      milestone.pullEvents();
      return milestone;
    },
    submitted(): Milestone {
      const milestone = this.inProgress();
      milestone.submit('https://staging.example.com/prototype', laterBy(2));
      milestone.pullEvents();
      return milestone;
    },
    /** Submitted, then put on a billing hold before the client answers. */
    submittedAndHeld(): Milestone {
      const milestone = this.inProgress();
      milestone.placeBillingHold(aBillingHoldRequest(), laterBy(2));
      milestone.submit('https://staging.example.com/prototype', laterBy(3));
      milestone.pullEvents();
      return milestone;
    },
    /** Approved while on a billing hold: the trigger recorded, held. */
    triggeredWhileHeld(): Milestone {
      const milestone = this.submittedAndHeld();
      milestone.approve(laterBy(4));
      milestone.pullEvents();
      return milestone;
    },
    rejected(): Milestone {
      const milestone = this.submitted();
      milestone.reject('Two screens missing.', laterBy(3));
      milestone.pullEvents();
      return milestone;
    },
    triggered(): Milestone {
      const milestone = this.submitted();
      milestone.approve(laterBy(3));
      milestone.pullEvents();
      return milestone;
    },
    invoiced(): Milestone {
      const milestone = this.triggered();
      milestone.markInvoiced(laterBy(4));
      milestone.pullEvents();
      return milestone;
    },
    paid(): Milestone {
      const milestone = this.invoiced();
      milestone.markPaid(laterBy(5));
      milestone.pullEvents();
      return milestone;
    },
  };
}
