import { GRPC_APIS } from '@mb/grpc';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import type { ServiceDefinition } from '@mb/platform';
import { AuthenticateApiKeyHandler } from './application/authenticate-api-key/authenticate-api-key.handler';
import { ApiKeyEntity } from './infrastructure/persistence/api-key.orm-entity';
import { TypeOrmApiKeyRepository } from './infrastructure/persistence/typeorm-api-key.repository';
import { contractServiceConfigSchema } from './config';
import { ContractModule } from './contract.module';
import { CHANGE_ORDER_RESPONSE_WINDOW_TIMER } from './application/propose-change-order/propose-change-order.handler';
import { ChangeOrderEntity, ScheduleVersionEntity } from './infrastructure/persistence/change-order.orm-entity';
import { ClientEntity } from './infrastructure/persistence/client.orm-entity';
import { ContractEntity, ContractMilestoneEntity } from './infrastructure/persistence/contract.orm-entity';
import { contractMigrations } from './infrastructure/persistence/migrations';
import { MilestoneProgressEntity } from './infrastructure/persistence/milestone-progress.orm-entity';
import { SignInLinkEntity } from './infrastructure/persistence/sign-in-link.orm-entity';
import { PORTAL_SIGN_IN_PURGE_TIMER } from './infrastructure/scheduling/portal-sign-in-purge.timer';

/** The contract service as main.ts runs it and integration tests bootstrap it in-process. */
export const contractServiceDefinition: ServiceDefinition<typeof contractServiceConfigSchema> = {
  name: 'contract-service',
  schema: 'contract',
  configSchema: contractServiceConfigSchema,
  migrations: contractMigrations,
  grpc: GRPC_APIS.contract,
  entities: [ClientEntity, ContractEntity, ContractMilestoneEntity, ApiKeyEntity, MilestoneProgressEntity, ChangeOrderEntity, ScheduleVersionEntity, SignInLinkEntity],
  // Issue 14: a change order left unanswered expires when the client's window closes. Issue 15
  // follow-up: the hourly purge of expired sign-in links and ended portal sessions.
  timers: [CHANGE_ORDER_RESPONSE_WINDOW_TIMER, PORTAL_SIGN_IN_PURGE_TIMER],
  // It keeps the API keys, so it checks a presented key against its own table.
  apiKeys: (runtime) => {
    const unitOfWork = new TypeOrmUnitOfWork(runtime.dataSource);
    return new AuthenticateApiKeyHandler(unitOfWork, new TypeOrmApiKeyRepository(unitOfWork), runtime.clock);
  },
  rootModule: () => ContractModule,
};
