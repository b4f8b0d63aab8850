import { BeforeApplicationShutdown, OnApplicationBootstrap, Provider, Type } from '@nestjs/common';
import type { TimerHandler } from './timer-handler';
import { PgBossTimers } from './pg-boss-timers';

/** The service's timer workers, living as long as the application: started after bootstrap, stopped first. */
export class HostedTimerWorkers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly timers: PgBossTimers,
    private readonly handlers: readonly TimerHandler[],
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const handler of this.handlers) await this.timers.work(handler);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.timers.stopWorking();
  }
}

/**
 * Registers the handlers that fire the service's timers (Nest providers, like event consumers'
 * handlers). Each handler's timer must be declared in the service definition's `timers`.
 */
export function timerWorkersProvider(handlers: Type<TimerHandler>[]): Provider {
  return {
    provide: HostedTimerWorkers,
    inject: [PgBossTimers, ...handlers],
    useFactory: (timers: PgBossTimers, ...instances: TimerHandler[]) => new HostedTimerWorkers(timers, instances),
  };
}
