import { MessagingTables1763769600000 } from './1763769600000-messaging-tables';
import { Cases1763856000000 } from './1763856000000-cases';
import { IdempotencyKeys1763900000000 } from './1763900000000-idempotency-keys';
import { AuditLog1765000000000 } from './1765000000000-audit-log';
import { IdempotencyScopeAndRetention1765300000000 } from './1765300000000-idempotency-scope-and-retention';
import { CaseInvoiceWriteOffs1765510000000 } from './1765510000000-case-invoice-write-offs';
import { CollectionsLadder1765600000000 } from './1765600000000-collections-ladder';
import { Disputes1765610000000 } from './1765610000000-disputes';
import { PaymentPlans1765620000000 } from './1765620000000-payment-plans';
import { AgencyHandOff1765630000000 } from './1765630000000-agency-hand-off';
import { ProposedPaymentPlansAndWithdrawnDisputes1765710000000 } from './1765710000000-proposed-payment-plans-and-withdrawn-disputes';
import { DeadLetteredKeysAndParkedEvents1765730000000 } from './1765730000000-dead-lettered-keys-and-parked-events';
import { OutboxCommitOrderQuarantineLease1765740000000 } from './1765740000000-outbox-commit-order-quarantine-lease';

/** In the order they apply. */
export const collectionsMigrations = [
  MessagingTables1763769600000,
  Cases1763856000000,
  IdempotencyKeys1763900000000,
  AuditLog1765000000000,
  IdempotencyScopeAndRetention1765300000000,
  CaseInvoiceWriteOffs1765510000000,
  CollectionsLadder1765600000000,
  Disputes1765610000000,
  PaymentPlans1765620000000,
  AgencyHandOff1765630000000,
  ProposedPaymentPlansAndWithdrawnDisputes1765710000000,
  DeadLetteredKeysAndParkedEvents1765730000000,
  OutboxCommitOrderQuarantineLease1765740000000,
];
