// deploy/k8s must start every service with a configuration the service accepts, probe the health
// endpoints it serves and tell Prometheus where its metrics are. The Secrets are not in the
// repository; secrets.example.yaml stands in for them, so its example values are checked too.
import { readdirSync } from 'node:fs';
import { ConfigSchema, readConfig } from '@mb/platform';
import { LOCAL_SERVICES } from '@mb/devstack';
import { contractServiceConfigSchema } from '../../apps/contract-service/src/config';
import { milestoneServiceConfigSchema } from '../../apps/milestone-service/src/config';
import { invoicingServiceConfigSchema } from '../../apps/invoicing-service/src/config';
import { notificationServiceConfigSchema } from '../../apps/notification-service/src/config';
import { collectionsServiceConfigSchema } from '../../apps/collections-service/src/config';
import { clientPortalConfigSchema } from '../../apps/client-portal/src/config';
import { findObject, KubernetesObject, kustomizationResources, readYamlDocuments, repositoryFileExists, repositoryPath } from './deploy-files';

const SERVICES: ReadonlyArray<{ name: string; configSchema: ConfigSchema }> = [
  { name: 'contract-service', configSchema: contractServiceConfigSchema },
  { name: 'milestone-service', configSchema: milestoneServiceConfigSchema },
  { name: 'invoicing-service', configSchema: invoicingServiceConfigSchema },
  { name: 'notification-service', configSchema: notificationServiceConfigSchema },
  { name: 'collections-service', configSchema: collectionsServiceConfigSchema },
];

const WELL_KNOWN_EXTRAS = [/^OTEL_[A-Z0-9_]+$/, /^NODE_ENV$/, /^SERVICE$/];
const DIRECTORY = 'deploy/k8s';

interface KeyRef {
  readonly name: string;
  readonly key: string;
}
interface EnvVar {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: { readonly configMapKeyRef?: KeyRef; readonly secretKeyRef?: KeyRef };
}
interface HttpProbe {
  readonly httpGet: { readonly path: string; readonly port: string | number };
}
interface Container {
  readonly name: string;
  readonly image: string;
  readonly command?: string[];
  readonly env?: EnvVar[];
  readonly envFrom?: Array<{ readonly configMapRef?: { name: string }; readonly secretRef?: { name: string } }>;
  readonly ports?: Array<{ readonly name?: string; readonly containerPort: number }>;
  readonly startupProbe?: HttpProbe;
  readonly livenessProbe?: HttpProbe;
  readonly readinessProbe?: HttpProbe;
  readonly resources?: { readonly requests?: { cpu?: string; memory?: string }; readonly limits?: { memory?: string } };
}
interface PodTemplate {
  readonly metadata: { readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> };
  readonly spec: { readonly containers: Container[] };
}
interface Deployment extends KubernetesObject {
  readonly spec: { readonly selector: { matchLabels: Record<string, string> }; readonly template: PodTemplate };
}
interface Job extends KubernetesObject {
  readonly spec: { readonly template: PodTemplate };
}
interface Service extends KubernetesObject {
  readonly spec: { readonly selector: Record<string, string>; readonly ports: Array<{ port: number; targetPort: string | number }> };
}
interface ConfigMap extends KubernetesObject {
  readonly data: Record<string, string>;
}
interface Secret extends KubernetesObject {
  readonly stringData: Record<string, string>;
}

const { files, objects } = kustomizationResources(DIRECTORY);
const exampleSecrets = readYamlDocuments<Secret>(`${DIRECTORY}/secrets.example.yaml`);

function configMapValue({ name, key }: KeyRef): string {
  const value = findObject<ConfigMap>(objects, 'ConfigMap', name).data[key];
  if (value === undefined) throw new Error(`ConfigMap ${name} has no key ${key}`);
  return value;
}

function secretValue({ name, key }: KeyRef): string {
  const value = findObject<Secret>(exampleSecrets, 'Secret', name).stringData[key];
  if (value === undefined) throw new Error(`Secret ${name} in secrets.example.yaml has no key ${key}`);
  return value;
}

/** The environment the container starts with, as Kubernetes assembles it (env wins over envFrom). */
function environmentOf(container: Container): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) Object.assign(environment, findObject<ConfigMap>(objects, 'ConfigMap', source.configMapRef.name).data);
    if (source.secretRef) Object.assign(environment, findObject<Secret>(exampleSecrets, 'Secret', source.secretRef.name).stringData);
  }
  for (const variable of container.env ?? []) {
    const { configMapKeyRef, secretKeyRef } = variable.valueFrom ?? {};
    environment[variable.name] = configMapKeyRef ? configMapValue(configMapKeyRef) : secretKeyRef ? secretValue(secretKeyRef) : (variable.value ?? '');
  }
  return environment;
}

function onlyContainer(template: PodTemplate): Container {
  expect(template.spec.containers).toHaveLength(1);
  return template.spec.containers[0];
}

/** A probe's or Service's port, by number or by the name of a container port. */
function portNumber(container: Container, port: string | number): number | undefined {
  return typeof port === 'number' ? port : container.ports?.find((declared) => declared.name === port)?.containerPort;
}

