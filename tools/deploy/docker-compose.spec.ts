// docker-compose.yml must start every service with a configuration the service accepts. The
// schemas are read from the services themselves, so a variable a service adds (or a default it
// drops) fails here until the compose file follows.
import { ConfigSchema, readConfig } from '@mb/platform';
import { LOCAL_SERVICES } from '@mb/devstack';
import { contractServiceConfigSchema } from '../../apps/contract-service/src/config';
import { milestoneServiceConfigSchema } from '../../apps/milestone-service/src/config';
import { invoicingServiceConfigSchema } from '../../apps/invoicing-service/src/config';
import { notificationServiceConfigSchema } from '../../apps/notification-service/src/config';
import { collectionsServiceConfigSchema } from '../../apps/collections-service/src/config';
import { clientPortalConfigSchema } from '../../apps/client-portal/src/config';
import {
  bindMountsOf,
  buildArgsOf,
  commandOf,
  composeService,
  dependenciesOf,
  environmentOf,
  healthcheckCommandOf,
  loadComposeFile,
  parseKafkaListeners,
  PrometheusConfig,
  prometheusTargets,
  publishedContainerPorts,
  readRepositoryFile,
  readYaml,
  repositoryFileExists,
} from './deploy-files';

const SERVICES: ReadonlyArray<{ name: string; configSchema: ConfigSchema }> = [
  { name: 'contract-service', configSchema: contractServiceConfigSchema },
  { name: 'milestone-service', configSchema: milestoneServiceConfigSchema },
  { name: 'invoicing-service', configSchema: invoicingServiceConfigSchema },
  { name: 'notification-service', configSchema: notificationServiceConfigSchema },
  { name: 'collections-service', configSchema: collectionsServiceConfigSchema },
];

/** Read by the OpenTelemetry SDK, Node itself or the image's command, not by a service's schema. */
const WELL_KNOWN_EXTRAS = [/^OTEL_[A-Z0-9_]+$/, /^NODE_ENV$/, /^SERVICE$/];

const compose = loadComposeFile();

/** The database role the bootstrap job creates for a service (and the schema it owns). */
function databaseRoleOf(serviceName: string): string {
  const local = LOCAL_SERVICES.find((service) => service.name === serviceName);
  if (local === undefined) throw new Error(`@mb/devstack LOCAL_SERVICES has no "${serviceName}"`);
  return local.role;
}

/** host:port of the listener Kafka advertises to the other containers (its inter-broker listener). */
function kafkaInternalBootstrap(): string {
  const kafka = environmentOf(composeService(compose, 'kafka'));
  const listenerName = kafka.KAFKA_INTER_BROKER_LISTENER_NAME ?? 'PLAINTEXT';
  const advertised = parseKafkaListeners(kafka.KAFKA_ADVERTISED_LISTENERS).find((listener) => listener.name === listenerName);
  if (advertised === undefined) throw new Error(`kafka advertises no ${listenerName} listener`);
  return `${advertised.host}:${advertised.port}`;
}

function prometheusConfig(): PrometheusConfig {
  const mount = bindMountsOf(composeService(compose, 'prometheus')).find((volume) => volume.target === '/etc/prometheus');
  if (mount === undefined) throw new Error('prometheus mounts no configuration at /etc/prometheus');
  return readYaml<PrometheusConfig>(`${mount.source}/prometheus.yml`);
}

function datasourceUidsIn(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((item) => datasourceUidsIn(item, found));
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'datasource' && value !== null && typeof value === 'object' && 'uid' in value) found.add(String(value.uid));
      datasourceUidsIn(value, found);
    }
  }
  return found;
}

