import { GRPC_APIS } from '@mb/grpc';
import type { ServiceDefinition } from '@mb/platform';
import { contractServiceConfigSchema } from './config';
import { ContractModule } from './contract.module';
import { ClientEntity } from './infrastructure/persistence/client.orm-entity';
import { ContractEntity, ContractMilestoneEntity } from './infrastructure/persistence/contract.orm-entity';
import { contractMigrations } from './infrastructure/persistence/migrations';

/** The contract service as main.ts runs it and integration tests bootstrap it in-process. */
export const contractServiceDefinition: ServiceDefinition<typeof contractServiceConfigSchema> = {
  name: 'contract-service',
  schema: 'contract',
  configSchema: contractServiceConfigSchema,
  migrations: contractMigrations,
  grpc: GRPC_APIS.contract,
  entities: [ClientEntity, ContractEntity, ContractMilestoneEntity],
  rootModule: () => ContractModule,
};
