import { ConfigSchema, serviceConfigSchema } from '@mb/platform';

export const invoicingServiceConfigSchema = {
  ...serviceConfigSchema(3003),
} satisfies ConfigSchema;
