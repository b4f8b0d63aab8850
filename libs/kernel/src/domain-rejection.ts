/**
 * An expected business refusal, as a value the API maps to a 4xx problem: `code` is a stable
 * string (`milestone.illegal_transition`), `field` names the input at fault when there is one.
 * Broken invariants are ordinary Errors instead, and surface as 500s.
 */
export type RejectionKind = 'invalid' | 'conflict' | 'not_found';

export class DomainRejection extends Error {
  constructor(
    readonly kind: RejectionKind,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainRejection';
  }
}

/**
 * Another writer changed the aggregate after it was loaded (its optimistic version moved on). A
 * conflict for an API caller, who reloads; for an event consumer a retry on fresh state may pass,
 * so the failure policy retries it instead of dead-lettering it as a refusal.
 */
export class ConcurrentUpdate extends DomainRejection {
  constructor(aggregate: string, id: string) {
    super('conflict', `${aggregate}.concurrent_update`, `${aggregate} ${id} was changed by someone else meanwhile; reload it and try again`);
    this.name = 'ConcurrentUpdate';
  }
}
