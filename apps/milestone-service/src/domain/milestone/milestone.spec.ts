import fc from 'fast-check';
import { DomainRejection } from '@mb/kernel';
import { Milestone } from './milestone';
import { aMilestone, aScheduledMilestone, AT, laterBy } from './milestone.fixtures';
import { BILLING_TRIGGERS, BillingTrigger, MILESTONE_STATUSES, MILESTONE_TRANSITIONS, MilestoneStatus } from './milestone-status';

function rejectionOf(action: () => void): DomainRejection {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainRejection) return error;
    throw error;
  }
  throw new Error('expected a DomainRejection');
}

describe('Milestone', () => {
  describe('scheduling at contract activation', () => {
    it('starts an on_approval milestone as planned, recording its creation', () => {
      // given a scheduled milestone billed on approval
      // when it is scheduled
      const milestone = Milestone.schedule(aScheduledMilestone({ billingTrigger: 'on_approval' }), AT);
      // then it is planned at version 1 and one change is recorded
      expect(milestone.status).toBe('planned');
      expect(milestone.version).toBe(1);
      expect(milestone.pullEvents()).toEqual([
        { type: 'status_changed', milestoneId: milestone.id, from: null, to: 'planned', occurredAt: AT, version: 1 },
      ]);
    });

    it('triggers a deposit (on_signing) for disbursement at once', () => {
      // given a deposit billed on signing
      // when it is scheduled
      const milestone = Milestone.schedule(aScheduledMilestone({ milestoneIndex: 1, billingTrigger: 'on_signing' }), AT);
      // then it passes through planned to triggered_for_disbursement
      expect(milestone.status).toBe('triggered_for_disbursement');
      expect(milestone.snapshot().triggeredAt).toEqual(AT);
      expect(milestone.pullEvents().map(({ from, to, version }) => ({ from, to, version }))).toEqual([
        { from: null, to: 'planned', version: 1 },
        { from: 'planned', to: 'triggered_for_disbursement', version: 2 },
      ]);
    });

    it('refuses an amount with a fraction of a cent', () => {
      // given an amount that is not a whole number of cents / when scheduled / then it throws
      expect(() => Milestone.schedule(aScheduledMilestone({ amountCents: 10.5 }), AT)).toThrow(/whole number of cents/);
    });
  });

  describe('the happy path of an on_approval milestone', () => {
    it('goes planned → in_progress → submitted → approved → triggered → invoiced → paid', () => {
      // given a planned milestone billed on approval
      const milestone = aMilestone('on_approval').planned();
      // when it is started, submitted, approved, invoiced and paid
      milestone.start(laterBy(1));
      milestone.submit('https://staging.example.com/prototype', laterBy(2));
      milestone.approve(laterBy(3));
      milestone.markInvoiced(laterBy(4));
      milestone.markPaid(laterBy(5));
      // then each transition was recorded in order with a growing version
      expect(milestone.pullEvents().map(({ from, to, version }) => [from, to, version])).toEqual([
        ['planned', 'in_progress', 2],
        ['in_progress', 'submitted', 3],
        ['submitted', 'approved', 4],
        ['approved', 'triggered_for_disbursement', 5],
        ['triggered_for_disbursement', 'invoiced', 6],
        ['invoiced', 'paid', 7],
      ]);
      expect(milestone.snapshot()).toMatchObject({
        status: 'paid',
        evidenceUrl: 'https://staging.example.com/prototype',
        approvedAt: laterBy(3),
        triggeredAt: laterBy(3),
        invoicedAt: laterBy(4),
        paidAt: laterBy(5),
      });
    });

    it('opens the approval window at submission', () => {
      // given a milestone with a 5-day approval window, in progress
      const milestone = aMilestone('on_approval').inProgress();
      // when it is submitted
      milestone.submit('https://staging.example.com/prototype', AT);
      // then approval is due 5 days later
      expect(milestone.snapshot().approvalDueAt).toEqual(new Date('2026-05-25T09:00:00Z'));
    });
  });

  describe('an on_completion milestone', () => {
    it('becomes billable at submission, without waiting for approval', () => {
      // given an on_completion milestone in progress
      const milestone = aMilestone('on_completion').inProgress();
      // when it is submitted
      milestone.submit('https://example.com/report.pdf', AT);
      // then it is submitted and triggered at once
      expect(milestone.status).toBe('triggered_for_disbursement');
      expect(milestone.pullEvents().map(({ to }) => to)).toEqual(['submitted', 'triggered_for_disbursement']);
    });
  });

  describe('rejection', () => {
    it('sends a rejected submission back to work with its reason', () => {
      // given a submitted milestone
      const milestone = aMilestone().submitted();
      // when the client rejects it and the work starts again
      milestone.reject('Two screens missing.', laterBy(10));
      milestone.start(laterBy(11));
      // then the reason was recorded and the milestone is in progress again
      const changes = milestone.pullEvents();
      expect(changes[0]).toMatchObject({ from: 'submitted', to: 'rejected', reason: 'Two screens missing.' });
      expect(changes[1]).toMatchObject({ from: 'rejected', to: 'in_progress' });
      expect(milestone.snapshot().rejectionReason).toBe('Two screens missing.');
    });

    it('refuses a rejection without a reason', () => {
      // given a submitted milestone / when rejected with a blank reason / then it is refused as invalid
      const milestone = aMilestone().submitted();
      const rejection = rejectionOf(() => milestone.reject('  ', AT));
      expect(rejection).toMatchObject({ kind: 'invalid', code: 'milestone.invalid_reason', field: 'reason' });
      expect(milestone.status).toBe('submitted');
    });
  });

  describe('illegal transitions', () => {
    it('refuses to approve a planned milestone, changing nothing', () => {
      // given a planned milestone
      const milestone = aMilestone().planned();
      const before = milestone.snapshot();
      // when it is approved
      const rejection = rejectionOf(() => milestone.approve(AT));
      // then it is a conflict with the stable code, and nothing changed or was recorded
      expect(rejection).toMatchObject({ kind: 'conflict', code: 'milestone.illegal_transition', field: 'status' });
      expect(rejection.message).toBe('cannot approve a planned milestone');
      expect(milestone.snapshot()).toEqual(before);
      expect(milestone.pullEvents()).toEqual([]);
    });

    it('refuses to trigger an on_approval milestone straight from planned', () => {
      // given a planned milestone billed on approval / when triggered / then refused: only deposits skip the work
      const rejection = rejectionOf(() => aMilestone('on_approval').planned().triggerForDisbursement(AT));
      expect(rejection.message).toBe('cannot trigger for disbursement a planned milestone billed on_approval');
    });

    it.each<[string, () => Milestone, string]>([
      ['triggered for disbursement', () => aMilestone().triggered(), 'cannot cancel a triggered for disbursement milestone'],
      ['invoiced', () => aMilestone().invoiced(), 'cannot cancel an invoiced milestone'],
      ['paid', () => aMilestone().paid(), 'cannot cancel a paid milestone'],
    ])('refuses to cancel a milestone already %s', (_status, build, message) => {
      // given a milestone whose billing trigger has fired / when cancelled / then refused
      const rejection = rejectionOf(() => build().cancel('Scope dropped.', AT));
      expect(rejection.message).toBe(message);
    });

    it('cancels a submitted milestone whose billing trigger has not fired', () => {
      // given a milestone billed on approval, submitted and not yet approved
      const milestone = aMilestone('on_approval').submitted();
      // when cancelled / then cancelled with the reason
      milestone.cancel('Contract terminated.', AT);
      expect(milestone.snapshot()).toMatchObject({ status: 'cancelled', cancellationReason: 'Contract terminated.', cancelledAt: AT });
    });
  });

  describe('for every sequence of intents (property)', () => {
    type Intent = { name: 'start' | 'submit' | 'approve' | 'reject' | 'trigger' | 'invoice' | 'pay' | 'cancel' };
    const anIntent = fc.constantFrom<Intent['name']>('start', 'submit', 'approve', 'reject', 'trigger', 'invoice', 'pay', 'cancel');

    function apply(milestone: Milestone, intent: Intent['name'], at: Date): void {
      const actions: Record<Intent['name'], () => void> = {
        start: () => milestone.start(at),
        submit: () => milestone.submit('https://example.com/evidence', at),
        approve: () => milestone.approve(at),
        reject: () => milestone.reject('Not as agreed.', at),
        trigger: () => milestone.triggerForDisbursement(at),
        invoice: () => milestone.markInvoiced(at),
        pay: () => milestone.markPaid(at),
        cancel: () => milestone.cancel('Scope dropped.', at),
      };
      actions[intent]();
    }

    function reachableFromPlanned(trigger: BillingTrigger): Set<MilestoneStatus> {
      const reached = new Set<MilestoneStatus>(['planned']);
      for (let grew = true; grew; ) {
        grew = false;
        for (const transition of MILESTONE_TRANSITIONS) {
          const allowed = transition.onlyFor === undefined || transition.onlyFor.includes(trigger);
          if (allowed && reached.has(transition.from) && !reached.has(transition.to)) {
            reached.add(transition.to);
            grew = true;
          }
        }
      }
      return reached;
    }

    it('only ever takes transitions of the table, reaching only reachable states, one version per change', () => {
      fc.assert(
        fc.property(fc.constantFrom(...BILLING_TRIGGERS), fc.array(anIntent, { maxLength: 30 }), (trigger, intents) => {
          // given a freshly scheduled milestone with any billing trigger
          const milestone = Milestone.schedule(aScheduledMilestone({ billingTrigger: trigger }), AT);
          const reachable = reachableFromPlanned(trigger);
          const changes = milestone.pullEvents();
          // when any sequence of intents is applied, refusals included
          intents.forEach((intent, step) => {
            const before = milestone.snapshot();
            try {
              apply(milestone, intent, laterBy(step + 1));
            } catch (error) {
              // then a refusal is a DomainRejection that changes nothing
              expect(error).toBeInstanceOf(DomainRejection);
              expect(milestone.snapshot()).toEqual(before);
            }
            changes.push(...milestone.pullEvents());
            // then the state is always a known and reachable one
            expect(MILESTONE_STATUSES).toContain(milestone.status);
            expect(reachable.has(milestone.status)).toBe(true);
          });
          // then every recorded change is an edge of the table for this trigger, chained, versioned 1, 2, 3 ...
          changes.forEach((change, position) => {
            expect(change.version).toBe(position + 1);
            if (position === 0) {
              expect(change).toMatchObject({ from: null, to: 'planned' });
              return;
            }
            expect(change.from).toBe(changes[position - 1].to);
            const edge = MILESTONE_TRANSITIONS.find(
              (transition) =>
                transition.from === change.from &&
                transition.to === change.to &&
                (transition.onlyFor === undefined || transition.onlyFor.includes(trigger)),
            );
            expect(edge).toBeDefined();
          });
          expect(milestone.version).toBe(changes.length);
        }),
        { numRuns: 500 },
      );
    });

    it('never leaves a billed milestone (invoiced or paid) for anything but paid', () => {
      fc.assert(
        fc.property(fc.constantFrom(...BILLING_TRIGGERS), fc.array(anIntent, { maxLength: 30 }), (trigger, intents) => {
          // given any milestone / when any intents are applied
          const milestone = Milestone.schedule(aScheduledMilestone({ billingTrigger: trigger }), AT);
          let billed = false;
          intents.forEach((intent, step) => {
            try {
              apply(milestone, intent, laterBy(step + 1));
            } catch {
              // refusals are covered by the property above
            }
            // then once billed it stays invoiced or paid
            if (billed) expect(['invoiced', 'paid']).toContain(milestone.status);
            billed = billed || milestone.status === 'invoiced';
          });
        }),
        { numRuns: 300 },
      );
    });
  });
});
