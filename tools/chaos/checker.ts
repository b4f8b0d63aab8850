import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { Client } from 'pg';
import type { CaughtMail } from '@mb/devstack';
import type { ReceivedWebhook } from './webhook-receiver';

/** One invariant, whether it held, and what broke it (a few examples). */
export interface CheckResult {
  readonly name: string;
  readonly passed: boolean;
  readonly detail: string;
}

export interface CheckerSources {
  /** The superuser's URL to the run's database (every service's schema). */
  readonly databaseUrl: string;
  readonly kafka: Kafka;
  readonly emails: () => readonly CaughtMail[];
  readonly webhooks: () => readonly ReceivedWebhook[];
}

/**
 * What the chaos run must not have broken, read from where the effects landed: the services'
 * tables, Kafka (committed offsets, dead-letter topics) and what the SMTP sink and the webhook
 * receiver caught.
 */
export async function checkInvariants(sources: CheckerSources): Promise<CheckResult[]> {
  const database = new Client({ connectionString: sources.databaseUrl });
  await database.connect();
  try {
    return [
      await everyApprovedMilestoneHasOneInvoice(database),
      await invoiceNumbersAreGapless(database),
      await moneyAddsUp(database),
      await emailsSentOnce(database, sources.emails()),
      await webhooksSentOnce(database, sources.webhooks()),
      await consumerLagIsZero(sources.kafka),
      await deadLetterTopicsAreEmpty(sources.kafka),
    ];
  } finally {
    await database.end();
  }
}

/** Settled: no consumer lag, nothing of notification's still pending, every approved milestone invoiced. */
export async function flowHasSettled(sources: CheckerSources): Promise<{ settled: boolean; waitingFor: string[] }> {
  const waitingFor: string[] = [];
  const lag = await consumerLags(sources.kafka);
  const lagging = [...lag.entries()].filter(([, value]) => value > 0);
  if (lagging.length > 0) waitingFor.push(`consumer lag ${lagging.map(([group, value]) => `${group}=${value}`).join(', ')}`);
  const database = new Client({ connectionString: sources.databaseUrl });
  await database.connect();
  try {
    const [{ pending }] = (await database.query<{ pending: string }>(`SELECT count(*) AS pending FROM notification.deliveries WHERE status = 'pending'`)).rows;
    if (Number(pending) > 0) waitingFor.push(`${pending} notification deliveries pending`);
    const [{ uninvoiced }] = (
      await database.query<{ uninvoiced: string }>(`SELECT count(*) AS uninvoiced FROM milestone.milestones WHERE approved_at IS NOT NULL AND status <> 'invoiced'`)
    ).rows;
    if (Number(uninvoiced) > 0) waitingFor.push(`${uninvoiced} approved milestones not yet invoiced`);
  } finally {
    await database.end();
  }
  return { settled: waitingFor.length === 0, waitingFor };
}

async function everyApprovedMilestoneHasOneInvoice(database: Client): Promise<CheckResult> {
  const { rows } = await database.query<{ id: string; invoices: string; status: string }>(
    `SELECT m.id, m.status, count(i.id) AS invoices
       FROM milestone.milestones m
       LEFT JOIN invoicing.invoices i ON i.milestone_id = m.id AND i.number IS NOT NULL
      WHERE m.approved_at IS NOT NULL
      GROUP BY m.id, m.status`,
  );
  const wrong = rows.filter((row) => Number(row.invoices) !== 1 || row.status !== 'invoiced');
  const { rows: stray } = await database.query<{ id: string }>(
    `SELECT i.id FROM invoicing.invoices i LEFT JOIN milestone.milestones m ON m.id = i.milestone_id
      WHERE i.number IS NOT NULL AND (m.id IS NULL OR m.approved_at IS NULL)`,
  );
  return {
    name: 'every approved milestone has exactly one issued invoice',
    passed: rows.length > 0 && wrong.length === 0 && stray.length === 0,
    detail:
      `${rows.length} approved milestones; ${wrong.length} without exactly one invoice or not invoiced` +
      (wrong.length ? ` (e.g. ${wrong.slice(0, 3).map((row) => `${row.id}: ${row.invoices} invoices, ${row.status}`).join('; ')})` : '') +
      `; ${stray.length} invoices of no approved milestone`,
  };
}

