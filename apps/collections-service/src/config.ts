import { ConfigSchema, serviceConfigSchema } from '@mb/platform';

export const collectionsServiceConfigSchema = {
  ...serviceConfigSchema(3005, 50055),
} satisfies ConfigSchema;
