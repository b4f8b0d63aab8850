/**
 * The transaction boundary of a use case: what the work saves, and the events it records, commit
 * together or not at all. Application code asks for one; how it is kept (a database transaction)
 * is infrastructure's business, so a use case can be tested against an in-memory fake.
 */
export abstract class UnitOfWork {
  /**
   * Runs `work` in a unit of work. Inside one already open (an event consumer's, whose inbox
   * record must commit with the effect) it joins that one instead of opening another.
   */
  abstract run<T>(work: () => Promise<T>): Promise<T>;

  /**
   * Runs `effect` once the unit of work has committed, and never if it rolls back: for what lives
   * outside the database (a metric) and must count the change once, not once per attempt.
   */
  abstract afterCommit(effect: () => void): void;
}
