import { ConfigSchema, serviceConfigSchema } from '@mb/platform';

export const milestoneServiceConfigSchema = {
  ...serviceConfigSchema(3002, 50052),
} satisfies ConfigSchema;
