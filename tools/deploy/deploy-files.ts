// Reads the files that run the system beyond one machine (docker-compose.yml, deploy/) the way
// Docker Compose and Kubernetes read them, so that tests can hold them to the services'
// configuration schemas without Docker or a cluster.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

export const REPOSITORY_ROOT = join(__dirname, '..', '..');

export function repositoryPath(relativePath: string): string {
  return join(REPOSITORY_ROOT, relativePath);
}

export function repositoryFileExists(relativePath: string): boolean {
  return existsSync(repositoryPath(relativePath));
}

export function readRepositoryFile(relativePath: string): string {
  return readFileSync(repositoryPath(relativePath), 'utf8');
}

/** One YAML document; `<<` merge keys are resolved, as Compose does. */
export function readYaml<T>(relativePath: string): T {
  return parse(readRepositoryFile(relativePath), { merge: true }) as T;
}

/** Every document of a `---` separated YAML file, empty documents left out. */
export function readYamlDocuments<T>(relativePath: string): T[] {
  return parseAllDocuments(readRepositoryFile(relativePath), { merge: true })
    .map((document) => {
      if (document.errors.length > 0) throw new Error(`${relativePath}: ${document.errors[0].message}`);
      return document.toJS() as T | null;
    })
    .filter((document): document is T => document !== null);
}

// --- Docker Compose ------------------------------------------------------------------------------

export type EnvironmentValue = string | number | boolean | null;

export interface ComposeBuild {
  readonly context?: string;
  readonly dockerfile?: string;
  readonly args?: Record<string, EnvironmentValue> | string[];
}

export interface ComposeService {
  readonly image?: string;
  readonly build?: string | ComposeBuild;
  readonly command?: string | string[];
  readonly environment?: Record<string, EnvironmentValue> | string[];
  readonly ports?: Array<string | number | { target: number; published?: string | number }>;
  readonly volumes?: Array<string | { type?: string; source?: string; target: string }>;
  readonly healthcheck?: { readonly test?: string | string[]; readonly disable?: boolean };
  readonly depends_on?: string[] | Record<string, { condition?: string }>;
}

export interface ComposeFile {
  readonly services: Record<string, ComposeService>;
  readonly volumes?: Record<string, unknown>;
}

/**
 * docker-compose.yml as Compose runs it when no variable is set in the shell: each
 * `${VAR:-default}` becomes its default. A variable without a default is an error, because the
 * stack must come up with `docker compose up --build` and nothing else.
 */
export function loadComposeFile(relativePath = 'docker-compose.yml'): ComposeFile {
  return interpolateDefaults(readYaml<unknown>(relativePath)) as ComposeFile;
}

const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/** Compose's interpolation applied to every string of a parsed file, with an empty shell environment. */
export function interpolateDefaults<T>(value: T): T {
  if (typeof value === 'string') return interpolateString(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => interpolateDefaults(item)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolateDefaults(item)])) as T;
  }
  return value;
}

function interpolateString(text: string): string {
  // `$$` is Compose's escape for a literal `$`: set it aside before looking for variables.
  return text
    .split('$$')
    .map((part) =>
      part.replace(VARIABLE, (_match, braced?: string, operator?: string, argument?: string, bare?: string) => {
        const name = braced ?? bare;
        if (operator === '-' || operator === ':-') return argument ?? '';
        if (operator === '?' || operator === ':?') throw new Error(`\${${name}} must be set: ${argument}`);
        throw new Error(`\${${name}} has no default, so the stack would depend on the shell's environment`);
      }),
    )
    .join('$');
}

export function composeService(compose: ComposeFile, name: string): ComposeService {
  const service = compose.services[name];
  if (service === undefined) throw new Error(`docker-compose.yml has no service "${name}"`);
  return service;
}

/** A service's environment as the container sees it; a bare `NAME` (taken from the shell) is left out. */
export function environmentOf(service: ComposeService): Record<string, string> {
  return keyValues(service.environment);
}

export function buildArgsOf(service: ComposeService): Record<string, string> {
  return typeof service.build === 'object' ? keyValues(service.build.args) : {};
}

