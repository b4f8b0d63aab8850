import { Module } from '@nestjs/common';
import { DetachedWork, eventConsumerProvider, InProcessDetachedWork, timerWorkersProvider } from '@mb/platform';
import { EndPortalSessionHandler } from './application/end-portal-session/end-portal-session.handler';
import { OpenPortalSessionHandler } from './application/open-portal-session/open-portal-session.handler';
import { PortalSignInMonitor } from './application/ports/portal-sign-in-monitor.port';
import { SignInLinkRepository } from './application/ports/sign-in-link.repository';
import { SignInLinkEmailChannel } from './application/ports/sign-in-link-email.port';
import { RequestSignInLinkHandler } from './application/request-sign-in-link/request-sign-in-link.handler';
import { PortalSignInController } from './api/http/portal-sign-in.controller';
import { SmtpSignInLinkEmailChannel } from './infrastructure/channels/sign-in-link-email.channel';
import { PortalSignInMetrics } from './infrastructure/metrics/portal-sign-in-metrics';
import { TypeOrmSignInLinkRepository } from './infrastructure/persistence/typeorm-sign-in-link.repository';
import { SignInHousekeeping } from './application/ports/sign-in-housekeeping.port';
import { PurgePortalSignInsHandler } from './application/purge-portal-sign-ins/purge-portal-sign-ins.handler';
import { TypeOrmSignInHousekeeping } from './infrastructure/persistence/typeorm-sign-in-housekeeping.repository';
import { PortalSignInPurgeTimer } from './infrastructure/scheduling/portal-sign-in-purge.timer';
import { ApproveChangeOrderHandler } from './application/approve-change-order/approve-change-order.handler';
import { ExpireChangeOrderHandler } from './application/expire-change-order/expire-change-order.handler';
import { ChangeOrderRepository } from './application/ports/change-order.repository';
import { ScheduleVersionRepository } from './application/ports/schedule-version.repository';
import { ProposeChangeOrderHandler } from './application/propose-change-order/propose-change-order.handler';
import { ChangeOrderQueries } from './application/queries/change-order.queries';
import { RejectChangeOrderHandler } from './application/reject-change-order/reject-change-order.handler';
import { ChangeOrdersController } from './api/http/change-orders.controller';
import { TypeOrmChangeOrderRepository } from './infrastructure/persistence/typeorm-change-order.repository';
import { TypeOrmScheduleVersionRepository } from './infrastructure/persistence/typeorm-schedule-version.repository';
import { ChangeOrderResponseWindowTimer } from './infrastructure/scheduling/change-order-response-window.timer';
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
import { CompleteContractHandler } from './application/complete-contract/complete-contract.handler';
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
 * services, and the client portal's sign-in, whose sessions are API keys), its one consumer group
 * (milestones' progress, from milestone.status_updated), the timer that expires unanswered
 * change orders and the hourly one that purges old sign-in links and ended portal sessions.
 */
@Module({
  controllers: [ClientsController, ContractsController, ChangeOrdersController, ApiKeysController, PortalSignInController, ClientsGrpcController, ContractsGrpcController],
  providers: [
    { provide: ClientRepository, useClass: TypeOrmClientRepository },
    { provide: ApiKeyRepository, useClass: TypeOrmApiKeyRepository },
    CreateApiKeyHandler,
    RevokeApiKeyHandler,
    ApiKeyQueries,
    { provide: SignInLinkRepository, useClass: TypeOrmSignInLinkRepository },
    { provide: SignInLinkEmailChannel, useClass: SmtpSignInLinkEmailChannel },
    { provide: PortalSignInMonitor, useClass: PortalSignInMetrics },
    { provide: DetachedWork, useClass: InProcessDetachedWork },
    RequestSignInLinkHandler,
    OpenPortalSessionHandler,
    EndPortalSessionHandler,
    { provide: SignInHousekeeping, useClass: TypeOrmSignInHousekeeping },
    PurgePortalSignInsHandler,
    PortalSignInPurgeTimer,
    { provide: ContractRepository, useClass: TypeOrmContractRepository },
    RegisterClientHandler,
    CreateContractHandler,
    ActivateContractHandler,
    TerminateContractHandler,
    ContractQueries,
    { provide: MilestoneProgressRepository, useClass: TypeOrmMilestoneProgressRepository },
    RecordMilestoneProgressHandler,
    CompleteContractHandler,
    MilestoneStatusUpdatedConsumer,
    eventConsumerProvider('milestone-progress', [MilestoneStatusUpdatedConsumer]),
    { provide: ChangeOrderRepository, useClass: TypeOrmChangeOrderRepository },
    { provide: ScheduleVersionRepository, useClass: TypeOrmScheduleVersionRepository },
    ProposeChangeOrderHandler,
    ApproveChangeOrderHandler,
    RejectChangeOrderHandler,
    ExpireChangeOrderHandler,
    ChangeOrderQueries,
    ChangeOrderResponseWindowTimer,
    timerWorkersProvider([ChangeOrderResponseWindowTimer, PortalSignInPurgeTimer]),
  ],
})
export class ContractModule {}
