import { Module } from '@nestjs/common';
import { ActivateContractHandler } from './application/activate-contract/activate-contract.handler';
import { CreateContractHandler } from './application/create-contract/create-contract.handler';
import { ClientRepository } from './application/ports/client.repository';
import { ContractRepository } from './application/ports/contract.repository';
import { ContractQueries } from './application/queries/contract.queries';
import { RegisterClientHandler } from './application/register-client/register-client.handler';
import { TerminateContractHandler } from './application/terminate-contract/terminate-contract.handler';
import { ClientsController } from './api/http/clients.controller';
import { ContractsController } from './api/http/contracts.controller';
import { ClientsGrpcController } from './api/grpc/clients.grpc-controller';
import { ContractsGrpcController } from './api/grpc/contracts.grpc-controller';
import { TypeOrmClientRepository } from './infrastructure/persistence/typeorm-client.repository';
import { TypeOrmContractRepository } from './infrastructure/persistence/typeorm-contract.repository';

/** Wiring only: the contract service's use cases, APIs and repositories. It consumes no events. */
@Module({
  controllers: [ClientsController, ContractsController, ClientsGrpcController, ContractsGrpcController],
  providers: [
    { provide: ClientRepository, useClass: TypeOrmClientRepository },
    { provide: ContractRepository, useClass: TypeOrmContractRepository },
    RegisterClientHandler,
    CreateContractHandler,
    ActivateContractHandler,
    TerminateContractHandler,
    ContractQueries,
  ],
})
export class ContractModule {}
