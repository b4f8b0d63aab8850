import type { EntityManager } from 'typeorm';

/** One key's reach: a key means something only for one caller and one operation. */
export interface IdempotencyScope {
  /** `callerSubjectOf(request)`: the authenticated subject, or `anonymous`. */
  readonly caller: string;
  readonly method: string;
  /** The path the request addressed, without its query (`/v1/milestones/mil_…/approve`). */
  readonly path: string;
  readonly key: string;
}

/** The first answer given under a key, replayed to every retry with the same request. */
export interface StoredAnswer {
  /** SHA-256 of the canonical request (body and query) the key was first used with. */
  readonly fingerprint: string;
  readonly statusCode: number;
  readonly contentType: string;
  readonly body: unknown;
}

export interface IdempotencyKeysOptions {
  /**
   * How long a request may hold its key without the database hearing from it. Enforced by
   * PostgreSQL on the request's transaction (idle-in-transaction and statement timeouts): past it
   * the transaction is ended and rolled back, effect included, so a crashed or hung request's key
   * can be retried and its effect can never commit late.
   */
  readonly leaseSeconds: number;
  /** How long a key and its answer are kept (24 h), then purged. */
  readonly retentionHours: number;
}

/**
 * The `<schema>.idempotency_keys` table, always used inside the request's own transaction: the
 * key is held (an advisory lock of that transaction), looked up, and written with its answer in
 * the same commit as the request's effect. Nothing is ever committed for a request that did not
 * finish, so there is no "in progress" row to be left behind.
 */
export class IdempotencyKeys {
  constructor(
    private readonly schema: string,
    readonly options: IdempotencyKeysOptions,
  ) {}

  /**
   * Holds the key for this transaction, or returns false when another transaction holds it (a
   * request with this key is running). Sets the lease on the transaction first.
   */
  async hold(manager: EntityManager, scope: IdempotencyScope): Promise<boolean> {
    const lease = `${this.options.leaseSeconds * 1000}ms`;
    await manager.query(
      `SELECT set_config('idle_in_transaction_session_timeout', $1, true), set_config('statement_timeout', $1, true), set_config('lock_timeout', $1, true)`,
      [lease],
    );
    // 64 bits of the scope's hash: a collision with another key (or another advisory lock of this
    // database) only makes one request wait for a 409's Retry-After; it never mixes two answers.
    const [{ held }] = await manager.query(`SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS held`, [this.lockName(scope)]);
    return held === true;
  }

  /** The answer stored under the key, unless there is none or it has expired. */
  async find(manager: EntityManager, scope: IdempotencyScope): Promise<StoredAnswer | undefined> {
    const [row] = await manager.query(
      `SELECT fingerprint, status_code, content_type, response FROM ${this.schema}.idempotency_keys
        WHERE caller = $1 AND method = $2 AND path = $3 AND idempotency_key = $4 AND expires_at > clock_timestamp()`,
      [scope.caller, scope.method, scope.path, scope.key],
    );
    return row === undefined ? undefined : { fingerprint: row.fingerprint, statusCode: row.status_code, contentType: row.content_type, body: row.response };
  }

  /** Stores the first answer, replacing an expired one not yet purged. */
  async record(manager: EntityManager, scope: IdempotencyScope, answer: StoredAnswer): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.schema}.idempotency_keys (caller, method, path, idempotency_key, fingerprint, status_code, content_type, response, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, clock_timestamp(), clock_timestamp() + make_interval(hours => $9))
       ON CONFLICT (caller, method, path, idempotency_key) DO UPDATE
         SET fingerprint = EXCLUDED.fingerprint, status_code = EXCLUDED.status_code, content_type = EXCLUDED.content_type,
             response = EXCLUDED.response, created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
         WHERE ${this.schema}.idempotency_keys.expires_at <= clock_timestamp()`,
      [scope.caller, scope.method, scope.path, scope.key, answer.fingerprint, answer.statusCode, answer.contentType, JSON.stringify(answer.body ?? null), this.options.retentionHours],
    );
  }

  /** Deletes the keys whose retention has passed; returns how many. */
  async purgeExpired(manager: EntityManager): Promise<number> {
    const [, deleted] = await manager.query(`DELETE FROM ${this.schema}.idempotency_keys WHERE expires_at <= clock_timestamp()`);
    return Number(deleted ?? 0);
  }

  private lockName(scope: IdempotencyScope): string {
    return JSON.stringify(['idempotency', this.schema, scope.caller, scope.method, scope.path, scope.key]);
  }
}
