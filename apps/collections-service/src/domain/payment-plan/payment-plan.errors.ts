import { DomainRejection } from '@mb/kernel';

/** The payment plan's business refusals, with stable codes the API returns and the field at fault. */
export const PaymentPlanErrors = {
  notFound: (planId: string) => new DomainRejection('not_found', 'payment_plan.not_found', `no payment plan ${planId}`),
  caseNotOpen: (caseId: string) => new DomainRejection('conflict', 'case.not_open', `case ${caseId} is closed: a plan is proposed and agreed for an open case only`),
  noBalance: (currency: string) =>
    new DomainRejection('conflict', 'payment_plan.no_balance', `the case has no overdue balance in ${currency} to put on a plan`, 'currency'),
  alreadyActive: (currency: string, planId: string) =>
    new DomainRejection('conflict', 'payment_plan.already_active', `plan ${planId} already covers the case's ${currency} balance`, 'currency'),
  instalmentCount: (count: number) =>
    new DomainRejection('invalid', 'payment_plan.instalment_count', `a plan has 2 to 36 instalments (got ${count})`, 'instalments.count'),
  scheduleRequired: () =>
    new DomainRejection(
      'invalid',
      'payment_plan.schedule_required',
      'give the instalments either as `dates` (with optional `amounts_cents`) or as `count`, `first_due_date` and `cadence`, not both',
      'instalments',
    ),
  datesNotIncreasing: (field: string) =>
    new DomainRejection('invalid', 'payment_plan.dates_not_increasing', 'due dates must be in increasing order, one payment per date', field),
  dateInPast: (field: string, date: string, today: string) =>
    new DomainRejection('invalid', 'payment_plan.date_in_past', `${date} is before today (${today}) in the client's time zone`, field),
  downPaymentTooLarge: (downPaymentCents: number, totalCents: number) =>
    new DomainRejection(
      'invalid',
      'payment_plan.down_payment_too_large',
      `the down payment (${downPaymentCents}) must be less than the balance the plan covers (${totalCents})`,
      'down_payment.amount_cents',
    ),
  downPaymentAfterInstalments: () =>
    new DomainRejection('invalid', 'payment_plan.down_payment_after_instalments', 'the down payment is due before the first instalment', 'down_payment.due_date'),
  amountsMismatch: (given: number, expected: number) =>
    new DomainRejection(
      'invalid',
      'payment_plan.amounts_mismatch',
      `the instalment amounts add up to ${given}, not to the ${expected} left after the down payment`,
      'instalments.amounts_cents',
    ),
  amountsCount: () =>
    new DomainRejection('invalid', 'payment_plan.amounts_count', 'give one amount per due date', 'instalments.amounts_cents'),
  notProposed: (planId: string, status: string) =>
    new DomainRejection('conflict', 'payment_plan.not_proposed', `plan ${planId} is ${status}, not proposed: only a proposed plan is accepted`),
  proposalExpired: (planId: string, firstDueDate: string, today: string) =>
    new DomainRejection(
      'conflict',
      'payment_plan.proposal_expired',
      `plan ${planId} was to start on ${firstDueDate}, before today (${today}) in the client's time zone: it can no longer be accepted; ask for a new proposal`,
    ),
  balanceChanged: (planId: string, currency: string) =>
    new DomainRejection(
      'conflict',
      'payment_plan.balance_changed',
      `what the case owes in ${currency} changed since plan ${planId} was proposed (a payment, credit or new invoice): it can no longer be accepted; ask for a new proposal`,
    ),
  instalmentTooSmall: () =>
    new DomainRejection('invalid', 'payment_plan.instalment_too_small', 'every instalment must be at least one minor unit of the currency', 'instalments'),
};
