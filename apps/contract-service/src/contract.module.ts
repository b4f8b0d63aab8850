import { Module } from '@nestjs/common';
import { ActivateContractHandler } from './application/activate-contract/activate-contract.handler';
import { ContractEventPublisher } from './application/contract-event-publisher';
import { CreateContractHandler } from './application/create-contract/create-contract.handler';
import { ClientRepository, ContractRepository } from './application/ports/repositories';
import { ContractQueries } from './application/queries/contract-queries';
import { RegisterClientHandler } from './application/register-client/register-client.handler';
import { TerminateContractHandler } from './application/terminate-contract/terminate-contract.handler';
import { ClientsController } from './api/http/clients.controller';
import { ContractsController } from './api/http/contracts.controller';
import { SqlClientRepository } from './infrastructure/persistence/repositories/sql-client.repository';
import { SqlContractRepository } from './infrastructure/persistence/repositories/sql-contract.repository';

/** Wiring only: the contract service's use cases, APIs and repositories. It consumes no events. */
@Module({
  controllers: [ClientsController, ContractsController],
  providers: [
    { provide: ClientRepository, useClass: SqlClientRepository },
    { provide: ContractRepository, useClass: SqlContractRepository },
    ContractEventPublisher,
    RegisterClientHandler,
    CreateContractHandler,
    ActivateContractHandler,
    TerminateContractHandler,
    ContractQueries,
  ],
})
export class ContractModule {}
