import { MessagingTables1763769600000 } from './1763769600000-messaging-tables';
import { ClientsAndContracts1763856000000 } from './1763856000000-clients-and-contracts';
import { IdempotencyKeys1763900000000 } from './1763900000000-idempotency-keys';
import { AdvanceNoticeDays1764720000000 } from './1764720000000-advance-notice-days';
import { OnDateBillingTrigger1764806400000 } from './1764806400000-on-date-billing-trigger';
import { ClientTimeZone1764900000000 } from './1764900000000-client-time-zone';
import { ClientApprovers1764950000000 } from './1764950000000-client-approvers';
import { AuditLog1765000000000 } from './1765000000000-audit-log';
import { IdempotencyScopeAndRetention1765300000000 } from './1765300000000-idempotency-scope-and-retention';
import { ApiKeys1765500000000 } from './1765500000000-api-keys';
import { ClientBillingIdentity1765530000000 } from './1765530000000-client-billing-identity';
import { RetainageReleaseDate1765541000000 } from './1765541000000-retainage-release-date';
import { ClientLanguage1765650000000 } from './1765650000000-client-language';
import { MilestoneProgress1765670000000 } from './1765670000000-milestone-progress';
import { ChangeOrdersAndScheduleVersions1765680000000 } from './1765680000000-change-orders-and-schedule-versions';
import { TerminationSettlement1765690000000 } from './1765690000000-termination-settlement';
import { ApiKeyExpiry1765700000000 } from './1765700000000-api-key-expiry';
import { PortalSignInLinks1765701000000 } from './1765701000000-portal-sign-in-links';
import { ApiKeyKindAndSignInRetention1765720000000 } from './1765720000000-api-key-kind-and-sign-in-retention';
import { DeadLetteredKeysAndParkedEvents1765730000000 } from './1765730000000-dead-lettered-keys-and-parked-events';
import { OutboxCommitOrderQuarantineLease1765740000000 } from './1765740000000-outbox-commit-order-quarantine-lease';

/** In the order they apply. */
export const contractMigrations = [
  MessagingTables1763769600000,
  ClientsAndContracts1763856000000,
  IdempotencyKeys1763900000000,
  AdvanceNoticeDays1764720000000,
  OnDateBillingTrigger1764806400000,
  ClientTimeZone1764900000000,
  ClientApprovers1764950000000,
  AuditLog1765000000000,
  IdempotencyScopeAndRetention1765300000000,
  ApiKeys1765500000000,
  ClientBillingIdentity1765530000000,
  RetainageReleaseDate1765541000000,
  ClientLanguage1765650000000,
  MilestoneProgress1765670000000,
  ChangeOrdersAndScheduleVersions1765680000000,
  TerminationSettlement1765690000000,
  ApiKeyExpiry1765700000000,
  PortalSignInLinks1765701000000,
  ApiKeyKindAndSignInRetention1765720000000,
  DeadLetteredKeysAndParkedEvents1765730000000,
  OutboxCommitOrderQuarantineLease1765740000000,
];