describe('docker-compose.yml', () => {
  describe.each(SERVICES)('the $name container', ({ name, configSchema }) => {
    const service = () => composeService(compose, name);
    const environment = () => environmentOf(service());
    /** One variable as the service reads it, so that one wrong variable fails only its own tests. */
    const setting = (variable: string): unknown => readConfig({ [variable]: configSchema[variable] }, environment())[variable];

    it('is built from the Dockerfile with SERVICE naming the service', () => {
      // given the service's build section
      const { build } = service();
      // then it builds the repository's one Dockerfile for this service's entry point
      expect(typeof build === 'object' ? (build.context ?? '.') : build).toBe('.');
      expect(typeof build === 'object' ? (build.dockerfile ?? 'Dockerfile') : 'Dockerfile').toBe('Dockerfile');
      expect(buildArgsOf(service()).SERVICE).toBe(name);
      // and SERVICE picks the compiled entry point of a service that exists
      const dockerfile = readRepositoryFile('Dockerfile');
      expect(dockerfile).toMatch(/^ARG SERVICE\b/m);
      expect(dockerfile).toMatch(/^CMD .*node .*dist\/apps\/\$\{SERVICE[^}]*\}\/src\/main\.js/m);
      expect(repositoryFileExists(`apps/${name}/src/main.ts`)).toBe(true);
    });

    it('has an environment its configuration schema accepts', () => {
      // when the service reads its configuration from the compose environment, then nothing is refused
      expect(() => readConfig(configSchema, environment())).not.toThrow();
    });

    it('sets no variable that its configuration schema does not declare', () => {
      const undeclared = Object.keys(environment()).filter(
        (variable) => !(variable in configSchema) && !WELL_KNOWN_EXTRAS.some((pattern) => pattern.test(variable)),
      );
      expect(undeclared).toEqual([]);
    });

    it('binds to every interface so that the published port reaches it', () => {
      expect(setting('HTTP_HOST')).toBe('0.0.0.0');
    });

    it('listens on the HTTP port its configuration declares by default', () => {
      expect(setting('HTTP_PORT')).toBe(Number(configSchema.HTTP_PORT.defaultValue));
    });

    it('publishes its HTTP_PORT to the host', () => {
      expect(publishedContainerPorts(service())).toContain(setting('HTTP_PORT'));
    });

    it('serves gRPC on the port its configuration and the local stack declare, published to the host', () => {
      const local = LOCAL_SERVICES.find((candidate) => candidate.name === name);
      expect(setting('GRPC_PORT')).toBe(Number(configSchema.GRPC_PORT.defaultValue));
      expect(setting('GRPC_PORT')).toBe(local?.grpcPort);
      expect(publishedContainerPorts(service())).toContain(setting('GRPC_PORT'));
    });

    it('is health-checked on its HTTP_PORT', () => {
      expect(healthcheckCommandOf(service())).toContain(`127.0.0.1:${setting('HTTP_PORT')}/health/`);
    });

    it('is scraped by Prometheus on its HTTP_PORT', () => {
      // given the Prometheus configuration the prometheus container mounts
      const targets = prometheusTargets(prometheusConfig());
      // then the service is a target on its own port, labelled with its name
      expect(targets).toContainEqual(
        expect.objectContaining({ target: `${name}:${setting('HTTP_PORT')}`, metricsPath: '/metrics', labels: expect.objectContaining({ service: name }) }),
      );
    });

    it('connects with its own database role to the compose database', () => {
      // given what db-init creates: the database, and each role with <ROLE>_PASSWORD or its own name
      const role = databaseRoleOf(name);
      const bootstrap = environmentOf(composeService(compose, 'db-init'));
      // when the service's DATABASE_URL is taken apart
      const url = new URL(String(setting('DATABASE_URL')));
      // then it is that role, with that password, on the postgres container's database
      expect(decodeURIComponent(url.username)).toBe(role);
      expect(decodeURIComponent(url.password)).toBe(bootstrap[`${role.toUpperCase()}_PASSWORD`] ?? role);
      expect(`${url.hostname}:${url.port || '5432'}`).toBe('postgres:5432');
      expect(url.pathname).toBe(`/${bootstrap.DATABASE_NAME}`);
    });

    it("reaches Kafka on the broker's internal listener", () => {
      expect(setting('KAFKA_BROKERS')).toEqual([kafkaInternalBootstrap()]);
    });

    it('logs in to Kafka as its own user, whose password kafka-users-init sets', () => {
      // given the users kafka-users-init creates, each with KAFKA_<USER>_PASSWORD
      const users = environmentOf(composeService(compose, 'kafka-users-init'));
      // then the service is its own user, with that user's password
      expect(setting('KAFKA_SASL_USERNAME')).toBe(name);
      expect(setting('KAFKA_SASL_PASSWORD')).toBe(users[`KAFKA_${name.toUpperCase().replace(/-/g, '_')}_PASSWORD`]);
    });

    it('migrates as its schema owner, whose password db-init sets', () => {
      const local = LOCAL_SERVICES.find((candidate) => candidate.name === name);
      const bootstrap = environmentOf(composeService(compose, 'db-init'));
      const url = new URL(String(setting('MIGRATION_DATABASE_URL')));
      expect(decodeURIComponent(url.username)).toBe(local?.migrationRole);
      expect(decodeURIComponent(url.password)).toBe(bootstrap[`${local?.migrationRole.toUpperCase()}_PASSWORD`]);
    });

    it('starts only after the database and the topics are prepared', () => {
      expect(dependenciesOf(service())).toEqual(
        expect.objectContaining({ 'db-init': 'service_completed_successfully', 'topics-init': 'service_completed_successfully' }),
      );
    });
  });

  describe('the client-portal container', () => {
    const service = () => composeService(compose, 'client-portal');
    const config = () => readConfig(clientPortalConfigSchema, environmentOf(service()));

    it('is built from the Dockerfile with SERVICE naming the portal, whose entry point exists', () => {
      expect(buildArgsOf(service()).SERVICE).toBe('client-portal');
      expect(repositoryFileExists('apps/client-portal/src/main.ts')).toBe(true);
    });

    it('has an environment its configuration schema accepts, and nothing it does not declare', () => {
      expect(() => config()).not.toThrow();
      const undeclared = Object.keys(environmentOf(service())).filter(
        (variable) => !(variable in clientPortalConfigSchema) && !WELL_KNOWN_EXTRAS.some((pattern) => pattern.test(variable)),
      );
      expect(undeclared).toEqual([]);
    });

    it('binds to every interface, publishes PORTAL_HTTP_PORT and is health-checked there', () => {
      expect(config().HTTP_HOST).toBe('0.0.0.0');
      expect(config().PORTAL_HTTP_PORT).toBe(Number(clientPortalConfigSchema.PORTAL_HTTP_PORT.defaultValue));
      expect(publishedContainerPorts(service())).toContain(config().PORTAL_HTTP_PORT);
      expect(healthcheckCommandOf(service())).toContain(`127.0.0.1:${config().PORTAL_HTTP_PORT}/health/`);
    });

    it('calls each service by its container name and HTTP_PORT, once that service is healthy', () => {
      const apis = [
        ['CONTRACT_API_URL', 'contract-service'],
        ['MILESTONE_API_URL', 'milestone-service'],
        ['INVOICING_API_URL', 'invoicing-service'],
        ['COLLECTIONS_API_URL', 'collections-service'],
      ] as const;
      for (const [variable, name] of apis) {
        expect(config()[variable]).toBe(`http://${name}:${environmentOf(composeService(compose, name)).HTTP_PORT}`);
        expect(dependenciesOf(service())[name]).toBe('service_healthy');
      }
    });
  });

  it('runs a container for each service the local stack knows', () => {
    expect(LOCAL_SERVICES.map((service) => service.name).sort()).toEqual(SERVICES.map((service) => service.name).sort());
  });

  it('names only services of the file in depends_on', () => {
    const unknown = Object.entries(compose.services).flatMap(([name, service]) =>
      Object.keys(dependenciesOf(service))
        .filter((dependency) => compose.services[dependency] === undefined)
        .map((dependency) => `${name} → ${dependency}`),
    );
    expect(unknown).toEqual([]);
  });

  it('waits for healthy infrastructure before the one-shot jobs', () => {
    expect(dependenciesOf(composeService(compose, 'db-init'))).toEqual({ postgres: 'service_healthy' });
    expect(dependenciesOf(composeService(compose, 'kafka-users-init'))).toEqual({ kafka: 'service_healthy' });
    // the topics' ACLs name users, and topics-init logs in as one: the users come first
    expect(dependenciesOf(composeService(compose, 'topics-init'))).toEqual({ kafka: 'service_healthy', 'kafka-users-init': 'service_completed_successfully' });
    expect(composeService(compose, 'postgres').healthcheck?.test).toBeDefined();
    expect(composeService(compose, 'kafka').healthcheck?.test).toBeDefined();
  });

  it.each([
    ['db-init', 'bootstrap-database'],
    ['topics-init', 'create-topics'],
  ])('runs %s from the same Dockerfile with the compiled %s tool', (job, tool) => {
    const service = composeService(compose, job);
    expect(typeof service.build === 'object' ? (service.build.dockerfile ?? 'Dockerfile') : undefined).toBe('Dockerfile');
    expect(commandOf(service)).toBe(`node dist/tools/stack/${tool}.js`);
    expect(repositoryFileExists(`tools/stack/${tool}.ts`)).toBe(true);
  });

  it('bootstraps the database as the postgres container superuser', () => {
    const postgres = environmentOf(composeService(compose, 'postgres'));
    const adminUrl = new URL(environmentOf(composeService(compose, 'db-init')).PG_ADMIN_URL);
    expect(decodeURIComponent(adminUrl.username)).toBe(postgres.POSTGRES_USER);
    expect(decodeURIComponent(adminUrl.password)).toBe(postgres.POSTGRES_PASSWORD);
    expect(adminUrl.hostname).toBe('postgres');
  });

  it('creates the topics on the internal listener, with no topic created by accident', () => {
    expect(environmentOf(composeService(compose, 'topics-init')).KAFKA_BROKERS).toBe(kafkaInternalBootstrap());
    expect(kafkaInternalBootstrap()).toMatch(/^kafka:\d+$/);
    expect(environmentOf(composeService(compose, 'kafka')).KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
  });

  it('mounts only configuration files that exist in the repository', () => {
    const missing = Object.values(compose.services)
      .flatMap(bindMountsOf)
      .map(({ source }) => source)
      .filter((source) => !repositoryFileExists(source));
    expect(missing).toEqual([]);
  });

  it('gives Prometheus alert rule files that exist beside its configuration', () => {
    const ruleFiles = prometheusConfig().rule_files ?? [];
    expect(ruleFiles.length).toBeGreaterThan(0);
    expect(ruleFiles.filter((file) => !repositoryFileExists(`deploy/prometheus/${file}`))).toEqual([]);
  });

  it('gives Grafana a dashboard whose data sources it provisions', () => {
    // given the provisioned data sources and the dashboard Grafana loads
    const { datasources } = readYaml<{ datasources: Array<{ uid: string }> }>('deploy/grafana/provisioning/datasources/datasources.yaml');
    const dashboard: unknown = JSON.parse(readRepositoryFile('deploy/grafana/dashboards/milestone-billing-overview.json'));
    // then every data source the dashboard's panels and queries name is provisioned
    const used = datasourceUidsIn(dashboard);
    expect(used.size).toBeGreaterThan(0);
    expect([...used].filter((uid) => !datasources.some((source) => source.uid === uid))).toEqual([]);
  });
});
