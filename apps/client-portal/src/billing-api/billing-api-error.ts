/** A problem detail (RFC 9457) as the services answer a refusal. */
export interface ApiProblem {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail?: string;
  readonly errors?: ReadonlyArray<{ field: string; rule: string; message: string }>;
}

/**
 * A call to a service that did not answer as hoped: its problem detail when it sent one, or a
 * 502-like stand-in when the service could not be reached or answered something else.
 */
export class BillingApiError extends Error {
  constructor(
    readonly problem: ApiProblem,
    readonly service: string,
  ) {
    super(`${service}: ${problem.status} ${problem.code}`);
    this.name = 'BillingApiError';
  }

  get status(): number {
    return this.problem.status;
  }
}
