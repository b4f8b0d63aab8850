import { runService } from '@mb/platform';
import { contractServiceConfigSchema } from './config';
import { contractMigrations } from './infrastructure/persistence/migrations';
import { ContractModule } from './contract.module';

void runService({
  name: 'contract-service',
  schema: 'contract',
  configSchema: contractServiceConfigSchema,
  migrations: contractMigrations,
  rootModule: () => ContractModule,
});
