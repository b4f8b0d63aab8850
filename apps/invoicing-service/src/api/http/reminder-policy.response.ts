import { ApiProperty } from '@nestjs/swagger';
import type { ReminderPolicyView } from '../../application/reminder-policies/reminder-policies.handler';

export class ReminderPolicyResponse {
  @ApiProperty({ enum: ['client', 'contract'], description: 'What the policy was asked for: a client (all its contracts without their own) or one contract.' })
  scope!: 'client' | 'contract';

  @ApiProperty({ description: 'The client or contract id.' })
  scope_id!: string;

  @ApiProperty({ enum: ['contract', 'client', 'default'], description: 'Where the policy that applies comes from: the contract, its client, or the default (3 days before, on the due date, 7 days after).' })
  source!: 'contract' | 'client' | 'default';

  @ApiProperty({ description: 'Days before the due date; 0: none before.' })
  before_due_days!: number;

  @ApiProperty({ description: 'Whether a reminder goes out on the due date.' })
  on_due!: boolean;

  @ApiProperty({ type: [Number], description: 'Days after the due date, ascending.' })
  after_due_days!: number[];

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the policy set on this scope last changed; null when none is set here.' })
  updated_at!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Who set it.' })
  updated_by!: string | null;
}

export function reminderPolicyResponseOf(view: ReminderPolicyView): ReminderPolicyResponse {
  return {
    scope: view.scope,
    scope_id: view.scopeId,
    source: view.source,
    before_due_days: view.policy.beforeDueDays,
    on_due: view.policy.onDue,
    after_due_days: [...view.policy.afterDueDays],
    updated_at: view.updatedAt?.toISOString() ?? null,
    updated_by: view.updatedBy,
  };
}
