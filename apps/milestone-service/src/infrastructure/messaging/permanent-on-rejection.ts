import { DomainRejection } from '@mb/kernel';
import { PermanentEventError } from '@mb/messaging';

/**
 * Runs an event's effect; a business refusal (an unknown milestone, an illegal transition) will
 * refuse the same event on every retry, so it goes to the dead-letter topic at once.
 */
export async function permanentOnRejection(event: string, effect: () => Promise<void>): Promise<void> {
  try {
    await effect();
  } catch (error) {
    if (error instanceof DomainRejection) throw new PermanentEventError(`${event} cannot be applied: ${error.code}: ${error.message}`);
    throw error;
  }
}
