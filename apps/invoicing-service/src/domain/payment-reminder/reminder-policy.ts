import { DomainRejection } from '@mb/kernel';

/**
 * When an open invoice's client is reminded to pay (issue 11 item 1): `beforeDueDays` days before
 * the due date (0: no reminder before), on the due date when `onDue`, and each of `afterDueDays`
 * days after it (empty: none after). Every reminder goes out at the same local time of day in the
 * client's time zone (PAYMENT_REMINDER_LOCAL_TIME).
 */
export interface ReminderPolicy {
  readonly beforeDueDays: number;
  readonly onDue: boolean;
  /** Ascending, distinct, each at least 1. */
  readonly afterDueDays: readonly number[];
}

/** The default: three days before, on the due date, and a week after. */
export const DEFAULT_REMINDER_POLICY: ReminderPolicy = Object.freeze({ beforeDueDays: 3, onDue: true, afterDueDays: Object.freeze([7]) });

/** Whose policy an invoice follows: its contract's, else its client's, else the default. */
export type ReminderPolicySource = 'contract' | 'client' | 'default';

export interface EffectiveReminderPolicy {
  readonly policy: ReminderPolicy;
  readonly source: ReminderPolicySource;
}

/** A contract's policy overrides its client's, which overrides the default; a policy applies whole, never field by field. */
export function effectiveReminderPolicy(contractPolicy: ReminderPolicy | null, clientPolicy: ReminderPolicy | null): EffectiveReminderPolicy {
  if (contractPolicy) return { policy: contractPolicy, source: 'contract' };
  if (clientPolicy) return { policy: clientPolicy, source: 'client' };
  return { policy: DEFAULT_REMINDER_POLICY, source: 'default' };
}

/** The longest a reminder may be set before or after the due date, in days. */
export const MAX_REMINDER_OFFSET_DAYS = 365;
/** At most this many reminders after the due date. */
export const MAX_AFTER_DUE_REMINDERS = 10;

export const ReminderPolicyErrors = {
  invalid: (field: string, rule: string) => new DomainRejection('invalid', 'reminder_policy.invalid', `${field} ${rule}`, field),
  contractNotFound: (contractId: string) =>
    new DomainRejection('not_found', 'contract.not_found', `contract ${contractId} is not known to invoicing (it learns contracts when they are activated)`),
  clientNotFound: (clientId: string) =>
    new DomainRejection('not_found', 'client.not_found', `client ${clientId} has no contract known to invoicing (it learns clients when their contracts are activated)`),
};

/**
 * A policy as asked for, checked field by field (the first fault refuses it, naming the field and
 * the rule); the days after the due date come back sorted.
 */
export function reminderPolicyOf(input: { beforeDueDays: number; onDue: boolean; afterDueDays: readonly number[] }): ReminderPolicy {
  const { beforeDueDays, onDue, afterDueDays } = input;
  if (!Number.isInteger(beforeDueDays) || beforeDueDays < 0 || beforeDueDays > MAX_REMINDER_OFFSET_DAYS) {
    throw ReminderPolicyErrors.invalid('before_due_days', `must be a whole number of days from 0 (no reminder before the due date) to ${MAX_REMINDER_OFFSET_DAYS}`);
  }
  if (typeof onDue !== 'boolean') throw ReminderPolicyErrors.invalid('on_due', 'must be true or false');
  if (!Array.isArray(afterDueDays) || afterDueDays.length > MAX_AFTER_DUE_REMINDERS) {
    throw ReminderPolicyErrors.invalid('after_due_days', `must be a list of at most ${MAX_AFTER_DUE_REMINDERS} day counts (empty: no reminder after the due date)`);
  }
  for (const days of afterDueDays) {
    if (!Number.isInteger(days) || days < 1 || days > MAX_REMINDER_OFFSET_DAYS) {
      throw ReminderPolicyErrors.invalid('after_due_days', `must hold whole numbers of days from 1 to ${MAX_REMINDER_OFFSET_DAYS}`);
    }
  }
  if (new Set(afterDueDays).size !== afterDueDays.length) throw ReminderPolicyErrors.invalid('after_due_days', 'must not repeat a day count');
  return { beforeDueDays, onDue, afterDueDays: [...afterDueDays].sort((a, b) => a - b) };
}
