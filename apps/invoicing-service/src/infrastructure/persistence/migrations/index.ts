import { MessagingTables1763769600000 } from './1763769600000-messaging-tables';
import { InvoicingTables1763856000000 } from './1763856000000-invoicing-tables';
import { IdempotencyKeys1763900000000 } from './1763900000000-idempotency-keys';
import { PendingTriggerOccurredAt1764460800000 } from './1764460800000-pending-trigger-occurred-at';
import { ClientTimeZone1764900000000 } from './1764900000000-client-time-zone';
import { AuditLog1765000000000 } from './1765000000000-audit-log';
import { ImmutableIssuedInvoicesAndPayments1765050000000 } from './1765050000000-immutable-issued-invoices-and-payments';
import { IdempotencyScopeAndRetention1765300000000 } from './1765300000000-idempotency-scope-and-retention';
import { InvoiceCreditedAmount1765400000000 } from './1765400000000-invoice-credited-amount';
import { Corrections1765510000000 } from './1765510000000-corrections';
import { CashApplication1765520000000 } from './1765520000000-cash-application';
import { ContractClientBillingIdentity1765531000000 } from './1765531000000-contract-client-billing-identity';
import { MilestoneAcceptances1765532000000 } from './1765532000000-milestone-acceptances';
import { RetainageReleaseAndDiscardedDrafts1765540000000 } from './1765540000000-retainage-release-and-discarded-drafts';
import { ReceivablesReportIndexes1765550000000 } from './1765550000000-receivables-report-indexes';
import { DraftPlannedDate1765570000000 } from './1765570000000-draft-planned-date';
import { InvoiceDisputes1765610000000 } from './1765610000000-invoice-disputes';
import { PaymentReminders1765640000000 } from './1765640000000-payment-reminders';
import { InvoiceScheduleVersion1765685000000 } from './1765685000000-invoice-schedule-version';
import { CollectionAgencyPaymentMethod1765630000001 } from './1765630000001-collection-agency-payment-method';
import { ShareBilledAtTermination1765692000000 } from './1765692000000-share-billed-at-termination';
import { WithdrawnInvoiceDisputes1765710000001 } from './1765710000001-withdrawn-invoice-disputes';
import { DeadLetteredKeysAndParkedEvents1765730000000 } from './1765730000000-dead-lettered-keys-and-parked-events';
import { OutboxCommitOrderQuarantineLease1765740000000 } from './1765740000000-outbox-commit-order-quarantine-lease';

/** In the order they apply. */
export const invoicingMigrations = [
  MessagingTables1763769600000,
  InvoicingTables1763856000000,
  IdempotencyKeys1763900000000,
  PendingTriggerOccurredAt1764460800000,
  ClientTimeZone1764900000000,
  AuditLog1765000000000,
  ImmutableIssuedInvoicesAndPayments1765050000000,
  IdempotencyScopeAndRetention1765300000000,
  InvoiceCreditedAmount1765400000000,
  Corrections1765510000000,
  CashApplication1765520000000,
  ContractClientBillingIdentity1765531000000,
  MilestoneAcceptances1765532000000,
  RetainageReleaseAndDiscardedDrafts1765540000000,
  ReceivablesReportIndexes1765550000000,
  DraftPlannedDate1765570000000,
  InvoiceDisputes1765610000000,
  CollectionAgencyPaymentMethod1765630000001,
  PaymentReminders1765640000000,
  InvoiceScheduleVersion1765685000000,
  ShareBilledAtTermination1765692000000,
  WithdrawnInvoiceDisputes1765710000001,
  DeadLetteredKeysAndParkedEvents1765730000000,
  OutboxCommitOrderQuarantineLease1765740000000,
];
