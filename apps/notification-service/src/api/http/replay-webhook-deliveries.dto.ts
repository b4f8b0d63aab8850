import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { prefixedIdPattern, WEBHOOK_EVENT_NAMES } from '@mb/events';
import { IsPrefixedId } from '@mb/platform';

/** Either `delivery_id`, or `from` and `to` (with `event_types` optionally); the controller refuses both or neither. */
export class ReplayWebhookDeliveriesDto {
  @ApiPropertyOptional({ pattern: prefixedIdPattern('dlv'), description: "One of the subscription's deliveries, whose event is sent again.", example: 'dlv_01JX6Q8Z3Y2W0V9T7S5R4P3N2M' })
  @IsOptional()
  @IsPrefixedId('dlv', 'a delivery id')
  delivery_id?: string;

  @ApiPropertyOptional({ format: 'date-time', description: "Start of the range (inclusive), by the events' created_at.", example: '2026-06-01T00:00:00Z', maxLength: 40 })
  @IsOptional()
  @IsISO8601({ strict: true })
  @MaxLength(40)
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: "End of the range (exclusive), by the events' created_at.", example: '2026-06-02T00:00:00Z', maxLength: 40 })
  @IsOptional()
  @IsISO8601({ strict: true })
  @MaxLength(40)
  to?: string;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENT_NAMES, isArray: true, description: 'Only events of these types (of those the subscription names); all of them when left out.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(WEBHOOK_EVENT_NAMES.length)
  @IsString({ each: true })
  @IsIn([...WEBHOOK_EVENT_NAMES], { each: true })
  event_types?: string[];

  @ApiPropertyOptional({ description: 'Why, kept on each new delivery as its replay_reason.', example: 'receiver restored from backup', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason?: string;
}
