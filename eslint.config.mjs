import nx from '@nx/eslint-plugin';

const scopes = ['contract', 'milestone', 'invoicing', 'notification', 'collections', 'portal'];

/** Framework, ORM and transport packages that domain code must not reach for. */
const bannedInDomain = [
  '@nestjs/*', 'typeorm', 'typeorm/*', 'kafkajs', 'pg', 'class-validator', 'class-transformer',
  'fastify', 'pino', '@opentelemetry/*', '@grpc/*', '@mb/messaging', '@mb/platform', '@mb/observability',
  '@mb/grpc', '@mb/devstack', '@mb/testing',
];

/** Storage packages that use cases must not reach for: they go through ports and the unit of work. */
const bannedInApplication = ['typeorm', 'typeorm/*', 'pg', 'pg/*'];

/** Who may depend on whom, by the projects' Nx tags. No catch-all `*` rule. */
const depConstraints = [
  // A service reaches only its own scope and the shared libraries; another service's
  // code is reached only through the events it publishes (libs/events).
  ...scopes.map((scope) => ({
    sourceTag: `scope:${scope}`,
    onlyDependOnLibsWithTags: [`scope:${scope}`, 'scope:shared'],
  })),
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared'] },
  // Apps never import apps.
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:infra', 'type:events', 'type:testing'] },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:domain', 'type:infra', 'type:events', 'type:testing', 'type:tooling'] },
  { sourceTag: 'type:events', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'] },
  { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:infra', 'type:events', 'type:domain'] },
  { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:tooling', 'type:events', 'type:infra'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:testing', 'type:tooling', 'type:infra', 'type:events', 'type:domain'] },
];

/** Test code under a project's test/ folder may also use libs/testing (databases, topics, builders). */
const testDepConstraints = depConstraints.map((constraint) =>
  constraint.sourceTag.startsWith('type:') && !constraint.onlyDependOnLibsWithTags.includes('type:testing')
    ? { ...constraint, onlyDependOnLibsWithTags: [...constraint.onlyDependOnLibsWithTags, 'type:testing'] }
    : constraint,
);

// The project graph comes from the imports themselves (nx.json: analyzeSourceFiles), so the rule
// also refuses circular dependencies between projects. Three cycles are known and harmless, all
// closed by test code only: devstack's, messaging's and platform's own integration tests run on the
// shared test infrastructure in libs/testing, which is built on devstack, fakes messaging's ports
// (the in-memory outbox) and mints tokens for platform's roles. Nothing outside test code closes them.
const knownTestOnlyCycles = [
  ['devstack', 'testing'],
  ['messaging', 'testing'],
  ['platform', 'testing'],
];
const moduleBoundaries = (constraints) => [
  'error',
  { enforceBuildableLibDependency: false, depConstraints: constraints, ignoredCircularDependencies: knownTestOnlyCycles },
];

export default [
  { ignores: ['dist/**', 'node_modules/**', '.tools/**', '.data/**', 'coverage/**', '.nx/**'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries(depConstraints),
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // Integration tests and their kits belong to the project they test, so the project's
    // constraints apply to them, plus the test helpers.
    files: ['apps/*/test/**/*.ts', 'libs/*/test/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries(testDepConstraints) },
  },
  {
    // Test helpers and the local stack tooling never ship inside a service. apps/e2e is no
    // service: it starts the services with the one and checks them with the other.
    files: ['apps/*/src/**/*.ts'],
    ignores: ['**/*.spec.ts', 'apps/e2e/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@mb/testing', message: 'test helpers stay in tests' }, { name: '@mb/devstack', message: 'local stack tooling stays out of services' }] },
      ],
    },
  },
  {
    // Use cases reach storage only through their ports and the unit of work: an application file
    // that imports the ORM or the driver could not be unit-tested against in-memory fakes.
    files: ['apps/*/src/application/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@mb/testing', message: 'test helpers stay in tests' }, { name: '@mb/devstack', message: 'local stack tooling stays out of services' }],
          patterns: [{ group: bannedInApplication, message: 'application code reaches storage through its ports and the UnitOfWork, never the ORM or driver' }],
        },
      ],
    },
  },
  {
    files: ['apps/*/src/application/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: bannedInApplication, message: 'use-case tests run against in-memory fakes of the ports, never the ORM or driver' }] },
      ],
    },
  },
  {
    // The domain is plain TypeScript: HOUSE_STYLE's rule, held by the linter rather than by memory.
    // Last on purpose: a later block setting no-restricted-imports replaces an earlier one's options
    // for the files both match, so this block must come after the one for all of apps/*/src (its
    // list bans @mb/testing and @mb/devstack too). tools/lint/module-boundaries.spec.ts holds it.
    files: ['apps/*/src/domain/**/*.ts', 'libs/*/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: bannedInDomain, message: 'domain code imports no framework, ORM, transport or infrastructure library' }] },
      ],
    },
  },
];
