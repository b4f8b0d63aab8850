import { ConfigOf, ConfigSchema, positiveInteger, serviceConfigSchema } from '@mb/platform';

export const invoicingServiceConfigSchema = {
  ...serviceConfigSchema(3003, 50053),
  OVERDUE_SCAN_INTERVAL_MS: positiveInteger('how often open invoices past their due date are looked for and announced, in ms', 60_000),
} satisfies ConfigSchema;

export type InvoicingServiceConfig = ConfigOf<typeof invoicingServiceConfigSchema>;
