import { runReadinessChecks } from '@mb/observability';
import { ConsumerGroupDirectory } from '../metrics/backbone-metrics';
import { consumerGroupsReadinessCheck } from './consumer-readiness';

describe('consumer groups in readiness', () => {
  it('names the groups joined and those still joining, and keeps the service ready', async () => {
    // given a service whose billing group holds its partitions and whose notices group is still joining
    const groups = new ConsumerGroupDirectory();
    groups.add('invoicing-service.billing', ['milestone.status_updated'], () => 'joined');
    groups.add('invoicing-service.notices', ['contract.signed'], () => 'joining');
    // when readiness is asked
    const report = await runReadinessChecks([consumerGroupsReadinessCheck(groups)]);
    // then it is ready and says which group is joining
    expect(report).toEqual({
      status: 'ready',
      checks: { consumers: { status: 'up', joined: ['invoicing-service.billing'], joining: ['invoicing-service.notices'] } },
    });
  });

  it('reads where each group stands when asked, not when it was registered', async () => {
    // given a group registered while joining
    let state: 'joining' | 'joined' = 'joining';
    const groups = new ConsumerGroupDirectory();
    groups.add('milestone-service.lifecycle', ['contract.activated'], () => state);
    const check = consumerGroupsReadinessCheck(groups);
    expect(await check.check()).toEqual({ joined: [], joining: ['milestone-service.lifecycle'] });
    // when it has joined
    state = 'joined';
    // then readiness says so
    expect(await check.check()).toEqual({ joined: ['milestone-service.lifecycle'], joining: [] });
  });
});
