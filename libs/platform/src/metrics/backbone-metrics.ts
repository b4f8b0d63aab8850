import type { Admin, Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { type GroupMembershipState, type OutboxBacklog, type OutboxRelay, readConsumerLag, readOutboxBacklog } from '@mb/messaging';
import type { ServiceMetrics } from '@mb/observability';

interface DirectoryEntry {
  readonly topics: readonly string[];
  readonly membership: () => GroupMembershipState;
}

/** The consumer groups a service runs, filled in as its consumers are created. */
export class ConsumerGroupDirectory {
  private readonly groups = new Map<string, DirectoryEntry>();

  /** @param membership where the service's member of the group stands now (readiness shows it). */
  add(groupId: string, topics: readonly string[], membership: () => GroupMembershipState = () => 'joined'): void {
    this.groups.set(groupId, { topics, membership });
  }

  list(): { groupId: string; topics: readonly string[]; membership: GroupMembershipState }[] {
    return [...this.groups].map(([groupId, { topics, membership }]) => ({ groupId, topics, membership: membership() }));
  }
}

/**
 * Gauges every service has, read at scrape time: its outbox backlog (from its own schema) and
 * its consumer groups' lag (from the broker, the way kafka-exporter would report it, so the
 * alert and dashboard work with or without one).
 */
export function registerBackboneMetrics(
  metrics: ServiceMetrics,
  parts: { dataSource: DataSource; schema: string; kafka: Kafka; consumerGroups: ConsumerGroupDirectory },
): { close(): Promise<void> } {
  // Both outbox gauges come from one query: a scrape collects its metrics at once, so the second
  // gauge joins the read the first one started.
  let backlogRead: Promise<OutboxBacklog> | undefined;
  const backlog = () => (backlogRead ??= readOutboxBacklog(parts.dataSource, parts.schema).finally(() => (backlogRead = undefined)));
  metrics.sampledGauge({
    name: 'mb_outbox_pending_events',
    help: 'Events committed to the outbox and not yet published to Kafka.',
    sample: async () => [{ labels: {}, value: (await backlog()).pendingEvents }],
  });
  metrics.sampledGauge({
    name: 'mb_outbox_oldest_pending_age_seconds',
    help: 'Age of the oldest unpublished outbox event (0 when none waits).',
    sample: async () => [{ labels: {}, value: (await backlog()).oldestPendingAgeSeconds }],
  });
  metrics.sampledGauge({
    name: 'mb_outbox_quarantined_events',
    help: 'Outbox events Kafka refused for good, set aside until replayed or discarded (later events of their key wait).',
    sample: async () => [{ labels: {}, value: (await backlog()).quarantinedEvents }],
  });

  let admin: Promise<Admin> | undefined;
  const connectedAdmin = () => {
    admin ??= (async () => {
      const client = parts.kafka.admin();
      await client.connect();
      return client;
    })().catch((error: unknown) => {
      admin = undefined; // try again at the next scrape
      throw error;
    });
    return admin;
  };
  metrics.sampledGauge({
    name: 'kafka_consumergroup_lag',
    help: "Messages on a partition after the consumer group's committed offset.",
    labelNames: ['consumergroup', 'topic', 'partition'],
    sample: async () => {
      const groups = parts.consumerGroups.list();
      if (groups.length === 0) return [];
      const client = await connectedAdmin();
      const samples = [];
      for (const { groupId, topics } of groups) {
        for (const { topic, partition, lag } of await readConsumerLag(client, groupId, topics)) {
          samples.push({ labels: { consumergroup: groupId, topic, partition: String(partition) }, value: lag });
        }
      }
      return samples;
    },
  });

  return {
    async close() {
      if (!admin) return;
      const client = await admin.catch(() => undefined);
      await client?.disconnect();
    },
  };
}

/** 1 while this instance's relay holds its schema's outbox lease (publishes), 0 as a standby. */
export function registerRelayLeaderMetric(metrics: ServiceMetrics, relay: Pick<OutboxRelay, 'isLeader'>): void {
  metrics.sampledGauge({
    name: 'mb_outbox_relay_leader',
    help: "1 when this instance currently publishes its schema's outbox (holds the relay lease), else 0.",
    sample: async () => [{ labels: {}, value: relay.isLeader ? 1 : 0 }],
  });
}
