import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { aMilestoneTriggeredForDisbursement } from '@mb/events';
import { testInfrastructure, testKafkaCredentials, uniqueName } from '@mb/testing';
import { OutboxRelay, OutboxWriter } from '../../src';
import { aMessagingTestKit, eventually, MessagingTestKit } from './messaging-test-kit';

/**
 * kcat's options to log in as the tests' admin user (the broker refuses anyone unauthenticated),
 * with PLAIN: Debian 12's kcat links librdkafka 2.0.2, whose SCRAM Kafka 4 refuses (fixed in 2.6.1).
 */
function kcatLogin(): string[] {
  const { username, password } = testKafkaCredentials('admin');
  return ['-X', 'security.protocol=SASL_PLAINTEXT', '-X', 'sasl.mechanisms=PLAIN', '-X', `sasl.username=${username}`, '-X', `sasl.password=${password}`];
}

interface KcatRecord {
  key: string | null;
  payload: string;
  headers: string[] | null;
}

describe('events as an ordinary Kafka client sees them', () => {
  let kit: MessagingTestKit;

  beforeEach(async () => {
    kit = await aMessagingTestKit([]);
  });

  afterEach(async () => {
    await kit?.close();
  });

  it('lets kcat read a milestone.status_updated event that validates against the published JSON Schema', async () => {
    // given an event published through the outbox to the real milestone.status_updated topic
    const contractId = `con_${uniqueName('kcat').replace(/_/g, '')}`;
    const writer = new OutboxWriter({ schema: kit.schema });
    const envelope = await kit.dataSource.transaction((manager) =>
      writer.record(manager, 'milestone.status_updated', { ...aMilestoneTriggeredForDisbursement().data, contract_id: contractId }),
    );
    const relay = new OutboxRelay({ schema: kit.schema, dataSource: kit.dataSource, databaseUrl: kit.databaseUrl, kafka: kit.kafka, logger: kit.logger });
    await relay.start();
    await relay.stop();

    // when kcat, outside the project, reads the topic
    const readWithKcat = async (): Promise<KcatRecord | undefined> => {
      const output = execFileSync('kcat', ['-C', '-b', testInfrastructure().brokers[0], ...kcatLogin(), '-t', 'milestone.status_updated', '-o', 'beginning', '-e', '-q', '-J'], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      return output
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as KcatRecord)
        .find((record) => record.key === contractId);
    };
    const found = await eventually(readWithKcat, (record) => record !== undefined, 'kcat to see the event');
    const record = found as KcatRecord;

    // then its value is the envelope, valid against the schema published in docs/events
    const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'events', 'schemas', 'milestone.status_updated.v1.json'), 'utf8'));
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const value: unknown = JSON.parse(record.payload);
    const valid = validate(value);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(value).toEqual(envelope);
    // and its metadata travels in headers kcat shows as name/value pairs
    expect(record.headers).toEqual(expect.arrayContaining(['event-version', '1', 'producer', 'milestone-service']));
  });
});
