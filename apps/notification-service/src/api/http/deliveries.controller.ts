import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AccessPolicy, ApiProblems, STAFF_READERS } from '@mb/platform';
import { DeliveryQueries } from '../../application/queries/delivery.queries';
import { DeliveryListResponse, deliveryResponseOf } from './delivery.response';
import { ListDeliveriesQueryDto } from './list-deliveries.dto';

@Controller('v1/deliveries')
// Not for clients yet: a delivery does not record whose event it carried (planned; docs/security.md).
@AccessPolicy<DeliveriesController>({ list: STAFF_READERS })
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveryQueries) {}

  /** GET /v1/deliveries?event_id=evt_… — every message the event produced, with its attempts log. */
  @Get()
  @ApiOperation({ operationId: 'listDeliveries', summary: 'List the deliveries of an event', description: 'Every message the event produced (emails, webhooks), with its attempts log.' })
  @ApiOkResponse({ type: DeliveryListResponse, description: 'The deliveries; none for an event that produced no message (or unknown).' })
  @ApiProblems({ 400: ['request.invalid'] })
  async list(@Query() query: ListDeliveriesQueryDto): Promise<DeliveryListResponse> {
    const found = await this.deliveries.ofEvent(query.event_id);
    return { data: found.map(({ delivery, attempts }) => deliveryResponseOf(delivery, attempts)) };
  }
}
