import { ConfigSchema, serviceConfigSchema } from '@mb/platform';

export const notificationServiceConfigSchema = {
  ...serviceConfigSchema(3004),
} satisfies ConfigSchema;
