import fc from 'fast-check';
import { DomainRejection } from '@mb/kernel';
import { CURRENCY_EXPONENTS } from '@mb/money';
import { type AgreePaymentPlan, PaymentPlan, type PlanInvoice, type ProposePaymentPlan } from './payment-plan';
import { scheduleOf } from './payment-plan-schedule';

const NOW = new Date('2026-07-15T17:00:00Z'); // 10:00 on 15 July in Los Angeles

function aPlanOf(overrides: Partial<AgreePaymentPlan> = {}): PaymentPlan {
  return PaymentPlan.agree({
    id: 'plan_1',
    caseId: 'case_1',
    clientId: 'cli_1',
    currency: 'usd',
    invoices: [
      { invoiceId: 'inv_1', invoiceNumber: 'INV-2026-000001', contractId: 'con_1', amountCents: 60_000 },
      { invoiceId: 'inv_2', invoiceNumber: 'INV-2026-000002', contractId: 'con_1', amountCents: 40_000 },
    ],
    downPayment: null,
    instalments: { count: 3, firstDueDate: '2026-08-01', cadence: 'monthly' },
    graceDays: 5,
    reminderDaysBefore: 3,
    timeZone: 'America/Los_Angeles',
    agreedBy: 'finance@example.com',
    now: NOW,
    ...overrides,
  });
}

const OWED: PlanInvoice[] = [
  { invoiceId: 'inv_1', invoiceNumber: 'INV-2026-000001', contractId: 'con_1', amountCents: 60_000 },
  { invoiceId: 'inv_2', invoiceNumber: 'INV-2026-000002', contractId: 'con_1', amountCents: 40_000 },
];

/** The plan of aPlanOf, proposed to the client instead of agreed; its proposal already announced. */
function aProposalOf(overrides: Partial<ProposePaymentPlan> = {}): PaymentPlan {
  const plan = PaymentPlan.propose({
    id: 'plan_1',
    caseId: 'case_1',
    clientId: 'cli_1',
    currency: 'usd',
    invoices: OWED,
    downPayment: null,
    instalments: { count: 3, firstDueDate: '2026-08-01', cadence: 'monthly' },
    graceDays: 5,
    reminderDaysBefore: 3,
    timeZone: 'America/Los_Angeles',
    proposedBy: 'finance@example.com',
    supersedesPlanId: null,
    now: NOW,
    ...overrides,
  });
  plan.pullEvents();
  return plan;
}

