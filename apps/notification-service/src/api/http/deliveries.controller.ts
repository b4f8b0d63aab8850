import { Controller, Get, Query } from '@nestjs/common';
import { IsPrefixedId } from '@mb/platform';
import { FindDeliveriesQuery } from '../../application/find-deliveries/find-deliveries.query';

export class ListDeliveriesQueryDto {
  @IsPrefixedId('evt', 'an event id')
  event_id!: string;
}

@Controller('v1/deliveries')
export class DeliveriesController {
  constructor(private readonly findDeliveries: FindDeliveriesQuery) {}

  /** GET /v1/deliveries?event_id=evt_… — every message the event produced, with its attempts log. */
  @Get()
  async list(@Query() query: ListDeliveriesQueryDto) {
    const found = await this.findDeliveries.ofEvent(query.event_id);
    return {
      data: found.map(({ delivery, attempts }) => ({
        id: delivery.id,
        channel: delivery.channel,
        recipient: delivery.recipient,
        event_id: delivery.eventId,
        event: delivery.eventName,
        status: delivery.status,
        attempts: delivery.attempts,
        next_attempt_at: delivery.nextAttemptAt?.toISOString() ?? null,
        last_error: delivery.lastError,
        sent_at: delivery.sentAt?.toISOString() ?? null,
        created_at: delivery.createdAt.toISOString(),
        attempt_log: attempts.map((attempt) => ({
          attempt: attempt.attemptNumber,
          at: attempt.attemptedAt.toISOString(),
          outcome: attempt.outcome,
          status_code: attempt.statusCode,
          error: attempt.error,
        })),
      })),
    };
  }
}
