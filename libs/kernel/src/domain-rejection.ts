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
