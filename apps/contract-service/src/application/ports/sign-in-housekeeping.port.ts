/**
 * Deletes what the client portal's sign-in no longer needs. Each call deletes at most `limit` rows
 * and commits on its own, outside any unit of work: a large backlog is worked off in short
 * transactions that never hold many row locks for long. Deleting is idempotent, so a call repeated
 * after a crash does no harm.
 */
export abstract class SignInHousekeeping {
  /** Sign-in links that expired before `cutoff`, used or not (a session they opened stays, without its link). */
  abstract deleteSignInLinksExpiredBefore(cutoff: Date, limit: number): Promise<number>;
  /** Portal sessions revoked or expired before `cutoff`; never a key an admin made. */
  abstract deletePortalSessionsEndedBefore(cutoff: Date, limit: number): Promise<number>;
}
