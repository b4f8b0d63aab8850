/**
 * A producer tried to record an event that its own schema refuses. Thrown inside the caller's
 * transaction so that the state change it belongs to rolls back with it.
 */
export class InvalidEventError extends Error {
  constructor(
    readonly eventName: string,
    readonly errors: readonly string[],
  ) {
    super(`event ${eventName} does not match its schema: ${errors.join('; ')}`);
    this.name = 'InvalidEventError';
  }
}
