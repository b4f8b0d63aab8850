import { GrpcMethod } from '@nestjs/microservices';
import { GRPC_APIS } from '@mb/grpc';
import type { Metadata } from '@grpc/grpc-js';
import { AccessPolicyFrom, callerOfCall, GrpcController, onlyVisibleTo, validRequest, visibleTo } from '@mb/platform';
import { CasesController } from '../http/cases.controller';
import { caseNotFound } from '../../domain/case/case.errors';
import { CaseQueries } from '../../application/queries/case.queries';
import { ListCasesQueryDto } from '../http/list-cases.dto';
import { GetCaseRequestDto } from './case.dto';
import { caseMessage } from './case.response';

const { serviceName } = GRPC_APIS.collections;

/** Collections cases over gRPC: the queries of CasesController. */
@GrpcController()
@AccessPolicyFrom<CasesGrpcController>([CasesController], { list: 'listCases', get: 'getCase' })
export class CasesGrpcController {
  constructor(private readonly queries: CaseQueries) {}

  @GrpcMethod(serviceName, 'ListCases')
  async list(request: object, metadata: Metadata) {
    const { client_id } = await validRequest(ListCasesQueryDto, request);
    return { cases: onlyVisibleTo(callerOfCall(metadata), await this.queries.ofClient(client_id)).map(caseMessage) };
  }

  @GrpcMethod(serviceName, 'GetCase')
  async get(request: object, metadata: Metadata) {
    const { case_id } = await validRequest(GetCaseRequestDto, request);
    return { case: caseMessage(visibleTo(callerOfCall(metadata), await this.queries.byId(case_id), () => caseNotFound(case_id))) };
  }
}
