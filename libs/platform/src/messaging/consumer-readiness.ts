import type { ReadinessCheck } from '@mb/observability';
import type { ConsumerGroupDirectory } from '../metrics/backbone-metrics';

/**
 * Readiness names the consumer groups still joining (at start-up, or rejoining after a rebalance
 * or a crash) beside those joined, without making the instance not ready: its HTTP and gRPC
 * commands and its outbox relay need no consumer, and a consumer that has not joined yet loses
 * nothing (its events wait on Kafka). Taking the instance out of the load balancer for that
 * would bring back the outage fast start-up removes. docs/operations.md (Readiness) says so.
 */
export function consumerGroupsReadinessCheck(consumerGroups: ConsumerGroupDirectory): ReadinessCheck {
  return {
    name: 'consumers',
    async check() {
      const groups = consumerGroups.list();
      return {
        joined: groups.filter((group) => group.membership === 'joined').map((group) => group.groupId),
        joining: groups.filter((group) => group.membership !== 'joined').map((group) => group.groupId),
      };
    },
  };
}
