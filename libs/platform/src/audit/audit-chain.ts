import { createHash } from 'node:crypto';

/**
 * Issue 12 "Audit log": every command a service is asked to carry out, as one append-only row: who
 * (subject, role, client), what (command, target), when, from where (request id, trace id) and the
 * outcome. Each row carries the hash of the one before it, so an edited, removed or reordered row
 * breaks the chain, which `verifyAuditChain` finds. Pure: the storage is AuditLog's.
 */

export const AUDIT_OUTCOMES = ['succeeded', 'refused', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** Who asked: the authenticated caller, or `anonymous` where a route needs no identity. */
export interface AuditActor {
  readonly subject: string;
  readonly role: string | null;
  readonly clientId: string | null;
}

/** What one command was and how it ended, before it takes its place in the chain. */
export interface AuditFacts {
  readonly recordedAt: Date;
  readonly actor: AuditActor;
  /** The operation, as the API names it: `POST /v1/milestones/:id/approve`, `gRPC MilestoneService/ApproveMilestone`. */
  readonly command: string;
  /** The resource the command acted on, when known (path id, or the id of what it created). */
  readonly targetId: string | null;
  readonly requestId: string | null;
  readonly traceId: string | null;
  readonly outcome: AuditOutcome;
  /** The HTTP status, or the gRPC status name. */
  readonly status: string;
  /** The problem code of a refusal or failure (`milestone.deemed_accepted`); null on success. */
  readonly code: string | null;
}

/** A row of the chain. */
export interface AuditEntry extends AuditFacts {
  /** Position in the chain, from 1. */
  readonly sequence: number;
  /** The hash of the row before, or GENESIS_HASH for the first. */
  readonly previousHash: string;
  readonly hash: string;
}

/** What the first row of a chain links to. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The hash of a row: SHA-256 over the previous hash and the row's facts, in a fixed field order
 * and encoding (instants as ISO 8601 in UTC), so a verifier in any language can recompute it.
 */
export function auditHashOf(sequence: number, facts: AuditFacts, previousHash: string): string {
  const canonical = JSON.stringify([
    sequence,
    previousHash,
    facts.recordedAt.toISOString(),
    facts.actor.subject,
    facts.actor.role,
    facts.actor.clientId,
    facts.command,
    facts.targetId,
    facts.requestId,
    facts.traceId,
    facts.outcome,
    facts.status,
    facts.code,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** The row that follows `previous` (null for the first) in the chain. */
export function chainedEntry(facts: AuditFacts, previous: Pick<AuditEntry, 'sequence' | 'hash'> | null): AuditEntry {
  const sequence = (previous?.sequence ?? 0) + 1;
  const previousHash = previous?.hash ?? GENESIS_HASH;
  return { ...facts, sequence, previousHash, hash: auditHashOf(sequence, facts, previousHash) };
}

export type AuditChainVerdict =
  | { readonly intact: true; readonly entries: number }
  | { readonly intact: false; readonly entries: number; readonly brokenAt: number; readonly reason: string };

/** Checks a whole chain, oldest first: every row links to the one before and hashes to what it says. */
export function verifyAuditChain(entries: readonly AuditEntry[]): AuditChainVerdict {
  let previous: AuditEntry | null = null;
  for (const entry of entries) {
    const expectedSequence = (previous?.sequence ?? 0) + 1;
    if (entry.sequence !== expectedSequence) {
      return { intact: false, entries: entries.length, brokenAt: entry.sequence, reason: `expected row ${expectedSequence}, found ${entry.sequence}` };
    }
    if (entry.previousHash !== (previous?.hash ?? GENESIS_HASH)) {
      return { intact: false, entries: entries.length, brokenAt: entry.sequence, reason: 'it does not link to the row before' };
    }
    if (auditHashOf(entry.sequence, entry, entry.previousHash) !== entry.hash) {
      return { intact: false, entries: entries.length, brokenAt: entry.sequence, reason: 'its content does not match its hash' };
    }
    previous = entry;
  }
  return { intact: true, entries: entries.length };
}
