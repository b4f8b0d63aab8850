import { rpcOf } from './grpc-metrics.interceptor';

describe('rpcOf', () => {
  it('reads the service and method of a gRPC call path', () => {
    expect(rpcOf('/milestone_billing.contract.v1.ContractService/CreateClient')).toEqual({
      service: 'milestone_billing.contract.v1.ContractService',
      method: 'CreateClient',
    });
  });

  it.each([undefined, '', 'CreateClient', '/a/b/c'])('labels a path it cannot read (%p) as unknown rather than inventing series', (path) => {
    expect(rpcOf(path)).toEqual({ service: 'unknown', method: 'unknown' });
  });
});
