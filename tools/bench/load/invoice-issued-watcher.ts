// Reads invoice.issued from Kafka as any consumer would (its own consumer group, from the latest
// offsets when started) and notes, per milestone, when its invoice was seen on this process's
// performance.now() clock, so approve → invoice is measured on one clock.
import { performance } from 'node:perf_hooks';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { type KafkaCredentials, scramSasl } from '@mb/devstack';

export interface IssuedInvoice {
  readonly invoiceId: string;
  readonly milestoneId: string;
  readonly seenAt: number;
}

export class InvoiceIssuedWatcher {
  private readonly byMilestone = new Map<string, IssuedInvoice>();
  private readonly duplicates: string[] = [];
  private consumer?: Consumer;

  constructor(
    private readonly brokers: string[],
    private readonly credentials: KafkaCredentials,
    private readonly groupId = `bench-invoice-watcher-${process.pid}-${Date.now()}`,
  ) {}

  /** Joins the topic (resolves once partitions are assigned), reading only what is published from now on. */
  async start(): Promise<void> {
    const kafka = new Kafka({ clientId: 'bench-invoice-watcher', brokers: this.brokers, sasl: scramSasl(this.credentials), logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: this.groupId, maxWaitTimeInMs: 20 });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topic: 'invoice.issued', fromBeginning: false });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.run({
      partitionsConsumedConcurrently: 6,
      eachBatch: async ({ batch }) => {
        const seenAt = performance.now();
        for (const message of batch.messages) {
          if (message.value === null) continue;
          const envelope = JSON.parse(message.value.toString()) as { data?: { invoice_id?: string; milestone_id?: string } };
          const milestoneId = envelope.data?.milestone_id;
          const invoiceId = envelope.data?.invoice_id;
          if (milestoneId === undefined || invoiceId === undefined) continue;
          if (this.byMilestone.has(milestoneId)) this.duplicates.push(milestoneId);
          else this.byMilestone.set(milestoneId, { invoiceId, milestoneId, seenAt });
        }
      },
    });
    await joined;
  }

  /** When the milestone's invoice.issued was seen, if it was. */
  issuedFor(milestoneId: string): IssuedInvoice | undefined {
    return this.byMilestone.get(milestoneId);
  }

  /** Every invoice seen so far. */
  issued(): IssuedInvoice[] {
    return [...this.byMilestone.values()];
  }

  /** Milestones whose invoice.issued was seen more than once (a second invoice, or a re-publication). */
  duplicated(): readonly string[] {
    return this.duplicates;
  }

  /** Resolves when every milestone's invoice was seen; rejects after timeoutMs with how many are missing. */
  async waitForAll(milestoneIds: readonly string[], timeoutMs: number, onProgress?: (seen: number) => void): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    let missing = milestoneIds.filter((id) => !this.byMilestone.has(id));
    let lastReport = performance.now();
    while (missing.length > 0) {
      if (performance.now() > deadline) throw new Error(`${missing.length} of ${milestoneIds.length} invoices not issued within ${timeoutMs / 1000} s`);
      if (onProgress && performance.now() - lastReport >= 1000) {
        lastReport = performance.now();
        onProgress(milestoneIds.length - missing.length);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
      missing = missing.filter((id) => !this.byMilestone.has(id));
    }
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
