import type { TypeOrmUnitOfWork } from '@mb/messaging';
import type { TimerHandler } from '../timers/timer-handler';
import type { IdempotencyKeys } from './idempotency-keys';

/** The recurring timer every service runs: expired idempotency keys go, once per hour. */
export const IDEMPOTENCY_PURGE_TIMER = 'platform.idempotency_keys_purge';
export const IDEMPOTENCY_PURGE_CRON = '17 * * * *';

/** Deletes the keys past their retention, in the unit of work the timer fired in. */
export function idempotencyPurgeHandler(keys: IdempotencyKeys, unitOfWork: TypeOrmUnitOfWork): TimerHandler {
  return {
    timer: IDEMPOTENCY_PURGE_TIMER,
    fire: async () => {
      await keys.purgeExpired(unitOfWork.currentManager());
    },
  };
}
