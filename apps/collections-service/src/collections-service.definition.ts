import { GRPC_APIS } from '@mb/grpc';
import { ServiceDefinition } from '@mb/platform';
import { CollectionsModule } from './collections.module';
import { collectionsServiceConfigSchema } from './config';
import { collectionsMigrations } from './infrastructure/persistence/migrations';

/** The collections service as runService and the integration tests build it. */
export const collectionsServiceDefinition: ServiceDefinition<typeof collectionsServiceConfigSchema> = {
  name: 'collections-service',
  schema: 'collections',
  configSchema: collectionsServiceConfigSchema,
  migrations: collectionsMigrations,
  grpc: GRPC_APIS.collections,
  rootModule: () => CollectionsModule,
};