function rejectionOf(action: () => unknown): DomainRejection {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainRejection) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('PaymentPlan', () => {
  it('splits the balance of the invoices it covers into equal monthly instalments, the leftover minor unit on the first', () => {
    // given a plan of 3 monthly instalments for 1,000.00
    const plan = aPlanOf();
    // then the instalments fall a month apart and add up to the balance exactly
    expect(plan.snapshot().instalments.map(({ number, dueDate, amountCents }) => ({ number, dueDate, amountCents }))).toEqual([
      { number: 1, dueDate: '2026-08-01', amountCents: 33_334 },
      { number: 2, dueDate: '2026-09-01', amountCents: 33_333 },
      { number: 3, dueDate: '2026-10-01', amountCents: 33_333 },
    ]);
    expect(plan.snapshot()).toMatchObject({ status: 'agreed', totalCents: 100_000 });
    expect(plan.pullEvents()).toEqual([{ type: 'agreed', at: NOW }]);
  });

  it('puts the down payment first and splits what it leaves', () => {
    const plan = aPlanOf({ downPayment: { amountCents: 10_000, dueDate: '2026-07-20' }, instalments: { count: 2, firstDueDate: '2026-08-01', cadence: 'weekly' } });
    expect(plan.snapshot().instalments.map(({ number, kind, dueDate, amountCents }) => [number, kind, dueDate, amountCents])).toEqual([
      [0, 'down_payment', '2026-07-20', 10_000],
      [1, 'instalment', '2026-08-01', 45_000],
      [2, 'instalment', '2026-08-08', 45_000],
    ]);
  });

  it('takes explicit amounts that add up exactly, and refuses ones that do not, naming the field', () => {
    const plan = aPlanOf({ instalments: { dates: ['2026-08-01', '2026-08-20'], amountsCents: [70_000, 30_000] } });
    expect(plan.snapshot().instalments.map((instalment) => instalment.amountCents)).toEqual([70_000, 30_000]);
    const refused = rejectionOf(() => aPlanOf({ instalments: { dates: ['2026-08-01', '2026-08-20'], amountsCents: [70_000, 29_999] } }));
    expect(refused).toMatchObject({ code: 'payment_plan.amounts_mismatch', field: 'instalments.amounts_cents', kind: 'invalid' });
  });

  it.each([
    ['one instalment', { instalments: { count: 1, firstDueDate: '2026-08-01', cadence: 'monthly' as const } }, 'payment_plan.instalment_count'],
    ['37 instalments', { instalments: { count: 37, firstDueDate: '2026-08-01', cadence: 'weekly' as const } }, 'payment_plan.instalment_count'],
    ['a date before today in the client zone', { instalments: { dates: ['2026-07-14', '2026-08-01'] } }, 'payment_plan.date_in_past'],
    ['dates out of order', { instalments: { dates: ['2026-09-01', '2026-08-01'] } }, 'payment_plan.dates_not_increasing'],
    ['a down payment of the whole balance', { downPayment: { amountCents: 100_000, dueDate: '2026-07-20' } }, 'payment_plan.down_payment_too_large'],
    ['a down payment after the first instalment', { downPayment: { amountCents: 1_000, dueDate: '2026-08-02' } }, 'payment_plan.down_payment_after_instalments'],
    ['more instalments than minor units', { invoices: [{ invoiceId: 'inv_1', invoiceNumber: 'INV-1', contractId: 'con_1', amountCents: 2 }] }, 'payment_plan.instalment_too_small'],
    ['nothing owed', { invoices: [] }, 'payment_plan.no_balance'],
  ])('refuses %s', (_, overrides, code) => {
    expect(rejectionOf(() => aPlanOf(overrides)).code).toBe(code);
  });

  it('pays the instalments in due-date order from payments to its invoices, and completes when all are paid', () => {
    // given an agreed plan of 33,334 + 33,333 + 33,333
    const plan = aPlanOf();
    plan.pullEvents();
    const paidAt = new Date('2026-07-30T12:00:00Z');
    // when 40,000 is paid to one of its invoices
    expect(plan.applyPayment('inv_1', 40_000, paidAt)).toBe(40_000);
    // then the first instalment is paid and 6,666 goes towards the second
    expect(plan.snapshot().instalments.map((instalment) => instalment.paidCents)).toEqual([33_334, 6_666, 0]);
    expect(plan.pullEvents().map((event) => event.type)).toEqual(['instalment_paid']);
    // and a payment to an invoice the plan does not cover takes nothing
    expect(plan.applyPayment('inv_other', 5_000, paidAt)).toBe(0);
    // when the rest is paid, with more than is owed
    expect(plan.applyPayment('inv_2', 70_000, paidAt)).toBe(60_000);
    expect(plan.pullEvents().map((event) => event.type)).toEqual(['instalment_paid', 'instalment_paid', 'completed']);
    expect(plan.snapshot()).toMatchObject({ status: 'completed', endedAt: paidAt });
  });

  it('reminds three days before a due date, at the start of that day in the client zone, unless the instalment is paid', () => {
    const plan = aPlanOf();
    plan.pullEvents();
    // 29 July 00:00 in Los Angeles is 07:00 UTC
    expect(plan.reminderAt(1)).toEqual(new Date('2026-07-29T07:00:00Z'));
    expect(plan.remind(1, new Date('2026-07-29T07:00:00Z'))).toBe('reminded');
    expect(plan.pullEvents()).toEqual([expect.objectContaining({ type: 'instalment_due_soon', daysUntilDue: 3 })]);
    plan.applyPayment('inv_1', 33_334, NOW);
    expect(plan.remind(1, new Date('2026-07-29T07:00:00Z'))).toBe('not_needed');
  });

  it('breaks when an instalment is unpaid at the end of its grace period, not before', () => {
    const plan = aPlanOf();
    plan.pullEvents();
    // due 1 August, 5 days' grace: it breaks at the start of 7 August in Los Angeles
    expect(plan.deadlineOf(1)).toEqual(new Date('2026-08-07T07:00:00Z'));
    expect(plan.checkDeadline(1, new Date('2026-08-07T06:59:59Z'))).toBe('not_yet');
    plan.applyPayment('inv_1', 10_000, NOW);
    expect(plan.checkDeadline(1, new Date('2026-08-07T07:00:00Z'))).toBe('broken');
    expect(plan.pullEvents()).toEqual([expect.objectContaining({ type: 'broken', missed: expect.objectContaining({ number: 1, amountCents: 33_334, paidCents: 10_000 }) })]);
    // and a broken plan takes no more payments
    expect(plan.applyPayment('inv_1', 10_000, NOW)).toBe(0);
    expect(plan.snapshot().status).toBe('broken');
  });

  it('is kept when the instalment was paid by its deadline', () => {
    const plan = aPlanOf();
    plan.applyPayment('inv_1', 33_334, NOW);
    expect(plan.checkDeadline(1, new Date('2026-08-07T07:00:00Z'))).toBe('kept');
    expect(plan.isActive).toBe(true);
  });
});

