import { GrpcMethod } from '@nestjs/microservices';
import { GRPC_APIS } from '@mb/grpc';
import { GrpcController, validRequest } from '@mb/platform';
import { CaseQueries } from '../../application/queries/case.queries';
import { ListCasesQueryDto } from '../http/list-cases.dto';
import { GetCaseRequestDto } from './case.dto';
import { caseMessage } from './case.response';

const { serviceName } = GRPC_APIS.collections;

/** Collections cases over gRPC: the queries of CasesController. */
@GrpcController()
export class CasesGrpcController {
  constructor(private readonly queries: CaseQueries) {}

  @GrpcMethod(serviceName, 'ListCases')
  async list(request: object) {
    const { client_id } = await validRequest(ListCasesQueryDto, request);
    return { cases: (await this.queries.ofClient(client_id)).map(caseMessage) };
  }

  @GrpcMethod(serviceName, 'GetCase')
  async get(request: object) {
    const { case_id } = await validRequest(GetCaseRequestDto, request);
    return { case: caseMessage(await this.queries.byId(case_id)) };
  }
}
