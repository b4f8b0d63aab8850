import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AccessPolicy, ApiProblems, type Caller, CurrentCaller, READERS_AND_CLIENT } from '@mb/platform';
import type { DeliveryWithAttempts } from '../../application/queries/delivery.view';
import { DeliveryQueries } from '../../application/queries/delivery.queries';
import { DeliveryListResponse, deliveryResponseOf } from './delivery.response';
import { ListDeliveriesQueryDto } from './list-deliveries.dto';

@Controller('v1/deliveries')
// A client sees the deliveries of its own client's events only (each delivery records the event's client).
@AccessPolicy<DeliveriesController>({ list: READERS_AND_CLIENT })
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveryQueries) {}

  /** GET /v1/deliveries?event_id=evt_… — every message the event produced, with its attempts log. */
  @Get()
  @ApiOperation({
    operationId: 'listDeliveries',
    summary: 'List the deliveries of an event',
    description: "Every message the event produced (emails, webhooks), with its attempts log. A client sees only those of its own client's events.",
  })
  @ApiOkResponse({ type: DeliveryListResponse, description: 'The deliveries; none for an event that produced no message (or unknown).' })
  @ApiProblems({ 400: ['request.invalid'] })
  async list(@Query() query: ListDeliveriesQueryDto, @CurrentCaller() caller: Caller): Promise<DeliveryListResponse> {
    const found = visibleDeliveries(caller, await this.deliveries.ofEvent(query.event_id));
    return { data: found.map(({ delivery, attempts }) => deliveryResponseOf(delivery, attempts)) };
  }
}

/** Only the deliveries the caller may see: a client those of its own client's events; staff all. */
export function visibleDeliveries(caller: Caller, found: readonly DeliveryWithAttempts[]): DeliveryWithAttempts[] {
  return found.filter(({ delivery }) => caller.clientId === null || delivery.clientId === caller.clientId);
}
