// Proof that a service's reads use its indexes: the SQL its repositories actually send is captured
// from TypeORM while an API call runs, then EXPLAINed on tables filled to a realistic size, and
// every plan is searched for sequential scans of the tables that grow.
import { Client } from 'pg';
import type { DataSource, Logger } from 'typeorm';

/** A statement as TypeORM sent it. */
export interface CapturedQuery {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

/** One node of a PostgreSQL plan (EXPLAIN FORMAT JSON), with the fields the checks read. */
export interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Relation Name'?: string;
  readonly Schema?: string;
  readonly 'Index Name'?: string;
  readonly Plans?: readonly PlanNode[];
}

/**
 * Records every statement the data source sends while `work` runs. Other work of the service
 * (relay polls, consumers) is recorded too when it runs meanwhile: filter on the tables of interest.
 */
export async function queriesDuring(dataSource: DataSource, work: () => Promise<unknown>): Promise<CapturedQuery[]> {
  const captured: CapturedQuery[] = [];
  const original: Logger = dataSource.logger;
  const recording = new Proxy(original, {
    get(target, property, receiver) {
      if (property === 'logQuery') {
        return (sql: string, parameters?: unknown[], ...rest: unknown[]) => {
          captured.push({ sql, parameters: parameters ?? [] });
          return (target.logQuery as (...args: unknown[]) => unknown).call(target, sql, parameters, ...rest);
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
  // TypeORM reads dataSource.logger at every query: swapped for the call, then put back.
  (dataSource as { logger: Logger }).logger = recording;
  try {
    await work();
  } finally {
    (dataSource as { logger: Logger }).logger = original;
  }
  return captured;
}

/**
 * The plan PostgreSQL chooses for the statement with its parameters when sequential scans are
 * priced out (`enable_seqscan = off`): a sequential scan left in that plan is one no index can
 * replace. Judged this way, the verdict does not hang on the table statistics of the moment (an
 * empty table that autovacuum has just analysed is cheapest to scan whole).
 */
export async function planOf(dataSource: DataSource, query: CapturedQuery): Promise<PlanNode> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.startTransaction();
    await runner.query('SET LOCAL enable_seqscan = off');
    const rows: { 'QUERY PLAN': [{ Plan: PlanNode }] }[] = await runner.query(`EXPLAIN (FORMAT JSON) ${query.sql}`, [...query.parameters]);
    return rows[0]['QUERY PLAN'][0].Plan;
  } finally {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    await runner.release();
  }
}

/** Every node of the plan, depth first. */
export function nodesOf(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];
}

/** The relations of `tables` (unqualified names) that the plan reads with a sequential scan. */
export function sequentiallyScanned(plan: PlanNode, tables: readonly string[]): string[] {
  return nodesOf(plan)
    .filter((node) => node['Node Type'] === 'Seq Scan' && tables.includes(node['Relation Name'] ?? ''))
    .map((node) => node['Relation Name'] as string);
}

/** The SELECTs among the captured statements that read any of `tables` of `schema`. */
export function readsOf(queries: readonly CapturedQuery[], schema: string, tables: readonly string[]): CapturedQuery[] {
  return queries.filter(
    (query) => /^\s*SELECT/i.test(query.sql) && tables.some((table) => new RegExp(`"?${schema}"?\\."?${table}"?\\b`, 'i').test(query.sql)),
  );
}

/** Rows of a table to copy: those whose `column` is one of `values` (the rows a test made). */
export interface RowsToCopy {
  readonly table: string;
  readonly column: string;
  readonly values: readonly string[];
}

/**
 * Copies the given rows `copies` times (tables in the order given, referenced tables first), as
 * the schema's owner, suffixing every id-like text column named in `idColumns` so that keys stay
 * unique and references stay consistent; then ANALYZEs the tables, so the planner sees their size.
 */
export async function multiplyRows(ownerUrl: string, schema: string, tables: readonly RowsToCopy[], idColumns: readonly string[], copies: number): Promise<void> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    for (const { table, column: seedColumn, values } of tables) {
      const columns: string[] = (
        await client.query(
          `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 AND is_generated = 'NEVER' ORDER BY ordinal_position`,
          [schema, table],
        )
      ).rows.map((row: { column_name: string }) => row.column_name);
      const selected = columns.map((column) => (idColumns.includes(column) ? `t.${column} || 'x' || g` : `t.${column}`));
      await client.query(`INSERT INTO ${schema}.${table} (${columns.join(', ')}) SELECT ${selected.join(', ')} FROM ${schema}.${table} t, generate_series(1, $1) g WHERE t.${seedColumn} = ANY($2)`, [
        copies,
        values,
      ]);
    }
    await client.query('COMMIT');
    for (const { table } of tables) await client.query(`ANALYZE ${schema}.${table}`);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
