import { Body, Controller, HttpCode, Inject, Put } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsISO8601 } from 'class-validator';
import { OffsetClock } from '@mb/kernel';
import { SERVICE_CLOCK } from '../service/service-runtime';

export class TravelToDto {
  @IsISO8601({ strict: true })
  now!: string;
}

/**
 * Moves the service's clock forward, for end-to-end tests and demos (an invoice falls overdue
 * without waiting for days). Mounted only when CLOCK_CONTROL=enabled; never in production. Left out
 * of the OpenAPI documents even when mounted: it is no part of the API clients may use.
 */
@ApiExcludeController()
@Controller('v1/test-clock')
export class ClockControlController {
  constructor(@Inject(SERVICE_CLOCK) private readonly clock: OffsetClock) {}

  @Put()
  @HttpCode(200)
  travel(@Body() body: TravelToDto): { now: string } {
    this.clock.travelTo(new Date(body.now));
    return { now: this.clock.now().toISOString() };
  }
}
