import type { EntityManager } from 'typeorm';
import { type AuditChainVerdict, type AuditEntry, type AuditFacts, chainedEntry, verifyAuditChain } from './audit-chain';

/** How to read the log: newest first, filtered, at most `limit` rows after `beforeSequence`. */
export interface AuditLogFilter {
  readonly command?: string;
  readonly targetId?: string;
  readonly subject?: string;
  readonly outcome?: string;
  readonly from?: Date;
  readonly to?: Date;
  readonly beforeSequence?: number;
  readonly limit: number;
}

interface AuditRow {
  sequence: string;
  recorded_at: Date;
  actor_subject: string;
  actor_role: string | null;
  actor_client_id: string | null;
  command: string;
  target_id: string | null;
  request_id: string | null;
  trace_id: string | null;
  outcome: AuditEntry['outcome'];
  status: string;
  code: string | null;
  previous_hash: string;
  hash: string;
}

/**
 * A service's audit chain in its own schema (`<schema>.audit_log`, append-only: a trigger refuses
 * UPDATE, DELETE and TRUNCATE). Appends are serialised per service by a transaction-scoped advisory
 * lock, so each row reads the hash of the one committed before it.
 */
export class AuditLog {
  constructor(private readonly schema: string) {}

  /** Appends a row in the caller's transaction, after the last committed one. */
  async append(manager: EntityManager, facts: AuditFacts): Promise<AuditEntry> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`${this.schema}.audit_log`]);
    const [last]: { sequence: string; hash: string }[] = await manager.query(
      `SELECT sequence, hash FROM ${this.schema}.audit_log ORDER BY sequence DESC LIMIT 1`,
    );
    const entry = chainedEntry(facts, last ? { sequence: Number(last.sequence), hash: last.hash } : null);
    await manager.query(
      `INSERT INTO ${this.schema}.audit_log
         (sequence, recorded_at, actor_subject, actor_role, actor_client_id, command, target_id, request_id, trace_id, outcome, status, code, previous_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        entry.sequence,
        entry.recordedAt,
        entry.actor.subject,
        entry.actor.role,
        entry.actor.clientId,
        entry.command,
        entry.targetId,
        entry.requestId,
        entry.traceId,
        entry.outcome,
        entry.status,
        entry.code,
        entry.previousHash,
        entry.hash,
      ],
    );
    return entry;
  }

  /** Rows matching the filter, newest first. */
  async find(manager: EntityManager, filter: AuditLogFilter): Promise<AuditEntry[]> {
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    const where = (sql: string, value: unknown) => {
      parameters.push(value);
      conditions.push(sql.replace('?', `$${parameters.length}`));
    };
    if (filter.command !== undefined) where('command = ?', filter.command);
    if (filter.targetId !== undefined) where('target_id = ?', filter.targetId);
    if (filter.subject !== undefined) where('actor_subject = ?', filter.subject);
    if (filter.outcome !== undefined) where('outcome = ?', filter.outcome);
    if (filter.from !== undefined) where('recorded_at >= ?', filter.from);
    if (filter.to !== undefined) where('recorded_at < ?', filter.to);
    if (filter.beforeSequence !== undefined) where('sequence < ?', filter.beforeSequence);
    parameters.push(filter.limit);
    const rows: AuditRow[] = await manager.query(
      `SELECT * FROM ${this.schema}.audit_log ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
        ORDER BY sequence DESC LIMIT $${parameters.length}`,
      parameters,
    );
    return rows.map(entryOf);
  }

  /** Checks the whole chain, oldest first (see verifyAuditChain). */
  async verify(manager: EntityManager): Promise<AuditChainVerdict> {
    const entries: AuditEntry[] = [];
    for await (const entry of this.chain(manager)) entries.push(entry);
    return verifyAuditChain(entries);
  }

  /** The whole chain, oldest first, in pages: for verification. */
  async *chain(manager: EntityManager, pageSize = 1000): AsyncGenerator<AuditEntry> {
    let after = 0;
    for (;;) {
      const rows: AuditRow[] = await manager.query(`SELECT * FROM ${this.schema}.audit_log WHERE sequence > $1 ORDER BY sequence LIMIT $2`, [after, pageSize]);
      for (const row of rows) yield entryOf(row);
      if (rows.length < pageSize) return;
      after = Number(rows[rows.length - 1].sequence);
    }
  }
}

function entryOf(row: AuditRow): AuditEntry {
  return {
    sequence: Number(row.sequence),
    recordedAt: row.recorded_at,
    actor: { subject: row.actor_subject, role: row.actor_role, clientId: row.actor_client_id },
    command: row.command,
    targetId: row.target_id,
    requestId: row.request_id,
    traceId: row.trace_id,
    outcome: row.outcome,
    status: row.status,
    code: row.code,
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}
