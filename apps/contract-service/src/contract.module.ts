import { Module } from '@nestjs/common';
import { eventConsumerProvider } from '@mb/platform';
import { CreateApiKeyHandler } from './application/create-api-key/create-api-key.handler';
import { ApiKeyRepository } from './application/ports/api-key.repository';
import { ApiKeyQueries } from './application/queries/api-key.queries';
import { RevokeApiKeyHandler } from './application/revoke-api-key/revoke-api-key.handler';
import { ApiKeysController } from './api/http/api-keys.controller';
import { TypeOrmApiKeyRepository } from './infrastructure/persistence/typeorm-api-key.repository';
import { ActivateContractHandler } from './application/activate-contract/activate-contract.handler';
import { CreateContractHandler } from './application/create-contract/create-contract.handler';
import { ClientRepository } from './application/ports/client.repository';
import { ContractRepository } from './application/ports/contract.repository';
import { MilestoneProgressRepository } from './application/ports/milestone-progress.repository';
import { ContractQueries } from './application/queries/contract.queries';
import { RecordMilestoneProgressHandler } from './application/record-milestone-progress/record-milestone-progress.handler';
import { RegisterClientHandler } from './application/register-client/register-client.handler';
import { TerminateContractHandler } from './application/terminate-contract/terminate-contract.handler';
import { ClientsController } from './api/http/clients.controller';
import { ContractsController } from './api/http/contracts.controller';
import { ClientsGrpcController } from './api/grpc/clients.grpc-controller';
import { ContractsGrpcController } from './api/grpc/contracts.grpc-controller';
import { TypeOrmClientRepository } from './infrastructure/persistence/typeorm-client.repository';
import { TypeOrmContractRepository } from './infrastructure/persistence/typeorm-contract.repository';
import { TypeOrmMilestoneProgressRepository } from './infrastructure/persistence/typeorm-milestone-progress.repository';
import { MilestoneStatusUpdatedConsumer } from './infrastructure/messaging/milestone-status-updated.consumer';

/**
 * Wiring only: the contract service's use cases, APIs and repositories (and the API keys of all five
 * services), and its one consumer group: milestones' progress, from milestone.status_updated.
 */
@Module({
  controllers: [ClientsController, ContractsController, ApiKeysController, ClientsGrpcController, ContractsGrpcController],
  providers: [
    { provide: ClientRepository, useClass: TypeOrmClientRepository },
    { provide: ApiKeyRepository, useClass: TypeOrmApiKeyRepository },
    CreateApiKeyHandler,
    RevokeApiKeyHandler,
    ApiKeyQueries,
    { provide: ContractRepository, useClass: TypeOrmContractRepository },
    RegisterClientHandler,
    CreateContractHandler,
    ActivateContractHandler,
    TerminateContractHandler,
    ContractQueries,
    { provide: MilestoneProgressRepository, useClass: TypeOrmMilestoneProgressRepository },
    RecordMilestoneProgressHandler,
    MilestoneStatusUpdatedConsumer,
    eventConsumerProvider('milestone-progress', [MilestoneStatusUpdatedConsumer]),
  ],
})
export class ContractModule {}
