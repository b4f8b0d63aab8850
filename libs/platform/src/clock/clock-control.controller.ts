import { Body, Controller, HttpCode, Inject, Optional, Put } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsISO8601 } from 'class-validator';
import { OffsetClock } from '@mb/kernel';
import { AccessPolicy } from '../auth/access-policy';
import { SERVICE_CLOCK } from '../service/service-runtime';
import { PgBossTimers } from '../timers/pg-boss-timers';

export class TravelToDto {
  @IsISO8601({ strict: true })
  now!: string;
}

/**
 * Moves the service's clock forward, for end-to-end tests and demos (an invoice falls overdue
 * without waiting for days). Mounted only when CLOCK_CONTROL=enabled; never in production. Left out
 * of the OpenAPI documents even when mounted: it is no part of the API clients may use. Pending
 * timers move with the clock: a timer due in business time fires once the clock passes it.
 */
@ApiExcludeController()
@Controller('v1/test-clock')
// Moving time moves every timer: an admin's act only, even on a test stack.
@AccessPolicy<ClockControlController>({ travel: ['admin'] })
export class ClockControlController {
  constructor(
    @Inject(SERVICE_CLOCK) private readonly clock: OffsetClock,
    @Optional() private readonly timers?: PgBossTimers,
  ) {}

  @Put()
  @HttpCode(200)
  async travel(@Body() body: TravelToDto): Promise<{ now: string }> {
    const to = new Date(body.now);
    if (this.timers) await this.timers.moveClock(() => this.clock.travelTo(to));
    else this.clock.travelTo(to);
    return { now: this.clock.now().toISOString() };
  }
}
