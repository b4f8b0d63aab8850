import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { CaseId, ClientId, StringEnum, Timestamp } from '../event-fields';
import { DunningStage } from './collections.fields';

export const STAGE_CHANGE_CAUSES = ['ladder', 'broken_promise', 'broken_payment_plan', 'manual'] as const;

export const CollectionsStageChangedDataV1 = Type.Object(
  {
    case_id: CaseId,
    client_id: ClientId,
    stage: DunningStage('The dunning step the case is on now.'),
    previous_stage: DunningStage('The dunning step the case left.'),
    cause: StringEnum(STAGE_CHANGE_CAUSES, {
      description:
        'ladder: the durable timer reached the next step; broken_promise / broken_payment_plan: escalation; manual: a person moved it.',
    }),
    changed_at: Timestamp('When the case moved.'),
  },
  { description: 'The case moved along the dunning ladder (reminder, firm notice, final demand, agency handoff, ...).' },
);

export const collectionsStageChanged = defineEvent({
  name: 'collections.stage_changed',
  producer: 'collections-service',
  description: 'A collections case moved to another step of the dunning ladder.',
  partitionKey: 'client_id',
  currentVersion: 1,
  versions: { 1: CollectionsStageChangedDataV1 },
});
