// Architecture test: the module-boundary and domain-purity rules in eslint.config.mjs really fire.
// A rule that silently stops matching (a renamed tag, a moved folder, a missing project graph)
// would otherwise let the layering rot without anyone noticing.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Linter } from 'eslint';
import { repositoryRoot } from '@mb/devstack';

const root = repositoryRoot();
const BOUNDARY_RULE = '@nx/enforce-module-boundaries';
const RESTRICTED_IMPORT_RULE = 'no-restricted-imports';
const FRAMEWORK_PACKAGES = ['@nestjs/common', 'typeorm', 'kafkajs', '@mb/messaging', '@mb/testing', '@mb/grpc'] as const;
const STORAGE_PACKAGES = ['typeorm', 'pg'] as const;

interface Sample {
  /** Where the text would live, relative to the repository root; it never touches the disk. */
  readonly filePath: string;
  readonly code: string;
}

const importing = (specifier: string, name: string) => `import { ${name} } from '${specifier}';\nexport const used = ${name};\n`;

// Each test's "given": a file that would break (or keep) a rule, at the path the rule looks at.
const samples = {
  serviceImportingAnotherService: {
    filePath: 'apps/invoicing-service/src/x.ts',
    code: importing('../../contract-service/src/config', 'contractServiceConfigSchema'),
  },
  serviceImportingStackTooling: {
    filePath: 'apps/invoicing-service/src/x.ts',
    code: importing('@mb/devstack', 'LOCAL_SERVICES'),
  },
  serviceImportingTestHelpers: {
    filePath: 'apps/invoicing-service/src/x.ts',
    code: importing('@mb/testing', 'uniqueName'),
  },
  eventsImportingMessaging: {
    filePath: 'libs/events/src/x.ts',
    code: importing('@mb/messaging', 'OutboxWriter'),
  },
  observabilityImportingMessaging: {
    // messaging already depends on observability (its logger), so this would close a cycle
    filePath: 'libs/observability/src/x.ts',
    code: importing('@mb/messaging', 'readOutboxBacklog'),
  },
  integrationTestUsingTestHelpers: {
    filePath: 'libs/messaging/test/integration/x.spec.ts',
    code: importing('@mb/testing', 'testInfrastructure'),
  },
  librarySourceUsingTestHelpers: {
    filePath: 'libs/messaging/src/x.ts',
    code: importing('@mb/testing', 'testInfrastructure'),
  },
  endToEndTestUsingStackAndHelpers: {
    filePath: 'apps/e2e/src/x.e2e-spec.ts',
    code: "import { startServiceProcess } from '@mb/devstack';\nimport { testInfrastructure } from '@mb/testing';\nexport const used = [startServiceProcess, testInfrastructure];\n",
  },
  cleanDomainFile: {
    filePath: 'apps/invoicing-service/src/domain/invoice/x.ts',
    code: [
      "import { TOPICS } from '@mb/events';",
      "import { invoiceNumber } from './numbering';",
      '',
      'export function describeInvoice(sequence: number): string {',
      '  return `${invoiceNumber(sequence)} on ${TOPICS.length} topics`;',
      '}',
      '',
    ].join('\n'),
  },
  ...Object.fromEntries(
    STORAGE_PACKAGES.map((dependency) => [
      `applicationImporting ${dependency}`,
      {
        filePath: 'apps/contract-service/src/application/create-contract/x.ts',
        code: `import * as dependency from '${dependency}';\nexport const used = dependency;\n`,
      },
    ]),
  ),
  useCaseTestImportingTypeorm: {
    filePath: 'apps/contract-service/src/application/create-contract/x.handler.spec.ts',
    code: importing('typeorm', 'DataSource'),
  },
  useCaseTestUsingFakes: {
    filePath: 'apps/contract-service/src/application/create-contract/x.handler.spec.ts',
    code: importing('@mb/testing', 'InMemoryUnitOfWork'),
  },
  ...Object.fromEntries(
    FRAMEWORK_PACKAGES.map((dependency) => [
      `domainImporting ${dependency}`,
      { filePath: 'apps/invoicing-service/src/domain/invoice/x.ts', code: `import * as dependency from '${dependency}';\nexport const used = dependency;\n` },
    ]),
  ),
} satisfies Record<string, Sample>;

type SampleName =
  | keyof typeof samples
  | `domainImporting ${(typeof FRAMEWORK_PACKAGES)[number]}`
  | `applicationImporting ${(typeof STORAGE_PACKAGES)[number]}`;