describe('deploy/k8s', () => {
  describe.each(SERVICES)('the $name Deployment', ({ name, configSchema }) => {
    const deployment = () => findObject<Deployment>(objects, 'Deployment', name);
    const container = () => onlyContainer(deployment().spec.template);
    const environment = () => environmentOf(container());
    const setting = (variable: string): unknown => readConfig({ [variable]: configSchema[variable] }, environment())[variable];

    it('runs the project image with SERVICE naming the service', () => {
      expect(container().image).toBe('milestone-billing');
      expect(container().command).toBeUndefined();
      expect(environment().SERVICE).toBe(name);
    });

    it('has an environment its configuration schema accepts', () => {
      expect(() => readConfig(configSchema, environment())).not.toThrow();
    });

    it('sets no variable that its configuration schema does not declare', () => {
      const undeclared = Object.keys(environment()).filter(
        (variable) => !(variable in configSchema) && !WELL_KNOWN_EXTRAS.some((pattern) => pattern.test(variable)),
      );
      expect(undeclared).toEqual([]);
    });

    it('binds to every interface so that the pod IP reaches it', () => {
      expect(setting('HTTP_HOST')).toBe('0.0.0.0');
    });

    it('declares its HTTP_PORT and GRPC_PORT as the container ports and the Service targets, and HTTP_PORT as the metrics port', () => {
      // given the ports the service listens on
      const httpPort = setting('HTTP_PORT');
      const grpcPort = setting('GRPC_PORT');
      const service = findObject<Service>(objects, 'Service', name);
      const annotations = deployment().spec.template.metadata.annotations ?? {};
      // then the container and the Service name both, and the scrape annotations the HTTP one
      expect(container().ports?.map((port) => port.containerPort)).toEqual([httpPort, grpcPort]);
      expect(service.spec.ports.map((port) => portNumber(container(), port.targetPort))).toEqual([httpPort, grpcPort]);
      expect(service.spec.ports.map((port) => port.port)).toEqual([httpPort, grpcPort]);
      expect(grpcPort).toBe(LOCAL_SERVICES.find((local) => local.name === name)?.grpcPort);
      expect(annotations).toEqual(
        expect.objectContaining({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(httpPort), 'prometheus.io/path': '/metrics' }),
      );
    });

    it('routes its Service to its own pods only', () => {
      const service = findObject<Service>(objects, 'Service', name);
      expect(service.spec.selector).toEqual(deployment().spec.selector.matchLabels);
      expect(deployment().spec.template.metadata.labels).toEqual(expect.objectContaining(service.spec.selector));
    });

    it('probes liveness on /health/live and readiness on /health/ready at its HTTP_PORT', () => {
      const { startupProbe, livenessProbe, readinessProbe } = container();
      const probed = (probe: HttpProbe | undefined) => probe && { path: probe.httpGet.path, port: portNumber(container(), probe.httpGet.port) };
      expect(probed(startupProbe)).toEqual({ path: '/health/live', port: setting('HTTP_PORT') });
      expect(probed(livenessProbe)).toEqual({ path: '/health/live', port: setting('HTTP_PORT') });
      expect(probed(readinessProbe)).toEqual({ path: '/health/ready', port: setting('HTTP_PORT') });
    });

    it('reads DATABASE_URL from its own Secret, with its own role and that role’s password', () => {
      // given the Secret the DATABASE_URL comes from, and the role db-bootstrap creates for the service
      const reference = container().env?.find((variable) => variable.name === 'DATABASE_URL')?.valueFrom?.secretKeyRef;
      const role = LOCAL_SERVICES.find((service) => service.name === name)?.role;
      expect(reference).toEqual({ name: `${name}-database`, key: 'DATABASE_URL' });
      // when the example URL is taken apart
      const url = new URL(String(setting('DATABASE_URL')));
      // then it logs in as the service's role with the PASSWORD db-bootstrap sets on it
      expect(decodeURIComponent(url.username)).toBe(role);
      expect(decodeURIComponent(url.password)).toBe(secretValue({ name: `${name}-database`, key: 'PASSWORD' }));
      expect(url.pathname).toBe('/milestone_billing');
    });

    it('requests CPU and memory and caps memory', () => {
      expect(container().resources).toEqual({
        requests: { cpu: expect.any(String), memory: expect.any(String) },
        limits: { memory: expect.any(String) },
      });
    });
  });

  describe('the client-portal Deployment', () => {
    const deployment = () => findObject<Deployment>(objects, 'Deployment', 'client-portal');
    const container = () => onlyContainer(deployment().spec.template);
    const environment = () => environmentOf(container());

    it('runs the project image with SERVICE naming the portal, in an environment its schema accepts and no more', () => {
      expect(container().image).toBe('milestone-billing');
      expect(environment().SERVICE).toBe('client-portal');
      expect(() => readConfig(clientPortalConfigSchema, environment())).not.toThrow();
      expect(Object.keys(environment()).filter((variable) => !(variable in clientPortalConfigSchema) && !WELL_KNOWN_EXTRAS.some((pattern) => pattern.test(variable)))).toEqual([]);
    });

    it('listens on every interface at its PORTAL_HTTP_PORT, probed on /health/live and /health/ready, behind a Service', () => {
      const config = readConfig(clientPortalConfigSchema, environment());
      expect(config.HTTP_HOST).toBe('0.0.0.0');
      expect(container().ports?.map((port) => port.containerPort)).toEqual([config.PORTAL_HTTP_PORT]);
      expect(container().livenessProbe?.httpGet.path).toBe('/health/live');
      expect(container().readinessProbe?.httpGet.path).toBe('/health/ready');
      expect(portNumber(container(), container().readinessProbe?.httpGet.port ?? '')).toBe(config.PORTAL_HTTP_PORT);
      const service = findObject<Service>(objects, 'Service', 'client-portal');
      expect(service.spec.selector).toEqual(deployment().spec.selector.matchLabels);
    });

    it('calls each service at the Service the cluster gives it, and is opened over https', () => {
      const config = readConfig(clientPortalConfigSchema, environment());
      for (const [variable, name] of [
        ['CONTRACT_API_URL', 'contract-service'],
        ['MILESTONE_API_URL', 'milestone-service'],
        ['INVOICING_API_URL', 'invoicing-service'],
        ['COLLECTIONS_API_URL', 'collections-service'],
      ] as const) {
        const url = new URL(config[variable]);
        const service = findObject<Service>(objects, 'Service', name);
        expect(url.hostname).toBe(name);
        expect(service.spec.ports.map((port) => port.port)).toContain(Number(url.port));
      }
      expect(new URL(config.PORTAL_PUBLIC_URL).protocol).toBe('https:');
    });
  });

  it('applies every manifest of the folder except the example Secrets', () => {
    const manifests = readdirSync(repositoryPath(DIRECTORY)).filter(
      (file) => file.endsWith('.yaml') && file !== 'kustomization.yaml' && file !== 'secrets.example.yaml',
    );
    expect([...files].sort()).toEqual(manifests.sort());
  });

  it('has db-bootstrap set each role’s password from the Secret its service reads', () => {
    // given the bootstrap Job's environment
    const job = findObject<Job>(objects, 'Job', 'db-bootstrap');
    const container = onlyContainer(job.spec.template);
    const passwords = container.env?.filter((variable) => variable.name.endsWith('_PASSWORD')) ?? [];
    // then every runtime role's <ROLE>_PASSWORD comes from the PASSWORD of that service's database
    // Secret, and its migration role's from OWNER_PASSWORD of the same Secret
    expect(passwords.map(({ name, valueFrom }) => [name, valueFrom?.secretKeyRef])).toEqual(
      LOCAL_SERVICES.flatMap((service) => [
        [`${service.role.toUpperCase()}_PASSWORD`, { name: `${service.name}-database`, key: 'PASSWORD' }],
        [`${service.migrationRole.toUpperCase()}_PASSWORD`, { name: `${service.name}-database`, key: 'OWNER_PASSWORD' }],
      ]),
    );
    // and each service migrates as that owner, with the password the Job sets
    for (const service of LOCAL_SERVICES) {
      const migrationUrl = new URL(secretValue({ name: `${service.name}-database`, key: 'MIGRATION_DATABASE_URL' }));
      expect(decodeURIComponent(migrationUrl.username)).toBe(service.migrationRole);
      expect(decodeURIComponent(migrationUrl.password)).toBe(secretValue({ name: `${service.name}-database`, key: 'OWNER_PASSWORD' }));
    }
    expect(environmentOf(container).PG_ADMIN_URL).toMatch(/^postgres:\/\//);
    expect(environmentOf(container).DATABASE_NAME).toBe('milestone_billing');
  });

  it('creates the topics on the brokers the services use', () => {
    const job = findObject<Job>(objects, 'Job', 'create-topics');
    const environment = environmentOf(onlyContainer(job.spec.template));
    expect(environment.KAFKA_BROKERS).toBe(configMapValue({ name: 'milestone-billing', key: 'KAFKA_BROKERS' }));
    expect(Number(environment.REPLICATION_FACTOR)).toBeGreaterThanOrEqual(1);
    // as a Kafka user of its own that may create topics and ACLs
    expect(environment.KAFKA_SASL_USERNAME).toBeTruthy();
    expect(environment.KAFKA_SASL_PASSWORD).toBeTruthy();
  });

  it.each([
    ['db-bootstrap', 'bootstrap-database'],
    ['create-topics', 'create-topics'],
  ])('runs the %s Job with the compiled %s tool from the project image', (jobName, tool) => {
    const container = onlyContainer(findObject<Job>(objects, 'Job', jobName).spec.template);
    expect(container.image).toBe('milestone-billing');
    expect(container.command).toEqual(['node', `dist/tools/stack/${tool}.js`]);
    expect(repositoryFileExists(`tools/stack/${tool}.ts`)).toBe(true);
  });
});
