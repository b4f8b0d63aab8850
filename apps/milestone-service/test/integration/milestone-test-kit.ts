import { Consumer, Kafka } from 'kafkajs';
import { aValidEvent, type EventData, type EventEnvelope } from '@mb/events';
import { addDays, calendarDateOf, newEventId, newId } from '@mb/kernel';
import { bootstrapService, type BootstrappedService } from '@mb/platform';
import { testAuthEnvironment, testServiceEnvironment, uniqueName, TEST_READER_MAX_WAIT_MS } from '@mb/testing';
import { milestoneServiceDefinition } from '../../src/milestone-service.definition';

export type MilestoneService = BootstrappedService<unknown>;

/** The milestone service in-process, on the suite's own database and broker; `environment` adds or overrides variables. */
export async function startMilestoneService(environment: Record<string, string> = {}): Promise<MilestoneService> {
  return bootstrapService(milestoneServiceDefinition, {
    ...testServiceEnvironment('milestone-service'),
    ...(await testAuthEnvironment()),
    CLOCK_CONTROL: 'enabled',
    LOG_LEVEL: 'warn',
    ...environment,
  }) as Promise<MilestoneService>;
}

export { EventPublisher, testKafka } from '@mb/testing';

export interface StatusUpdate {
  readonly key: string;
  readonly headers: Record<string, string>;
  readonly envelope: EventEnvelope<'milestone.status_updated'>;
}

/** Reads milestone.status_updated from the beginning into memory; tests filter by their own contract. */
export class StatusUpdateReader {
  readonly updates: StatusUpdate[] = [];

  private constructor(private readonly consumer: Consumer) {}

  static async start(kafka: Kafka): Promise<StatusUpdateReader> {
    const consumer = kafka.consumer({ groupId: uniqueName('reader'), maxWaitTimeInMs: TEST_READER_MAX_WAIT_MS });
    const reader = new StatusUpdateReader(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics: ['milestone.status_updated'], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        reader.updates.push({
          key: message.key?.toString() ?? '',
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)])),
          envelope: JSON.parse(message.value?.toString() ?? '{}'),
        });
      },
    });
    return reader;
  }

  of(contractId: string): StatusUpdate[] {
    return this.updates.filter((update) => update.envelope.data.contract_id === contractId);
  }

  /** [milestone_index, status] pairs of one contract, in the order they were read. */
  transitionsOf(contractId: string, milestoneIndex?: number): [number, string][] {
    return this.of(contractId)
      .filter((update) => milestoneIndex === undefined || update.envelope.data.milestone_index === milestoneIndex)
      .map((update) => [update.envelope.data.milestone_index, update.envelope.data.status]);
  }

  async close(): Promise<void> {
    await this.consumer.disconnect();
  }
}

export { eventually } from '@mb/testing';

/**
 * A contract signed with the fixtures' 25 / 25 / 35 / 15 % schedule (deposit on signing, the rest
 * on approval), under an id of the test's own. Its milestones are planned a year and more ahead,
 * so that no advance notice or delay fires while a lifecycle test runs (planned-dates.spec.ts
 * tests those, with dates of its own).
 */
export function aContractActivatedFor(contractId: string = newId('con'), clientId: string = newId('cli')): EventEnvelope<'contract.activated'> {
  const activation = aValidEvent('contract.activated', { id: newEventId(), data: { contract_id: contractId, client_id: clientId } });
  const aYearAhead = addDays(calendarDateOf(new Date()), 365);
  const milestones = activation.data.milestones.map((milestone, position) => ({ ...milestone, planned_date: addDays(aYearAhead, 30 * position) }));
  return { ...activation, data: { ...activation.data, milestones } };
}

export function anInvoiceIssuedFor(contractId: string, milestoneIndex: number, invoiceId: string = newId('inv')): EventEnvelope<'invoice.issued'> {
  return aValidEvent('invoice.issued', {
    id: newEventId(),
    data: { contract_id: contractId, milestone_index: milestoneIndex, invoice_id: invoiceId } as Partial<EventData<'invoice.issued'>>,
  });
}

export function anInvoicePaidFor(contractId: string, invoiceId: string, milestoneIndex?: number): EventEnvelope<'invoice.paid'> {
  const envelope = aValidEvent('invoice.paid', { id: newEventId(), data: { contract_id: contractId, invoice_id: invoiceId } });
  const data = { ...envelope.data } as EventData<'invoice.paid'>;
  if (milestoneIndex === undefined) delete data.milestone_index;
  else data.milestone_index = milestoneIndex;
  return { ...envelope, data };
}