async function invoiceNumbersAreGapless(database: Client): Promise<CheckResult> {
  const { rows } = await database.query<{ number: string }>(`SELECT number FROM invoicing.invoices WHERE number IS NOT NULL`);
  const series = new Map<string, number[]>();
  for (const { number } of rows) {
    const cut = number.lastIndexOf('-');
    const prefix = number.slice(0, cut);
    series.set(prefix, [...(series.get(prefix) ?? []), Number(number.slice(cut + 1))]);
  }
  const problems: string[] = [];
  for (const [prefix, sequence] of series) {
    sequence.sort((a, b) => a - b);
    const duplicates = sequence.filter((value, index) => index > 0 && sequence[index - 1] === value);
    const gaps = sequence.filter((value, index) => value !== index + 1 && !duplicates.includes(value));
    if (duplicates.length) problems.push(`${prefix}: duplicates ${duplicates.slice(0, 5).join(', ')}`);
    if (gaps.length || sequence[0] !== 1) problems.push(`${prefix}: not 1..${sequence.length} (first out of place ${gaps[0] ?? sequence[0]})`);
  }
  return {
    name: 'invoice numbers gapless, no duplicates',
    passed: rows.length > 0 && problems.length === 0,
    detail: `${rows.length} numbers in ${series.size} series${problems.length ? `: ${problems.join('; ')}` : ''}`,
  };
}

async function moneyAddsUp(database: Client): Promise<CheckResult> {
  // An invoice bills its milestone's amount exactly (no tax, no retainage on these contracts).
  const { rows: mismatched } = await database.query<{ id: string }>(
    `SELECT i.id FROM invoicing.invoices i JOIN milestone.milestones m ON m.id = i.milestone_id
      WHERE i.number IS NOT NULL AND (i.subtotal_cents <> m.amount_cents OR i.total_cents <> i.subtotal_cents + i.tax_cents OR i.tax_cents <> 0)`,
  );
  // A contract's milestones add up to its value, and what is billed on it to its approved milestones.
  const { rows: contracts } = await database.query<{ id: string; value: string; scheduled: string; approved: string; billed: string }>(
    `SELECT c.id, c.total_value_cents AS value,
            (SELECT coalesce(sum(m.amount_cents), 0) FROM milestone.milestones m WHERE m.contract_id = c.id) AS scheduled,
            (SELECT coalesce(sum(m.amount_cents), 0) FROM milestone.milestones m WHERE m.contract_id = c.id AND m.approved_at IS NOT NULL) AS approved,
            (SELECT coalesce(sum(i.subtotal_cents), 0) FROM invoicing.invoices i WHERE i.contract_id = c.id AND i.number IS NOT NULL) AS billed
       FROM contract.contracts c`,
  );
  const wrongContracts = contracts.filter((row) => row.value !== row.scheduled || row.approved !== row.billed);
  return {
    name: 'money: invoice = milestone amount; contract milestones = contract value; billed = approved',
    passed: contracts.length > 0 && mismatched.length === 0 && wrongContracts.length === 0,
    detail:
      `${mismatched.length} invoices differing from their milestone; ${wrongContracts.length} of ${contracts.length} contracts not adding up` +
      (wrongContracts.length ? ` (e.g. ${wrongContracts.slice(0, 2).map((row) => `${row.id}: value ${row.value}, scheduled ${row.scheduled}, approved ${row.approved}, billed ${row.billed}`).join('; ')})` : ''),
  };
}

