import { runService } from '@mb/platform';
import { collectionsServiceConfigSchema } from './config';
import { collectionsMigrations } from './infrastructure/persistence/migrations';
import { CollectionsModule } from './collections.module';

void runService({
  name: 'collections-service',
  schema: 'collections',
  configSchema: collectionsServiceConfigSchema,
  migrations: collectionsMigrations,
  rootModule: () => CollectionsModule,
});
