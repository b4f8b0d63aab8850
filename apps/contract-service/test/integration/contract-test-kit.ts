import { Consumer, Kafka, logLevel } from 'kafkajs';
import type { EventName } from '@mb/events';
import { testInfrastructure, uniqueName } from '@mb/testing';

export interface ReadEvent {
  readonly topic: string;
  readonly key: string;
  readonly headers: Record<string, string>;
  readonly envelope: { event: string; id: string; created_at: string; data: Record<string, unknown> };
}

/** Reads topics from the beginning into memory; tests filter by their own ids (topics are shared). */
export class TopicReader {
  readonly events: ReadEvent[] = [];

  private constructor(private readonly consumer: Consumer) {}

  static async start(kafka: Kafka, topics: EventName[]): Promise<TopicReader> {
    const consumer = kafka.consumer({ groupId: uniqueName('contract-reader') });
    const reader = new TopicReader(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        reader.events.push({
          topic,
          key: message.key?.toString() ?? '',
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)])),
          envelope: JSON.parse(message.value?.toString() ?? '{}'),
        });
      },
    });
    return reader;
  }

  about(event: EventName, field: string, value: string): ReadEvent[] {
    return this.events.filter((read) => read.topic === event && read.envelope.data[field] === value);
  }

  async close(): Promise<void> {
    await this.consumer.disconnect();
  }
}

export function testKafka(): Kafka {
  return new Kafka({ clientId: uniqueName('contract-test'), brokers: testInfrastructure().brokers, logLevel: logLevel.NOTHING });
}

/** Polls until the probe holds or the time is up; the failure message says what was awaited. */
export async function eventually<T>(probe: () => Promise<T> | T, holds: (value: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!holds(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await probe();
  }
  return last;
}

/** The reference project's schedule: 25 % deposit on signing, then three milestones on approval. */
export function referenceMilestones(): Record<string, unknown>[] {
  return [
    { title: 'Kickoff Deposit', acceptance_criteria: 'Contract countersigned by both parties', amount_bps: 2500, billing_trigger: 'on_signing' },
    {
      title: 'UI Prototype',
      acceptance_criteria: 'Clickable prototype of the 12 screens in the signed scope is deployed to staging',
      amount_bps: 3500,
      billing_trigger: 'on_approval',
      approval_window_days: 10,
      deliverables: ['Figma file', 'staging URL'],
    },
    {
      title: 'User Acceptance Testing',
      acceptance_criteria: 'All test cases in the signed UAT plan pass with no severity-1 defects open',
      amount_bps: 2500,
      billing_trigger: 'on_approval',
      approval_window_days: 10,
    },
    {
      title: 'Launch Sign-off',
      acceptance_criteria: 'Production release tagged and live on the agreed domain',
      amount_bps: 1500,
      billing_trigger: 'on_approval',
      approval_window_days: 10,
      deemed_acceptance: true,
      payout_destination: { account_token: 'acc_test_123', auto_clear: true },
      planned_date: '2026-09-30',
    },
  ];
}