describe('scheduleOf', () => {
  it('adds up exactly to the balance for any amount, count, down payment and currency exponent, each instalment within one minor unit of the others', () => {
    const currencies = Object.keys(CURRENCY_EXPONENTS);
    fc.assert(
      fc.property(
        fc.constantFrom(...currencies),
        fc.integer({ min: 1, max: 10_000_000_000 }),
        fc.integer({ min: 2, max: 36 }),
        fc.integer({ min: 0, max: 99 }),
        fc.constantFrom('weekly' as const, 'monthly' as const),
        (currency, majorUnits, count, downPaymentPercent, cadence) => {
          // given a balance of whole major units of the currency plus some minor units
          const exponent = CURRENCY_EXPONENTS[currency];
          const totalCents = majorUnits * 10 ** exponent + (majorUnits % 10 ** exponent);
          const downPaymentCents = Math.floor((totalCents * downPaymentPercent) / 100);
          const downPayment = downPaymentCents > 0 ? { amountCents: downPaymentCents, dueDate: '2026-07-20' } : null;
          fc.pre(totalCents - downPaymentCents >= count);
          // when it is scheduled
          const schedule = scheduleOf({ totalCents, downPayment, instalments: { count, firstDueDate: '2026-08-31', cadence }, today: '2026-07-15' });
          // then the payments add up to it exactly and the instalments differ by one minor unit at most
          expect(schedule.reduce((sum, payment) => sum + payment.amountCents, 0)).toBe(totalCents);
          const instalments = schedule.filter((payment) => payment.kind === 'instalment').map((payment) => payment.amountCents);
          expect(instalments).toHaveLength(count);
          expect(Math.max(...instalments) - Math.min(...instalments)).toBeLessThanOrEqual(1);
          // and the dates increase
          expect(schedule.every((payment, index) => index === 0 || payment.dueDate > schedule[index - 1].dueDate)).toBe(true);
        },
      ),
    );
  });

  it('falls on the last day of shorter months for a monthly plan from the 31st', () => {
    const schedule = scheduleOf({ totalCents: 300, downPayment: null, instalments: { count: 3, firstDueDate: '2027-01-31', cadence: 'monthly' }, today: '2026-07-15' });
    expect(schedule.map((payment) => payment.dueDate)).toEqual(['2027-01-31', '2027-02-28', '2027-03-31']);
  });

  describe('proposed to the client (issue 15)', () => {
    const ACCEPTED_AT = new Date('2026-07-20T16:00:00Z');

    it('is proposed with the schedule an agreed plan would have, holding nothing and agreed by nobody yet', () => {
      // when finance proposes the plan, replacing an earlier proposal
      const plan = PaymentPlan.propose({ ...aProposalOf().snapshot(), invoices: OWED, downPayment: null, instalments: { count: 3, firstDueDate: '2026-08-01', cadence: 'monthly' }, proposedBy: 'finance@example.com', supersedesPlanId: 'plan_0', now: NOW });
      // then it is a proposal, not active, with the agreed plan's schedule, and the proposal is announced
      expect(plan.snapshot()).toMatchObject({ status: 'proposed', proposedAt: NOW, proposedBy: 'finance@example.com', agreedAt: null, agreedBy: null, endedAt: null });
      expect(plan.isActive).toBe(false);
      expect(plan.snapshot().instalments).toEqual(aPlanOf().snapshot().instalments);
      expect(plan.acceptBy).toBe('2026-08-01');
      expect(plan.pullEvents()).toEqual([{ type: 'proposed', at: NOW, supersedesPlanId: 'plan_0' }]);
    });

    it('takes no payment while proposed', () => {
      const plan = aProposalOf();
      expect(plan.applyPayment('inv_1', 10_000, NOW)).toBe(0);
      expect(plan.remind(1, NOW)).toBe('not_needed');
      expect(plan.checkDeadline(1, new Date('2026-09-01T00:00:00Z'))).toBe('kept');
      expect(plan.snapshot().status).toBe('proposed');
    });

    it('is agreed when the client accepts it, with the dates as proposed, announced as an agreement', () => {
      // given a proposal
      const plan = aProposalOf();
      // when the client accepts it before its first due date
      plan.accept({ by: 'usr_client_ap', owed: [...OWED].reverse(), now: ACCEPTED_AT });
      // then it is agreed by the client now, active, its schedule unchanged
      expect(plan.snapshot()).toMatchObject({ status: 'agreed', agreedAt: ACCEPTED_AT, agreedBy: 'usr_client_ap', proposedAt: NOW });
      expect(plan.isActive).toBe(true);
      expect(plan.snapshot().instalments.map((instalment) => instalment.dueDate)).toEqual(['2026-08-01', '2026-09-01', '2026-10-01']);
      expect(plan.pullEvents()).toEqual([{ type: 'agreed', at: ACCEPTED_AT }]);
    });

    it.each([
      ['on its first due date, in the client\'s zone', '2026-08-02T06:59:59Z', 'agreed'],
      ['the day after its first due date, in the client\'s zone', '2026-08-02T07:00:00Z', 'payment_plan.proposal_expired'],
    ])('is accepted until its first payment is past due: %s', (_, at, expected) => {
      const plan = aProposalOf();
      const outcome = (() => {
        try {
          plan.accept({ by: 'usr_client_ap', owed: OWED, now: new Date(at) });
          return plan.snapshot().status;
        } catch (error) {
          if (error instanceof DomainRejection) return error.code;
          throw error;
        }
      })();
      expect(outcome).toBe(expected);
    });

    it('counts a down payment as the first payment', () => {
      const plan = aProposalOf({ downPayment: { amountCents: 10_000, dueDate: '2026-07-20' } });
      expect(plan.acceptBy).toBe('2026-07-20');
      expect(rejectionOf(() => plan.accept({ by: 'usr_client_ap', owed: OWED, now: new Date('2026-07-21T17:00:00Z') })).code).toBe('payment_plan.proposal_expired');
    });

    it('refuses acceptance once what the case owes in the currency changed since the proposal', () => {
      const plan = aProposalOf();
      const paidMeanwhile = [OWED[0], { ...OWED[1], amountCents: 30_000 }];
      const anotherInvoice = [...OWED, { invoiceId: 'inv_3', invoiceNumber: 'INV-2026-000003', contractId: 'con_1', amountCents: 5_000 }];
      expect(rejectionOf(() => plan.accept({ by: 'usr_client_ap', owed: paidMeanwhile, now: ACCEPTED_AT })).code).toBe('payment_plan.balance_changed');
      expect(rejectionOf(() => plan.accept({ by: 'usr_client_ap', owed: anotherInvoice, now: ACCEPTED_AT })).code).toBe('payment_plan.balance_changed');
      expect(plan.snapshot().status).toBe('proposed');
    });

    it('refuses to accept a plan that is not a proposal: agreed at once, accepted already, or superseded', () => {
      const agreed = aPlanOf();
      const accepted = aProposalOf();
      accepted.accept({ by: 'usr_client_ap', owed: OWED, now: ACCEPTED_AT });
      const superseded = aProposalOf();
      superseded.supersede(ACCEPTED_AT);
      for (const plan of [agreed, accepted, superseded]) {
        expect(rejectionOf(() => plan.accept({ by: 'usr_client_ap', owed: OWED, now: ACCEPTED_AT }))).toMatchObject({ code: 'payment_plan.not_proposed', kind: 'conflict' });
      }
    });

    it('is superseded by a newer proposal, final and announced by the newer one', () => {
      const plan = aProposalOf();
      plan.supersede(ACCEPTED_AT);
      expect(plan.snapshot()).toMatchObject({ status: 'superseded', endedAt: ACCEPTED_AT, agreedAt: null });
      expect(plan.pullEvents()).toEqual([]);
      expect(rejectionOf(() => plan.supersede(ACCEPTED_AT)).code).toBe('payment_plan.not_proposed');
    });
  });
});