/** An email is identified by its recipients and subject (each invoice's subject names its number; each approval request its milestone). */
async function emailsSentOnce(database: Client, emails: readonly CaughtMail[]): Promise<CheckResult> {
  const counts = new Map<string, number>();
  for (const mail of emails) {
    const key = `${[...mail.to].sort().join(',')} | ${mail.subject}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const twice = [...counts.entries()].filter(([, count]) => count > 1);
  const { rows } = await database.query<{ number: string }>(`SELECT number FROM invoicing.invoices WHERE number IS NOT NULL`);
  const missing = rows.filter(({ number }) => !emails.some((mail) => mail.subject.includes(number)));
  return {
    name: 'no email sent twice for one event and recipient; every invoice emailed',
    passed: twice.length === 0 && missing.length === 0,
    detail: `${emails.length} emails, ${twice.length} sent more than once${twice.length ? ` (e.g. ${twice.slice(0, 3).map(([key, count]) => `${count}× ${key}`).join('; ')})` : ''}; ${missing.length} of ${rows.length} invoices without an email`,
  };
}

async function webhooksSentOnce(database: Client, webhooks: readonly ReceivedWebhook[]): Promise<CheckResult> {
  const counts = new Map<string, number>();
  for (const webhook of webhooks) {
    const key = `${webhook.path} ${webhook.webhookId}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const twice = [...counts.entries()].filter(([, count]) => count > 1);
  const issued = webhooks.filter((webhook) => webhook.event === 'invoice.issued');
  const [{ invoices }] = (await database.query<{ invoices: string }>(`SELECT count(*) AS invoices FROM invoicing.invoices WHERE number IS NOT NULL`)).rows;
  const distinct = new Set(issued.map((webhook) => webhook.webhookId)).size;
  return {
    name: 'no webhook sent twice for one event and subscription; every invoice.issued delivered',
    passed: twice.length === 0 && distinct === Number(invoices),
    detail: `${webhooks.length} deliveries, ${twice.length} event ids received more than once${twice.length ? ` (e.g. ${twice.slice(0, 3).map(([key, count]) => `${count}× ${key}`).join('; ')})` : ''}; ${distinct} invoice.issued events for ${invoices} invoices`,
  };
}

async function consumerLagIsZero(kafka: Kafka): Promise<CheckResult> {
  const lags = await consumerLags(kafka);
  const lagging = [...lags.entries()].filter(([, lag]) => lag > 0);
  return {
    name: 'every consumer group lag back to 0',
    passed: lags.size > 0 && lagging.length === 0,
    detail: `${lags.size} consumer groups${lagging.length ? `; lagging: ${lagging.map(([group, lag]) => `${group} ${lag}`).join(', ')}` : ', all at 0'}`,
  };
}

async function deadLetterTopicsAreEmpty(kafka: Kafka): Promise<CheckResult> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.endsWith('.dlt'));
    const holding: string[] = [];
    for (const topic of topics) {
      const offsets = await admin.fetchTopicOffsets(topic);
      const count = offsets.reduce((sum, partition) => sum + (Number(partition.high) - Number(partition.low)), 0);
      if (count > 0) holding.push(`${topic} ${count}`);
    }
    return { name: 'no event left in a dead-letter topic', passed: topics.length > 0 && holding.length === 0, detail: `${topics.length} DLTs${holding.length ? `; holding: ${holding.join(', ')}` : ', all empty'}` };
  } finally {
    await admin.disconnect();
  }
}

/** Per consumer group (the run's own readers left out), how many messages of its topics it has not committed past. */
export async function consumerLags(kafka: Kafka): Promise<Map<string, number>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const groups = (await admin.listGroups()).groups.map((group) => group.groupId).filter((id) => !id.startsWith('chaos-'));
    const lags = new Map<string, number>();
    const highs = new Map<string, Map<number, number>>();
    for (const groupId of groups) {
      let lag = 0;
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId })) {
        if (!highs.has(topic)) highs.set(topic, new Map((await admin.fetchTopicOffsets(topic)).map((partition) => [partition.partition, Number(partition.high)])));
        const high = highs.get(topic) as Map<number, number>;
        for (const { partition, offset } of partitions) {
          const committed = Number(offset);
          // Never committed: nothing of the partition was for it yet only if the partition is empty.
          lag += Math.max(0, (high.get(partition) ?? 0) - (committed < 0 ? 0 : committed));
        }
      }
      lags.set(groupId, lag);
    }
    return lags;
  } finally {
    await admin.disconnect();
  }
}

/**
 * When each event on `topic` first reached Kafka (the message timestamp the relay's producer set,
 * epoch ms), by the envelope's event id: a relay that publishes a row again after a fault adds a
 * second message of the same event, which consumers drop by their inbox and the flow must not count.
 */
export async function topicTimestamps(kafka: Kafka, topic: string): Promise<number[]> {
  const admin = kafka.admin();
  await admin.connect();
  const highs = new Map((await admin.fetchTopicOffsets(topic)).map((partition) => [partition.partition, Number(partition.high)]));
  await admin.disconnect();
  const total = [...highs.values()].reduce((sum, high) => sum + high, 0);
  const firstSeen = new Map<string, number>();
  if (total === 0) return [];
  const consumer = kafka.consumer({ groupId: `chaos-reader-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const seen = new Map<number, number>();
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`read ${firstSeen.size} events of ${total} messages of ${topic} in 60 s`)), 60_000);
    void consumer.run({
      eachMessage: async ({ partition, message }) => {
        const eventId = String((JSON.parse(message.value?.toString('utf8') ?? '{}') as { id?: string }).id ?? `${partition}:${message.offset}`);
        const at = Number(message.timestamp);
        firstSeen.set(eventId, Math.min(at, firstSeen.get(eventId) ?? at));
        seen.set(partition, Number(message.offset) + 1);
        if ([...highs.entries()].every(([id, high]) => (seen.get(id) ?? 0) >= high)) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  }).finally(() => consumer.disconnect());
  return [...firstSeen.values()];
}
