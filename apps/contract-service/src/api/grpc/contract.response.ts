import { protoEnumValue, timestampOf } from '@mb/grpc';
import type { ClientSnapshot } from '../../domain/client/client';
import type { ContractSnapshot } from '../../domain/contract/contract';
import type { MilestoneProgress } from '../../domain/contract/milestone-progress';
import { clientView } from '../http/client.response';
import { contractView } from '../http/contract.response';

// The REST shapes (the same snake_case fields) with proto's types: enums by value name, instants
// as google.protobuf.Timestamp; a null leaves its field unset.

export function clientMessage(client: ClientSnapshot) {
  return { ...clientView(client), created_at: timestampOf(client.createdAt) };
}

export function contractMessage(contract: ContractSnapshot, progress: MilestoneProgress) {
  const view = contractView(contract, progress);
  return {
    ...view,
    status: protoEnumValue('CONTRACT_STATUS', contract.status),
    milestones: view.milestones.map((milestone) => ({
      ...milestone,
      billing_trigger: protoEnumValue('BILLING_TRIGGER', milestone.billing_trigger),
      status: protoEnumValue('MILESTONE_STATUS', milestone.status),
    })),
    created_at: timestampOf(contract.createdAt),
    activated_at: timestampOf(contract.activatedAt),
    terminated_at: timestampOf(contract.terminatedAt),
    completed_at: timestampOf(contract.completedAt),
  };
}
