import type { DeliveryWithAttempts } from './delivery.view';

/**
 * What the APIs read about deliveries. A port: the answer joins deliveries with their attempts log,
 * so infrastructure/persistence implements it over SQL.
 */
export abstract class DeliveryQueries {
  /** Every message the event produced, in the order they were planned, each with its attempts. */
  abstract ofEvent(eventId: string): Promise<DeliveryWithAttempts[]>;
}
