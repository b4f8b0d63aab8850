import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiIdProperty, ApiProblems, IsPrefixedId } from '@mb/platform';
import { FindDeliveriesQuery } from '../../application/find-deliveries/find-deliveries.query';
import { DeliveryListResponse, deliveryResponseOf } from './delivery.response';

export class ListDeliveriesQueryDto {
  @ApiIdProperty('evt', 'The event whose deliveries to list')
  @IsPrefixedId('evt', 'an event id')
  event_id!: string;
}

@Controller('v1/deliveries')
export class DeliveriesController {
  constructor(private readonly findDeliveries: FindDeliveriesQuery) {}

  /** GET /v1/deliveries?event_id=evt_… — every message the event produced, with its attempts log. */
  @Get()
  @ApiOperation({ operationId: 'listDeliveries', summary: 'List the deliveries of an event', description: 'Every message the event produced (emails, webhooks), with its attempts log.' })
  @ApiOkResponse({ type: DeliveryListResponse, description: 'The deliveries; none for an event that produced no message (or unknown).' })
  @ApiProblems({ 400: ['request.invalid'] })
  async list(@Query() query: ListDeliveriesQueryDto): Promise<DeliveryListResponse> {
    const found = await this.findDeliveries.ofEvent(query.event_id);
    return { data: found.map(({ delivery, attempts }) => deliveryResponseOf(delivery, attempts)) };
  }
}
