import type { ReminderPolicy } from '../../domain/payment-reminder/reminder-policy';

/** Whose policy: a client's (all its contracts) or one contract's. */
export type ReminderPolicyScope = 'client' | 'contract';

export interface StoredReminderPolicy {
  readonly scope: ReminderPolicyScope;
  readonly scopeId: string;
  readonly policy: ReminderPolicy;
  readonly updatedAt: Date;
  readonly updatedBy: string | null;
}

/** The reminder policies set for clients and contracts. Writes join the open unit of work; "not set" is null. */
export abstract class ReminderPolicyRepository {
  abstract find(scope: ReminderPolicyScope, scopeId: string): Promise<StoredReminderPolicy | null>;
  abstract save(policy: StoredReminderPolicy): Promise<void>;
  /** Answers whether there was one to remove. */
  abstract remove(scope: ReminderPolicyScope, scopeId: string): Promise<boolean>;
  /** Whether invoicing knows the client (from a contract of it that was activated). */
  abstract clientKnown(clientId: string): Promise<boolean>;
}
