// Architecture test: every file of every service lives where docs/architecture.md ("one anatomy
// for all five") says a thing of its kind lives, with the suffix that says what it is. Knowing one
// service is then knowing all five, and a stray layout fails here instead of spreading.
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { repositoryRoot } from '@mb/devstack';

const root = repositoryRoot();
const SERVICES = ['contract-service', 'milestone-service', 'invoicing-service', 'notification-service', 'collections-service'] as const;

const KEBAB = '[a-z0-9]+(?:-[a-z0-9]+)*';

/**
 * Where each kind of file lives, relative to apps/<service>/, and how it is named. A path is
 * accepted when one rule matches it whole. `<use-case>` folders hold one handler named after them.
 */
const ANATOMY: readonly { readonly what: string; readonly path: RegExp }[] = [
  { what: 'start-up, configuration (and its unit test) and wiring', path: /^src\/(main|instrumentation|config|config\.spec)\.ts$/ },
  { what: 'the service definition', path: new RegExp(`^src/${KEBAB}-service\\.definition\\.ts$`) },
  { what: 'the Nest module (wiring only)', path: new RegExp(`^src/${KEBAB}\\.module\\.ts$`) },
  {
    what: 'domain code: aggregates, states, errors, policies, templates, builders and their tests',
    path: new RegExp(`^src/domain/${KEBAB}/${KEBAB}(\\.(errors|policy|template|fixtures|builder))?(\\.spec)?\\.ts$`),
  },
  { what: 'a command handler in a folder of its own name', path: new RegExp(`^src/application/(${KEBAB})/\\1\\.handler(\\.spec)?\\.ts$`) },
  { what: "an aggregate's domain-to-catalogue event mapper", path: new RegExp(`^src/application/events/${KEBAB}\\.events(\\.spec)?\\.ts$`) },
  { what: 'queries and the views they answer', path: new RegExp(`^src/application/queries/${KEBAB}\\.(queries|view)(\\.spec)?\\.ts$`) },
  { what: 'a port the application needs', path: new RegExp(`^src/application/ports/${KEBAB}\\.(repository|port)\\.ts$`) },
  { what: 'a TypeORM entity schema', path: new RegExp(`^src/infrastructure/persistence/${KEBAB}\\.orm-entity\\.ts$`) },
  {
    what: 'a TypeORM repository or query implementation',
    path: new RegExp(`^src/infrastructure/persistence/typeorm-${KEBAB}\\.(repository|queries)(\\.spec)?\\.ts$`),
  },
  { what: 'a frozen migration or their list', path: new RegExp(`^src/infrastructure/persistence/migrations/(\\d{13}-${KEBAB}|index)\\.ts$`) },
  { what: 'a consumer of one event', path: new RegExp(`^src/infrastructure/messaging/${KEBAB}\\.consumer(\\.spec)?\\.ts$`) },
  { what: 'how consumers of several events read the fields those events share', path: new RegExp(`^src/infrastructure/messaging/${KEBAB}\\.mapping(\\.spec)?\\.ts$`) },
  { what: 'clock-driven work', path: new RegExp(`^src/infrastructure/scheduling/${KEBAB}\\.timer(\\.spec)?\\.ts$`) },
  { what: 'what timers hand over to run outside their firing, concurrently', path: new RegExp(`^src/infrastructure/scheduling/${KEBAB}\\.dispatcher(\\.spec)?\\.ts$`) },
  { what: 'an in-memory copy of something the database holds, for a hot path', path: new RegExp(`^src/infrastructure/persistence/${KEBAB}\\.cache(\\.spec)?\\.ts$`) },
  { what: 'an outbound channel', path: new RegExp(`^src/infrastructure/channels/${KEBAB}\\.channel(\\.spec)?\\.ts$`) },
  { what: "a document renderer, or a fetcher of another service's documents", path: new RegExp(`^src/infrastructure/documents/${KEBAB}\\.(renderer|fetcher)(\\.spec)?\\.ts$`) },
  { what: 'the email template files: a folder per template with a file per language and part, and the shared partials', path: new RegExp(`^src/templates/(${KEBAB}/[a-z]{2}\\.(subject|html|text)|partials/${KEBAB})\\.hbs$`) },
  { what: 'a loader of template files', path: new RegExp(`^src/infrastructure/templates/${KEBAB}\\.loader(\\.spec)?\\.ts$`) },
  { what: "the service's metrics", path: new RegExp(`^src/infrastructure/metrics/${KEBAB}-metrics(\\.spec)?\\.ts$`) },
  { what: 'HTTP controllers, their guards, requests and responses', path: new RegExp(`^src/api/http/${KEBAB}\\.(controller|guard|dto|response)(\\.spec)?\\.ts$`) },
  { what: 'gRPC controllers, requests and messages', path: new RegExp(`^src/api/grpc/${KEBAB}\\.(grpc-controller|dto|response)(\\.spec)?\\.ts$`) },
  { what: 'integration tests and their kit', path: new RegExp(`^test/integration/(${KEBAB}(\\.[a-z]+)?\\.spec|${KEBAB}-test-kit)\\.ts$`) },
  { what: "recorded inputs from outside (another system's payloads) and their loaders", path: new RegExp(`^test/fixtures/${KEBAB}\\.(json|ts)$`) },
  { what: 'in-memory fakes of ports for use-case tests', path: new RegExp(`^test/fakes/(in-memory|recording|fixed)-${KEBAB}(\\.(repository|port|queries))?\\.ts$`) },
  { what: 'the Nx project', path: /^project\.json$/ },
];

