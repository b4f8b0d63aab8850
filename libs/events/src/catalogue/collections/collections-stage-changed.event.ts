import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { CaseId, ClientId, StringEnum, Timestamp } from '../event-fields';
import { CaseBalances, ChasedInvoice, DunningChannelField, DunningStage, DunningTemplateField } from './collections.fields';

export const STAGE_CHANGE_CAUSES = ['ladder', 'broken_promise', 'broken_payment_plan', 'manual'] as const;

const stageChangeFields = {
  case_id: CaseId,
  client_id: ClientId,
  stage: DunningStage('The dunning step the case is on now.'),
  previous_stage: DunningStage('The dunning step the case left.'),
  cause: StringEnum(STAGE_CHANGE_CAUSES, {
    description:
      'ladder: the durable timer reached the next step; broken_promise / broken_payment_plan: escalation; manual: a person moved it.',
  }),
  changed_at: Timestamp('When the case moved.'),
};

export const CollectionsStageChangedDataV1 = Type.Object(stageChangeFields, {
  description: 'The case moved along the dunning ladder (reminder, firm notice, final demand, agency handoff, ...).',
});

/**
 * Version 2 (issue 11 "A ladder that moves"): the event carries the stage's letter, so that
 * notification-service writes it from the event alone: the template and channel of the stage, the
 * balances per currency and the invoices chased, and whether the stage waits for a decision.
 */
export const CollectionsStageChangedDataV2 = Type.Object(
  {
    ...stageChangeFields,
    template: DunningTemplateField,
    channel: DunningChannelField,
    pauses_for_decision: Type.Boolean({ description: 'The stage holds the case until a person decides (POST /v1/cases/{id}/decision).' }),
    balances: CaseBalances,
    invoices: Type.Array(ChasedInvoice, { description: 'The invoices the letter chases, oldest due first; empty when only disputed invoices are left.' }),
  },
  { description: 'The case moved along the dunning ladder, with the letter of the stage it reached.' },
);

export const collectionsStageChanged = defineEvent({
  name: 'collections.stage_changed',
  producer: 'collections-service',
  description: 'A collections case moved to another step of the dunning ladder.',
  partitionKey: 'client_id',
  currentVersion: 2,
  versions: { 1: CollectionsStageChangedDataV1, 2: CollectionsStageChangedDataV2 },
});
