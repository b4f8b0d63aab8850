import { Controller, Get, Query } from '@nestjs/common';
import { DeliveryQueries } from '../../application/queries/delivery.queries';
import { deliveryResponseOf } from './delivery.response';
import { ListDeliveriesQueryDto } from './list-deliveries.dto';

@Controller('v1/deliveries')
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveryQueries) {}

  /** GET /v1/deliveries?event_id=evt_… — every message the event produced, with its attempts log. */
  @Get()
  async list(@Query() query: ListDeliveriesQueryDto) {
    const found = await this.deliveries.ofEvent(query.event_id);
    return { data: found.map(deliveryResponseOf) };
  }
}
