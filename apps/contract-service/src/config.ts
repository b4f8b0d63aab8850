import { ConfigSchema, serviceConfigSchema } from '@mb/platform';

export const contractServiceConfigSchema = {
  ...serviceConfigSchema(3001, 50051),
} satisfies ConfigSchema;
