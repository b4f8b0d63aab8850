import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SignInHousekeeping } from '../../application/ports/sign-in-housekeeping.port';

/**
 * The purge's statements, each its own transaction: they run on the data source, not in the unit
 * of work a timer fires in, so a batch's row locks are released as soon as it is deleted rather
 * than held until the whole backlog is gone. `SKIP LOCKED`: a row another transaction holds (a
 * second instance purging at once) is left for it.
 */
@Injectable()
export class TypeOrmSignInHousekeeping extends SignInHousekeeping {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async deleteSignInLinksExpiredBefore(cutoff: Date, limit: number): Promise<number> {
    return this.deleted(
      `DELETE FROM contract.portal_sign_in_links WHERE id IN (
         SELECT id FROM contract.portal_sign_in_links WHERE expires_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      [cutoff, limit],
    );
  }

  async deletePortalSessionsEndedBefore(cutoff: Date, limit: number): Promise<number> {
    // kind = 'portal_session' is the guard: a key an admin made is never deleted, however long revoked.
    // LEAST ignores a NULL revoked_at; a session always has an expiry (a check constraint).
    return this.deleted(
      `DELETE FROM contract.api_keys WHERE id IN (
         SELECT id FROM contract.api_keys WHERE kind = 'portal_session' AND LEAST(revoked_at, expires_at) < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      [cutoff, limit],
    );
  }

  private async deleted(statement: string, parameters: unknown[]): Promise<number> {
    const [, affected] = (await this.dataSource.query(statement, parameters)) as [unknown[], number];
    return Number(affected ?? 0);
  }
}