function keyValues(entries: Record<string, EnvironmentValue> | string[] | undefined): Record<string, string> {
  if (entries === undefined) return {};
  if (Array.isArray(entries)) {
    return Object.fromEntries(
      entries.filter((entry) => entry.includes('=')).map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
    );
  }
  return Object.fromEntries(
    Object.entries(entries)
      .filter(([, value]) => value !== null)
      .map(([key, value]) => [key, String(value)]),
  );
}

/** The container ports a service publishes to the host (`[ip:][host:]container[/protocol]`). */
export function publishedContainerPorts(service: ComposeService): number[] {
  return (service.ports ?? []).map((port) => {
    if (typeof port === 'number') return port;
    if (typeof port === 'object') return port.target;
    const withoutProtocol = port.split('/')[0];
    return Number(withoutProtocol.slice(withoutProtocol.lastIndexOf(':') + 1));
  });
}

export function dependenciesOf(service: ComposeService): Record<string, string> {
  const dependsOn = service.depends_on ?? {};
  if (Array.isArray(dependsOn)) return Object.fromEntries(dependsOn.map((name) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(dependsOn).map(([name, { condition }]) => [name, condition ?? 'service_started']));
}

export function commandOf(service: ComposeService): string {
  return Array.isArray(service.command) ? service.command.join(' ') : (service.command ?? '');
}

export function healthcheckCommandOf(service: ComposeService): string {
  const test = service.healthcheck?.test ?? [];
  return Array.isArray(test) ? test.slice(1).join(' ') : test;
}

/** Bind mounts of files in the repository: `./path:/container/path[:ro]`. */
export function bindMountsOf(service: ComposeService): Array<{ source: string; target: string }> {
  return (service.volumes ?? []).flatMap((volume) => {
    if (typeof volume === 'object') {
      return volume.type === 'bind' && volume.source !== undefined ? [{ source: volume.source, target: volume.target }] : [];
    }
    const [source, target] = volume.split(':');
    return source.startsWith('.') || source.startsWith('/') ? [{ source, target }] : [];
  });
}

export interface KafkaListener {
  readonly name: string;
  readonly host: string;
  readonly port: number;
}

/** Parses Kafka's `NAME://host:port,NAME://host:port` listener lists. */
export function parseKafkaListeners(list: string): KafkaListener[] {
  return list.split(',').map((entry) => {
    const match = /^([A-Z_]+):\/\/([^:]*):(\d+)$/.exec(entry.trim());
    if (match === null) throw new Error(`not a Kafka listener: ${entry}`);
    return { name: match[1], host: match[2], port: Number(match[3]) };
  });
}

// --- Prometheus ----------------------------------------------------------------------------------

export interface PrometheusConfig {
  readonly rule_files?: string[];
  readonly scrape_configs: Array<{
    readonly job_name: string;
    readonly metrics_path?: string;
    readonly static_configs?: Array<{ readonly targets: string[]; readonly labels?: Record<string, string> }>;
  }>;
}

/** Every statically configured target with the labels and path Prometheus scrapes it with. */
export function prometheusTargets(config: PrometheusConfig): Array<{ target: string; metricsPath: string; labels: Record<string, string> }> {
  return config.scrape_configs.flatMap((job) =>
    (job.static_configs ?? []).flatMap((group) =>
      group.targets.map((target) => ({ target, metricsPath: job.metrics_path ?? '/metrics', labels: { job: job.job_name, ...group.labels } })),
    ),
  );
}

// --- Kubernetes ----------------------------------------------------------------------------------

export interface KubernetesObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> };
  readonly [field: string]: unknown;
}

/** The manifests a kustomization lists (plain files only: this project's kustomization has no bases). */
export function kustomizationResources(directory: string): { files: string[]; objects: KubernetesObject[] } {
  const kustomization = readYaml<{ resources: string[] }>(join(directory, 'kustomization.yaml'));
  const files = kustomization.resources;
  return { files, objects: files.flatMap((file) => readYamlDocuments<KubernetesObject>(join(directory, file))) };
}

export function findObject<T extends KubernetesObject>(objects: readonly KubernetesObject[], kind: string, name: string): T {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
  if (found === undefined) throw new Error(`no ${kind} named "${name}"`);
  return found as T;
}
