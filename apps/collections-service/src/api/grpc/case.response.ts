import { protoEnumValue, timestampOf } from '@mb/grpc';
import type { CaseSnapshot } from '../../domain/case/case';
import { caseResponseOf } from '../http/case.response';

/**
 * The REST shape (the same snake_case fields) with proto's types: the status by enum value name,
 * instants as google.protobuf.Timestamp; a null leaves its field unset.
 */
export function caseMessage(snapshot: CaseSnapshot) {
  return {
    ...caseResponseOf(snapshot),
    status: protoEnumValue('CASE_STATUS', snapshot.status),
    opened_at: timestampOf(snapshot.openedAt),
    closed_at: timestampOf(snapshot.closedAt),
  };
}
