import { protoEnumValue, timestampOf } from '@mb/grpc';
import type { CollectionsCase } from '../../domain/case/case';
import { caseResponseOf } from '../http/case.response';

/**
 * The REST shape (the same snake_case fields) with proto's types: the status by enum value name,
 * instants as google.protobuf.Timestamp; a null leaves its field unset. The proto (not extended in
 * issue 11) still has one `balance_cents`: it carries the balance when the case is owed in one
 * currency only, and 0 otherwise (currencies are never added); REST's `balances` has them all.
 */
export function caseMessage(collectionsCase: CollectionsCase) {
  const snapshot = collectionsCase.snapshot();
  const balances = Object.values(collectionsCase.balances());
  return {
    ...caseResponseOf(collectionsCase),
    balance_cents: balances.length === 1 ? balances[0] : 0,
    status: protoEnumValue('CASE_STATUS', snapshot.status),
    opened_at: timestampOf(snapshot.openedAt),
    closed_at: timestampOf(snapshot.closedAt),
  };
}
