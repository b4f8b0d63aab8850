// Architecture test: a migration is frozen once it has run. It holds its own literal SQL and imports
// nothing but typeorm's MigrationInterface/QueryRunner types, so that editing a library (the
// outbox's table SQL, the idempotency keys' table SQL, anything) can never silently change what a
// migration that already ran in some database would do on the next fresh one.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';
import { repositoryRoot } from '@mb/devstack';

const root = repositoryRoot();
const ALLOWED = ['typeorm'];

/**
 * Every module a migration's source refers to: static imports and re-exports (type-only ones
 * too), `import x = require(...)`, `require(...)` and dynamic `import(...)`. Relative specifiers
 * count like any other.
 */
function importsOfMigration(source: string): string[] {
  const file = ts.createSourceFile('migration.ts', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const literal = (node: ts.Node | undefined) => {
    if (node && ts.isStringLiteralLike(node)) found.push(node.text);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) literal(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) literal(node.moduleReference.expression);
    else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      literal(node.arguments[0]);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) literal(node.argument.literal);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** The imports of a migration that the rule refuses. */
function refusedImports(source: string): string[] {
  return importsOfMigration(source).filter((specifier) => !ALLOWED.includes(specifier));
}

/** apps/<service>/src/infrastructure/persistence/migrations/*.ts, the index that lists them aside. */
function migrationFiles(): string[] {
  const apps = join(root, 'apps');
  return readdirSync(apps, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((app) => {
      const dir = join(apps, app.name, 'src', 'infrastructure', 'persistence', 'migrations');
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        return [];
      }
      return names.filter((name) => name.endsWith('.ts') && name !== 'index.ts' && !name.endsWith('.spec.ts')).map((name) => join(dir, name));
    });
}

describe('frozen migrations', () => {
  const files = migrationFiles();

  it('finds the migrations of every service', () => {
    // given the repository as it is
    // when its migration folders are listed
    // then each of the five services has some (an empty list would make the next test vacuous)
    const services = new Set(files.map((file) => relative(root, file).split('/')[1]));
    expect([...services].sort()).toEqual(['collections-service', 'contract-service', 'invoicing-service', 'milestone-service', 'notification-service']);
  });

  it.each(files.map((file) => [relative(root, file), file]))('%s imports nothing but typeorm', (_name, file) => {
    // given a migration of a service
    // when its imports are read
    // then typeorm is the only module it refers to
    expect(refusedImports(readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('reads every kind of import a migration could hide a dependency in', () => {
    // given a migration calling library functions to build its SQL, by each way TypeScript imports
    const source = [
      "import { MigrationInterface, QueryRunner } from 'typeorm';",
      "import { messagingTablesUpSql } from '@mb/messaging';",
      "import type { Money } from '@mb/money';",
      "import { TABLE } from './shared-sql';",
      "export { helper } from '../helpers';",
      "import legacy = require('legacy-sql');",
      "const lazy = require('lazy-sql');",
      '',
      'export class MessagingTables1763769600000 implements MigrationInterface {',
      '  async up(queryRunner: QueryRunner): Promise<void> {',
      "    const { more } = await import('@mb/platform');",
      "    const sql: import('type-only').Sql = TABLE;",
      "    for (const statement of messagingTablesUpSql('milestone')) await queryRunner.query(statement);",
      '    await queryRunner.query(sql + more + legacy + lazy);',
      '  }',
      '}',
      '',
    ].join('\n');

    // when its imports are read
    const imports = importsOfMigration(source);

    // then every one is found, and all but typeorm are refused
    expect(imports).toEqual(['typeorm', '@mb/messaging', '@mb/money', './shared-sql', '../helpers', 'legacy-sql', 'lazy-sql', '@mb/platform', 'type-only']);
    expect(refusedImports(source)).toEqual(['@mb/messaging', '@mb/money', './shared-sql', '../helpers', 'legacy-sql', 'lazy-sql', '@mb/platform', 'type-only']);
  });

  it('accepts a migration that holds its own SQL', () => {
    // given a migration with literal SQL and typeorm's types only
    const source = [
      "import { MigrationInterface, QueryRunner } from 'typeorm';",
      '',
      'export class Things1763999999999 implements MigrationInterface {',
      '  async up(queryRunner: QueryRunner): Promise<void> {',
      '    await queryRunner.query(`CREATE TABLE things.things (id text PRIMARY KEY)`);',
      '  }',
      '',
      '  async down(queryRunner: QueryRunner): Promise<void> {',
      '    await queryRunner.query(`DROP TABLE things.things`);',
      '  }',
      '}',
      '',
    ].join('\n');

    // when its imports are checked
    // then none is refused
    expect(refusedImports(source)).toEqual([]);
  });
});
