// The README's start command ends here: PostgreSQL, Kafka, topics, database, the five services
// (REST on 3001–3005, gRPC on 50051–50055), then the client portal (http://127.0.0.1:3010).
// Ctrl-C stops everything this started, the portal and services first (they drain their outboxes), Kafka last.
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { TOPICS, topicAccessGrants } from '@mb/events';
import {
  bootstrapDatabase,
  ensurePostgresRunning,
  ensureTopicAcls,
  ensureTopics,
  killStaleBroker,
  LOCAL_SERVICES,
  LocalIssuer,
  LocalKafka,
  MailSink,
  scramSasl,
  startLocalKafka,
  startMailSink,
  stopProcess,
  waitForReadiness,
} from '@mb/devstack';
import { localIssuerDirectory, stackSettings, unlessSetIn } from './stack-settings';
import { RunningPortal, RunningService, startPortal, startService, stopServices, waitUntilReady } from './supervisor';

const say = (line: string) => console.log(`[start] ${line}`);

async function main(): Promise<void> {
  const started = Date.now();
  const settings = stackSettings(process.env, { databaseName: 'milestone_billing', kafkaPort: 9092, dataDir: 'local' });
  let kafka: LocalKafka | undefined;
  let stopPostgres: (() => void) | undefined;
  let mailSink: MailSink | undefined;
  let services: RunningService[] = [];
  let portal: RunningPortal | undefined;
  let stopping = false;

  const stopAll = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping services ...');
    if (portal !== undefined) await stopProcess(portal.process, 10_000);
    await stopServices(services);
    if (kafka?.startedHere) {
      say('stopping Kafka ...');
      await kafka.stop();
    }
    await mailSink?.stop();
    stopPostgres?.();
    say('stopped');
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    stopPostgres = (await ensurePostgresRunning(settings.adminUrl, say)).stop;
    await bootstrapDatabase({ adminUrl: settings.adminUrl, databaseName: settings.databaseName, services: LOCAL_SERVICES });
    say(`database ${settings.databaseName} ready (per service: a schema, its owner role for migrations, a runtime role with DML only)`);

    killStaleBroker(join(settings.dataDir, 'kafka'));
    const broker = await startLocalKafka({
      root: settings.root,
      dataDir: join(settings.dataDir, 'kafka'),
      brokerPort: settings.kafkaPort,
      controllerPort: settings.kafkaControllerPort,
      log: say,
    });
    kafka = broker;
    const adminKafka = new Kafka({ clientId: 'start', brokers: broker.brokers, sasl: scramSasl(broker.admin), logLevel: logLevel.WARN });
    const { created } = await ensureTopics(adminKafka, TOPICS);
    const acls = await ensureTopicAcls(adminKafka, topicAccessGrants());
    say(`${TOPICS.length} topics declared, ${created.length} created; ${acls} ACLs (each service writes only its own topics)`);

    mailSink = await startMailSink({ smtpPort: Number(process.env.SMTP_PORT ?? 2525), httpPort: Number(process.env.MAIL_VIEW_PORT ?? 8025) });
    // The local stack is for people trying the product: the test clock is mounted (the demo moves
    // time to show an invoice falling overdue; pending durable timers move with it) and deliveries
    // are retried and polled often. Never so in production.
    // Tokens from the local issuer (tools/auth/issue-token.ts), unless the user points the
    // services at an identity provider of their own (AUTH_ISSUER or AUTH_JWKS_URL set).
    const ownIdentityProvider = process.env.AUTH_ISSUER !== undefined || process.env.AUTH_JWKS_URL !== undefined;
    const localIssuer = ownIdentityProvider ? undefined : await LocalIssuer.openOrCreate(localIssuerDirectory(process.env));
    const localAuth = localIssuer ? localIssuer.serviceEnvironment() : {};
    say(ownIdentityProvider ? `tokens from ${process.env.AUTH_ISSUER ?? '(AUTH_ISSUER)'}` : 'tokens from the local issuer: node dist/tools/auth/issue-token.js --role admin');
    // Defaults only: whatever the user set in the environment wins.
    const localEnvironment = unlessSetIn(process.env, {
      CLOCK_CONTROL: 'enabled',
      SMTP_URL: `smtp://127.0.0.1:${mailSink.smtpPort}`,
      WEBHOOK_RETRY_BASE_MS: '1000',
      // Receivers tried locally are plain http on this machine; production refuses both settings.
      WEBHOOK_HTTP_URLS: 'local-development',
      WEBHOOK_EGRESS_ALLOWED_CIDRS: '127.0.0.1/32,::1/128',
      // API keys are kept by contract-service; the other services check a presented key there.
      API_KEY_SERVICE_URL: `http://127.0.0.1:${LOCAL_SERVICES[0].httpPort}`,
      ...localAuth,
    });
    // notification-service fetches the invoice PDF it attaches from invoicing's API, as a service:
    // with a local-issuer token lasting as long as a stack is likely to run, unless the user set one.
    const invoicing = LOCAL_SERVICES.find((service) => service.name === 'invoicing-service');
    // ... and the payment plan schedule PDF from collections' API, the same way.
    const collections = LOCAL_SERVICES.find((service) => service.name === 'collections-service');
    const documentToken = localIssuer ? await localIssuer.issue({ role: 'service', subject: 'notification-service', expiresInSeconds: 30 * 24 * 3600 }) : undefined;
    const documentAccess = unlessSetIn(process.env, {
      INVOICING_API_URL: `http://127.0.0.1:${invoicing?.httpPort ?? 3003}`,
      COLLECTIONS_API_URL: `http://127.0.0.1:${collections?.httpPort ?? 3005}`,
      ...(documentToken ? { INVOICING_API_CREDENTIAL: documentToken, COLLECTIONS_API_CREDENTIAL: documentToken } : {}),
    });
    // collections-service builds agency case files from the other services' APIs and records agency
    // recoveries as payments in invoicing, as a service: the same kind of local-issuer token.
    const portOf = (name: string, fallback: number) => LOCAL_SERVICES.find((service) => service.name === name)?.httpPort ?? fallback;
    const collectionsAccess = unlessSetIn(process.env, {
      CONTRACT_API_URL: `http://127.0.0.1:${portOf('contract-service', 3001)}`,
      MILESTONE_API_URL: `http://127.0.0.1:${portOf('milestone-service', 3002)}`,
      INVOICING_API_URL: `http://127.0.0.1:${portOf('invoicing-service', 3003)}`,
      NOTIFICATION_API_URL: `http://127.0.0.1:${portOf('notification-service', 3004)}`,
      ...(localIssuer ? { SERVICE_API_CREDENTIAL: await localIssuer.issue({ role: 'service', subject: 'collections-service', expiresInSeconds: 30 * 24 * 3600 }) } : {}),
    });
    // contract-service emails client portal sign-in links (through the mail sink, SMTP_URL above)
    // pointing at the portal's local port; notification-service's approval requests link to it.
    const portalSignIn = unlessSetIn(process.env, { PORTAL_PUBLIC_URL: 'http://127.0.0.1:3010' });
    const extraEnvironment: Record<string, Record<string, string>> = {
      'contract-service': portalSignIn,
      'notification-service': { ...documentAccess, ...portalSignIn },
      'collections-service': collectionsAccess,
    };
    services = LOCAL_SERVICES.map((service) => startService(service, settings, broker.brokers, { ...localEnvironment, ...(extraEnvironment[service.name] ?? {}) }));
    for (const running of services) {
      running.process.once('exit', (code) => {
        if (!stopping) {
          say(`${running.service.name} exited (code ${code}); see ${running.logFile}`);
          void stopAll(1);
        }
      });
    }
    await Promise.all(services.map((running) => waitUntilReady(running, 120_000)));

    // The client portal, once the APIs it calls answer. It holds no credential: each page calls the
    // services with the signed-in client's own token.
    const portalPort = Number(process.env.PORTAL_HTTP_PORT ?? 3010);
    portal = startPortal(
      settings,
      portalPort,
      unlessSetIn(process.env, {
        PORTAL_HTTP_PORT: String(portalPort),
        PORTAL_PUBLIC_URL: `http://127.0.0.1:${portalPort}`,
        CONTRACT_API_URL: `http://127.0.0.1:${portOf('contract-service', 3001)}`,
        MILESTONE_API_URL: `http://127.0.0.1:${portOf('milestone-service', 3002)}`,
        INVOICING_API_URL: `http://127.0.0.1:${portOf('invoicing-service', 3003)}`,
        COLLECTIONS_API_URL: `http://127.0.0.1:${portOf('collections-service', 3005)}`,
      }),
    );
    const runningPortal = portal;
    runningPortal.process.once('exit', (code) => {
      if (!stopping) {
        say(`client-portal exited (code ${code}); see ${runningPortal.logFile}`);
        void stopAll(1);
      }
    });
    try {
      await waitForReadiness(runningPortal.url, runningPortal.process, 60_000);
    } catch (error) {
      throw new Error(`client-portal ${(error as Error).message}; see ${runningPortal.logFile}`, { cause: error });
    }
  } catch (error) {
    say(`failed: ${(error as Error).message}`);
    await stopAll(1);
    return;
  }

  say(`all five services and the client portal ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const running of services) {
    console.log(`  ${running.service.name.padEnd(22)} ${running.url}   gRPC ${running.grpcAddress}   (ready: ${running.url}/health/ready, log: ${running.logFile})`);
  }
  console.log(`  ${'client-portal'.padEnd(22)} ${portal?.url}   (sign in with a client's emailed link; log: ${portal?.logFile})`);
  console.log(`  ${'kafka'.padEnd(22)} ${kafka?.brokers.join(',')}`);
  console.log(`  ${'postgres'.padEnd(22)} ${settings.databaseHost}:${settings.databasePort}/${settings.databaseName}`);
  console.log(`  ${'mail (SMTP sink)'.padEnd(22)} smtp://127.0.0.1:${mailSink?.smtpPort}   (read: http://127.0.0.1:${mailSink?.httpPort}/messages)`);
  say('press Ctrl-C to stop');
}

void main();
