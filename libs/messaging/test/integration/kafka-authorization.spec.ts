import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { eventually, testInfrastructure, testKafkaCredentials, uniqueName } from '@mb/testing';

const run = promisify(execFile);

/** kcat's outcome: its exit code and what it printed. */
async function kcat(args: string[], input?: string): Promise<{ code: number; output: string }> {
  const child = run('kcat', ['-b', testInfrastructure().brokers[0], '-m', '5', ...args], { encoding: 'utf8', timeout: 30_000 });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  try {
    const { stdout, stderr } = await child;
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : 1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

/**
 * kcat's login. PLAIN: the librdkafka of Debian 12's kcat (2.0.2) computes a SCRAM proof Kafka 4
 * refuses (fixed in librdkafka 2.6.1); the users and their ACLs are the same whatever the mechanism.
 */
function kcatLoginAs(username: string, password: string): string[] {
  return ['-X', 'security.protocol=SASL_PLAINTEXT', '-X', 'sasl.mechanisms=PLAIN', '-X', `sasl.username=${username}`, '-X', `sasl.password=${password}`];
}

/** A Kafka client logged in as one service's own user, as that service runs in production. */
function kafkaAs(serviceName: string): Kafka {
  return new Kafka({
    clientId: uniqueName(serviceName),
    brokers: testInfrastructure().brokers,
    sasl: { mechanism: 'scram-sha-512', ...testKafkaCredentials(serviceName) },
    logLevel: logLevel.NOTHING,
  });
}

describe('Kafka authentication and authorization', () => {
  it('refuses kcat without credentials', async () => {
    // given kcat with no SASL settings, as any process on the network could run it
    // when it asks the broker for the cluster's metadata
    const anonymous = await kcat(['-L']);
    // then it gets nothing: the listener only speaks to authenticated clients
    expect(anonymous.code).not.toBe(0);
    expect(anonymous.output).toMatch(/Failed to acquire metadata|transport failure|all broker connections are down/i);
    expect(anonymous.output).not.toMatch(/invoice\.paid/);
  });

  it('refuses kcat with a wrong password', async () => {
    const wrong = await kcat(['-L', ...kcatLoginAs('invoicing-service', 'not-the-password')]);
    expect(wrong.code).not.toBe(0);
    expect(wrong.output).toMatch(/Authentication failed|SASL authentication error/i);
  });

  it('serves kcat logged in with a known user', async () => {
    // the same request, authenticated: the refusals above are the missing login, nothing else
    const { username, password } = testKafkaCredentials('admin');
    const admin = await kcat(['-L', ...kcatLoginAs(username, password)]);
    expect(admin.code).toBe(0);
    expect(admin.output).toMatch(/topic "invoice\.paid"/);
  });

  it("refuses kcat writing invoice.paid as the milestone service, whose topic it is not", async () => {
    // given the milestone service's own credentials (it consumes invoice.paid; invoicing produces it)
    const { username, password } = testKafkaCredentials('milestone-service');
    // when kcat tries to publish a fake payment with them
    const forged = await kcat(['-P', '-t', 'invoice.paid', '-k', 'con_forged', ...kcatLoginAs(username, password)], '{"event":"invoice.paid"}\n');
    // then the broker refuses the write
    expect(forged.output).toMatch(/Topic authorization failed/i);
  });

  it("refuses a service's producer writing another service's topic", async () => {
    // given the collections service's producer, as the service's relay creates it
    const producer = kafkaAs('collections-service').producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    try {
      // when it sends a milestone.status_updated (whose amount would become an invoice amount)
      const send = producer.send({ topic: 'milestone.status_updated', acks: -1, messages: [{ key: 'con_forged', value: '{}' }] });
      // then the broker refuses it
      await expect(send).rejects.toThrow(/Topic authorization failed/);
    } finally {
      await producer.disconnect();
    }
  });

  it('lets a service read the topics it consumes, and no other', async () => {
    // given the milestone service's user (it consumes invoice.paid, not payment.recorded)
    const admin = kafkaAs('milestone-service').admin();
    await admin.connect();
    try {
      // when it asks for the offsets of a topic it consumes, then it gets them
      await expect(admin.fetchTopicOffsets('invoice.paid')).resolves.toHaveLength(6);
      // and when it asks for one it does not consume, it is refused
      await expect(admin.fetchTopicOffsets('payment.recorded')).rejects.toThrow(/authoriz|not authorized|does not host/i);
    } finally {
      await admin.disconnect();
    }
  });

  it("keeps a service to consumer groups under its own '<service>.' prefix", async () => {
    // given the notification service's user
    const admin = kafkaAs('notification-service').admin();
    await admin.connect();
    try {
      // when it reads the offsets of a group of its own, then it may (once the broker's group
      // coordinator has loaded, which the first group of a fresh broker waits for)
      const ownGroup = uniqueName('notification-service.probe');
      const offsets = await eventually(
        () => admin.fetchOffsets({ groupId: ownGroup, topics: ['invoice.paid'] }).catch(() => undefined),
        (answer) => answer !== undefined,
        'the offsets of a group of its own',
      );
      expect(offsets).toHaveLength(1);
      // and when it reads those of a group named as another service's, it is refused: the broker
      // answers FindCoordinator with GROUP_AUTHORIZATION_FAILED, which kafkajs reports as a
      // coordinator it could not find (the same user just found the coordinator of its own group)
      await expect(admin.fetchOffsets({ groupId: 'invoicing-service.billing', topics: ['invoice.paid'] })).rejects.toThrow('Failed to find group coordinator');
    } finally {
      await admin.disconnect();
    }
  });
});
