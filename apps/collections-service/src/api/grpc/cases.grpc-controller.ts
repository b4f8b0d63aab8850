import { GrpcMethod } from '@nestjs/microservices';
import { GRPC_APIS } from '@mb/grpc';
import { GrpcController, validRequest } from '@mb/platform';
import { FindCasesQuery } from '../../application/find-cases/find-cases.query';
import { ListCasesQueryDto } from '../http/list-cases.query.dto';
import { GetCaseRequestDto } from './case.dto';
import { caseMessage } from './case.response';

const { serviceName } = GRPC_APIS.collections;

/** Collections cases over gRPC: the queries of CasesController. */
@GrpcController()
export class CasesGrpcController {
  constructor(private readonly findCases: FindCasesQuery) {}

  @GrpcMethod(serviceName, 'ListCases')
  async list(request: object) {
    const { client_id } = await validRequest(ListCasesQueryDto, request);
    return { cases: (await this.findCases.ofClient(client_id)).map(caseMessage) };
  }

  @GrpcMethod(serviceName, 'GetCase')
  async get(request: object) {
    const { case_id } = await validRequest(GetCaseRequestDto, request);
    return { case: caseMessage(await this.findCases.byId(case_id)) };
  }
}
