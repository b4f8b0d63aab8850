import { ConfigOf, ConfigSchema, serviceConfigSchema } from '@mb/platform';

export const invoicingServiceConfigSchema = {
  ...serviceConfigSchema(3003, 50053),
} satisfies ConfigSchema;

export type InvoicingServiceConfig = ConfigOf<typeof invoicingServiceConfigSchema>;
