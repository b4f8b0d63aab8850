import { GrpcMethod } from '@nestjs/microservices';
import { GRPC_APIS } from '@mb/grpc';
import type { Metadata } from '@grpc/grpc-js';
import { AccessPolicyFrom, callerOfCall, GrpcController, validRequest, visibleTo } from '@mb/platform';
import { ClientsController } from '../http/clients.controller';
import { clientNotFound, ContractQueries } from '../../application/queries/contract.queries';
import { RegisterClientHandler } from '../../application/register-client/register-client.handler';
import { CreateClientDto, registerClientCommandOf } from '../http/create-client.dto';
import { GetClientRequestDto } from './contract.dto';
import { clientMessage } from './contract.response';

const { serviceName } = GRPC_APIS.contract;

/** Clients over gRPC: the use cases of ClientsController. */
@GrpcController()
@AccessPolicyFrom<ClientsGrpcController>([ClientsController], { createClient: 'registerClient', getClient: 'getClient' })
export class ClientsGrpcController {
  constructor(
    private readonly registerClient: RegisterClientHandler,
    private readonly queries: ContractQueries,
  ) {}

  @GrpcMethod(serviceName, 'CreateClient')
  async createClient(request: object) {
    const body = await validRequest(CreateClientDto, request);
    return { client: clientMessage(await this.registerClient.execute(registerClientCommandOf(body))) };
  }

  @GrpcMethod(serviceName, 'GetClient')
  async getClient(request: object, metadata: Metadata) {
    const { client_id } = await validRequest(GetClientRequestDto, request);
    const client = visibleTo(callerOfCall(metadata), { ...(await this.queries.client(client_id)), clientId: client_id }, () => clientNotFound(client_id));
    return { client: clientMessage(client) };
  }
}
