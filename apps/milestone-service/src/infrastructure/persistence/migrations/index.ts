import { MessagingTables1763769600000 } from './1763769600000-messaging-tables';
import { Milestones1763856000000 } from './1763856000000-milestones';
import { IdempotencyKeys1763900000000 } from './1763900000000-idempotency-keys';
import { BillingHolds1764500000000 } from './1764500000000-billing-holds';
import { PlannedDates1764720000000 } from './1764720000000-planned-dates';
import { OnDateBillingTrigger1764806400000 } from './1764806400000-on-date-billing-trigger';
import { ClientTimeZone1764900000000 } from './1764900000000-client-time-zone';
import { ApprovalWindows1764950000000 } from './1764950000000-approval-windows';
import { AuditLog1765000000000 } from './1765000000000-audit-log';
import { IdempotencyScopeAndRetention1765300000000 } from './1765300000000-idempotency-scope-and-retention';
import { WorkItemLinks1765675000000 } from './1765675000000-work-item-links';
import { BilledAtTermination1765691000000 } from './1765691000000-billed-at-termination';
import { DeadLetteredKeysAndParkedEvents1765730000000 } from './1765730000000-dead-lettered-keys-and-parked-events';
import { OutboxCommitOrderQuarantineLease1765740000000 } from './1765740000000-outbox-commit-order-quarantine-lease';

/** In the order they apply. */
export const milestoneMigrations = [
  MessagingTables1763769600000,
  Milestones1763856000000,
  IdempotencyKeys1763900000000,
  BillingHolds1764500000000,
  PlannedDates1764720000000,
  OnDateBillingTrigger1764806400000,
  ClientTimeZone1764900000000,
  ApprovalWindows1764950000000,
  AuditLog1765000000000,
  IdempotencyScopeAndRetention1765300000000,
  WorkItemLinks1765675000000,
  BilledAtTermination1765691000000,
  DeadLetteredKeysAndParkedEvents1765730000000,
  OutboxCommitOrderQuarantineLease1765740000000,
];