/** The rule a service-relative path breaks, or null when one rule accepts it. */
export function anatomyViolation(servicePath: string): string | null {
  return ANATOMY.some((rule) => rule.path.test(servicePath)) ? null : `${servicePath} fits no place of the service anatomy (docs/architecture.md)`;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

describe('service anatomy', () => {
  it.each(SERVICES)('%s keeps every file where the anatomy says', (service) => {
    // given every file of the service
    const serviceRoot = join(root, 'apps', service);
    const paths = filesUnder(serviceRoot).map((file) => relative(serviceRoot, file).split(sep).join('/'));
    // when each is matched against the anatomy
    const violations = paths.map(anatomyViolation).filter((violation) => violation !== null);
    // then none is out of place
    expect(violations).toEqual([]);
    expect(paths.length).toBeGreaterThan(10);
  });

  it.each([
    'src/application/milestone-store.ts',
    'src/application/issue-invoice/issue-invoice.ts',
    'src/application/issue-invoice/prepare-draft.handler.ts',
    'src/application/queries/invoice-queries.ts',
    'src/application/find-cases/find-cases.query.ts',
    'src/infrastructure/persistence/pg-case.repository.ts',
    'src/infrastructure/persistence/repositories/sql-client.repository.ts',
    'src/infrastructure/messaging/notification-event.consumers.ts',
    'src/infrastructure/channels/delivery-dispatcher.loop.ts',
    'src/api/http/contract.views.ts',
    'src/domain/recorded-event.ts',
    'src/Domain/invoice/invoice.ts',
  ])('refuses the stray layout %s', (strayPath) => {
    // given a file placed or named the way one service once did it
    // when it is matched against the anatomy
    // then it is refused, naming the file
    expect(anatomyViolation(strayPath)).toContain(strayPath);
  });

  it.each([
    'src/application/issue-invoice/issue-invoice.handler.ts',
    'src/application/issue-invoice/issue-invoice.handler.spec.ts',
    'src/application/events/invoice.events.ts',
    'src/application/queries/invoice.queries.ts',
    'src/application/ports/invoice.repository.ts',
    'src/infrastructure/persistence/invoice.orm-entity.ts',
    'src/infrastructure/persistence/typeorm-invoice.repository.ts',
    'src/infrastructure/persistence/migrations/1763856000000-invoicing-tables.ts',
    'src/infrastructure/messaging/milestone-status-updated.consumer.ts',
    'src/api/grpc/invoices.grpc-controller.ts',
    'test/fakes/in-memory-invoice.repository.ts',
  ])('accepts %s', (path) => {
    expect(anatomyViolation(path)).toBeNull();
  });
});