describe('module boundaries', () => {
  let findings: Map<string, Linter.LintMessage[]>;

  beforeAll(() => {
    // The Nx rule reads the cached project graph and skips itself when there is none, so compute
    // one first: the test must hold from a clean checkout too.
    execFileSync(join(root, 'node_modules', '.bin', 'nx'), ['show', 'projects'], {
      cwd: root,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
      stdio: 'ignore',
    });
    // The "when" of every test: lint all samples with the repository's configuration, in one
    // ESLint process (see lint-samples.mjs for why it is a process of its own).
    const entries = Object.entries(samples);
    const output = execFileSync(process.execPath, [join(root, 'tools', 'lint', 'lint-samples.mjs')], {
      cwd: root,
      input: JSON.stringify(entries.map(([, sample]) => sample)),
      encoding: 'utf8',
    });
    const messages = JSON.parse(output) as Linter.LintMessage[][];
    findings = new Map(entries.map(([name], index) => [name, messages[index]]));
  });

  /** The rules that reported an error on a sample. */
  function rulesBrokenBy(name: SampleName): (string | null)[] {
    const messages = findings.get(name);
    if (!messages) throw new Error(`no sample named ${name}`);
    return messages.filter((message) => message.severity === 2).map((message) => message.ruleId);
  }

  it('refuses a service importing another service by a relative path', () => {
    // given invoicing code reaching into the contract service's source
    // when it is linted (beforeAll)
    // then the boundary rule reports it
    expect(rulesBrokenBy('serviceImportingAnotherService')).toContain(BOUNDARY_RULE);
  });

  it('refuses a service depending on the local stack tooling', () => {
    // given service code importing libs/devstack, tagged type:tooling, which apps may not use
    // when it is linted (beforeAll)
    // then the boundary rule reports it by the projects' tags
    expect(rulesBrokenBy('serviceImportingStackTooling')).toContain(BOUNDARY_RULE);
  });

  it('refuses service code importing the test helpers', () => {
    // given non-test service code importing libs/testing
    // when it is linted (beforeAll)
    // then the restricted-imports rule reports it
    expect(rulesBrokenBy('serviceImportingTestHelpers')).toContain(RESTRICTED_IMPORT_RULE);
  });

  it('refuses the events library depending on any other library', () => {
    // given libs/events importing the messaging library
    // when it is linted (beforeAll)
    // then the boundary rule reports it: events depend on nothing
    expect(rulesBrokenBy('eventsImportingMessaging')).toContain(BOUNDARY_RULE);
  });

  it('refuses a dependency that closes a cycle between projects, though the tags allow it', () => {
    // given libs/observability (type:infra) importing libs/messaging (type:infra), which imports observability
    // when it is linted (beforeAll)
    // then the boundary rule reports the circular dependency, found from the imports (analyzeSourceFiles)
    expect(rulesBrokenBy('observabilityImportingMessaging')).toContain(BOUNDARY_RULE);
    expect(findings.get('observabilityImportingMessaging')?.map((finding) => finding.message)).toContainEqual(
      expect.stringContaining('Circular dependency between "observability" and "messaging"'),
    );
  });

  it("lets a library's integration tests use the test helpers", () => {
    // given an integration test of libs/messaging importing libs/testing
    // when it is linted (beforeAll)
    // then the boundary rule allows it
    expect(rulesBrokenBy('integrationTestUsingTestHelpers')).not.toContain(BOUNDARY_RULE);
  });

  it("refuses the test helpers in a library's own source", () => {
    // given libs/messaging source importing libs/testing
    // when it is linted (beforeAll)
    // then the boundary rule reports it: the test exception stops at the test folder
    expect(rulesBrokenBy('librarySourceUsingTestHelpers')).toContain(BOUNDARY_RULE);
  });

  it('lets the end-to-end tests start services with the stack tooling and the test helpers', () => {
    // given an e2e spec importing libs/devstack and libs/testing
    // when it is linted (beforeAll)
    // then no rule reports an error
    expect(rulesBrokenBy('endToEndTestUsingStackAndHelpers')).toEqual([]);
  });

  it.each(FRAMEWORK_PACKAGES)('refuses domain code importing %s', (dependency) => {
    // given a file under src/domain importing a framework or infrastructure package
    // when it is linted (beforeAll)
    // then the domain-purity rule reports it
    expect(rulesBrokenBy(`domainImporting ${dependency}`)).toContain(RESTRICTED_IMPORT_RULE);
  });

  it('accepts a domain file that imports only the events library and its own domain', () => {
    // given plain domain code
    // when it is linted (beforeAll)
    // then no rule reports an error
    expect(rulesBrokenBy('cleanDomainFile')).toEqual([]);
  });

  it.each(STORAGE_PACKAGES)('refuses application code importing %s', (dependency) => {
    // given a use case importing the ORM or the driver
    // when it is linted (beforeAll)
    // then the restricted-import rule reports it: storage is reached through ports
    expect(rulesBrokenBy(`applicationImporting ${dependency}`)).toContain(RESTRICTED_IMPORT_RULE);
  });

  it('refuses a use-case test importing the ORM', () => {
    expect(rulesBrokenBy('useCaseTestImportingTypeorm')).toContain(RESTRICTED_IMPORT_RULE);
  });

  it('lets a use-case test use the in-memory fakes of libs/testing', () => {
    expect(rulesBrokenBy('useCaseTestUsingFakes')).toEqual([]);
  });
});
