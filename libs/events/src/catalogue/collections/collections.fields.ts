import { Type } from '@sinclair/typebox';

// The dunning ladder is configurable, so stages are the policy's step names, not a fixed enum;
// the pattern keeps them stable identifiers (friendly_reminder, final_demand, agency_handoff).
export const DunningStage = (description: string) =>
  Type.String({ pattern: '^[a-z][a-z0-9_]{0,63}$', description });
