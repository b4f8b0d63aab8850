import { DateTime } from 'luxon';
import { allocateEvenly } from '@mb/money';
import { PaymentPlanErrors } from './payment-plan.errors';

/** How often instalments fall when the dates are given as a first date and a cadence. */
export const INSTALMENT_CADENCES = ['weekly', 'monthly'] as const;
export type InstalmentCadence = (typeof INSTALMENT_CADENCES)[number];

export const MIN_INSTALMENTS = 2;
export const MAX_INSTALMENTS = 36;

/** The instalments as asked for: explicit dates (and amounts), or a count from a first date at a cadence. */
export type InstalmentTerms =
  | { readonly dates: readonly string[]; readonly amountsCents?: readonly number[] }
  | { readonly count: number; readonly firstDueDate: string; readonly cadence: InstalmentCadence };

export interface DownPaymentTerms {
  readonly amountCents: number;
  readonly dueDate: string;
}

/** One payment a plan schedules: the down payment (number 0) or an instalment (1..N). */
export interface ScheduledPayment {
  readonly number: number;
  readonly kind: 'down_payment' | 'instalment';
  readonly dueDate: string;
  readonly amountCents: number;
}

/**
 * The schedule of a plan for `totalCents`: the down payment first when there is one, then the
 * instalments, their amounts either given (adding up exactly to what the down payment leaves) or
 * split equally by largest remainder (the earlier instalments take the leftover minor units). Dates
 * are the client's calendar dates; none before `today`, each after the one before. A monthly
 * cadence from the 31st falls on the last day of shorter months (the first date plus k months).
 */
export function scheduleOf(input: { totalCents: number; downPayment: DownPaymentTerms | null; instalments: InstalmentTerms; today: string }): ScheduledPayment[] {
  const { totalCents, downPayment, today } = input;
  const dates = dueDatesOf(input.instalments);
  if (dates.length < MIN_INSTALMENTS || dates.length > MAX_INSTALMENTS) throw PaymentPlanErrors.instalmentCount(dates.length);
  const datesField = 'dates' in input.instalments ? 'instalments.dates' : 'instalments.first_due_date';
  dates.forEach((date, index) => {
    if (date < today) throw PaymentPlanErrors.dateInPast(datesField, date, today);
    if (index > 0 && date <= dates[index - 1]) throw PaymentPlanErrors.datesNotIncreasing(datesField);
  });

  const downPaymentCents = downPayment?.amountCents ?? 0;
  if (downPayment) {
    if (downPayment.amountCents >= totalCents) throw PaymentPlanErrors.downPaymentTooLarge(downPayment.amountCents, totalCents);
    if (downPayment.dueDate < today) throw PaymentPlanErrors.dateInPast('down_payment.due_date', downPayment.dueDate, today);
    if (downPayment.dueDate >= dates[0]) throw PaymentPlanErrors.downPaymentAfterInstalments();
  }
  const amounts = amountsOf(input.instalments, totalCents - downPaymentCents, dates.length);
  if (amounts.some((amount) => amount < 1)) throw PaymentPlanErrors.instalmentTooSmall();

  const scheduled: ScheduledPayment[] = dates.map((dueDate, index) => ({ number: index + 1, kind: 'instalment', dueDate, amountCents: amounts[index] }));
  return downPayment ? [{ number: 0, kind: 'down_payment', dueDate: downPayment.dueDate, amountCents: downPayment.amountCents }, ...scheduled] : scheduled;
}

function dueDatesOf(terms: InstalmentTerms): string[] {
  if ('dates' in terms) return [...terms.dates];
  if (!Number.isSafeInteger(terms.count)) throw PaymentPlanErrors.instalmentCount(terms.count);
  if (terms.count < MIN_INSTALMENTS || terms.count > MAX_INSTALMENTS) throw PaymentPlanErrors.instalmentCount(terms.count);
  const first = DateTime.fromISO(terms.firstDueDate, { zone: 'UTC' });
  if (!first.isValid) throw new RangeError(`${terms.firstDueDate} is not a calendar date`);
  return Array.from({ length: terms.count }, (_, index) => {
    const date = terms.cadence === 'monthly' ? first.plus({ months: index }) : first.plus({ weeks: index });
    return date.toISODate() as string;
  });
}

function amountsOf(terms: InstalmentTerms, instalmentsTotalCents: number, count: number): number[] {
  if (!('dates' in terms) || terms.amountsCents === undefined) return allocateEvenly(instalmentsTotalCents, count);
  if (terms.amountsCents.length !== count) throw PaymentPlanErrors.amountsCount();
  const given = terms.amountsCents.reduce((sum, amount) => sum + amount, 0);
  if (given !== instalmentsTotalCents) throw PaymentPlanErrors.amountsMismatch(given, instalmentsTotalCents);
  return [...terms.amountsCents];
}
