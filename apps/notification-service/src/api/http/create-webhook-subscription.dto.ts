import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { EMAIL_ADDRESS_MAX_LENGTH, WEBHOOK_EVENT_NAMES } from '@mb/events';
import { IsEmailAddress, IsPrefixedId } from '@mb/platform';

export class CreateWebhookSubscriptionDto {
  // Only its shape here: whether it is a URL, its scheme and where its host leads are the
  // subscription's rules (422 naming the rule), checked on the URL as WHATWG parsing reads it, so
  // that `http://2130706433/` is judged as the 127.0.0.1 it stands for rather than as a format.
  @IsString()
  @MaxLength(2048)
  url!: string;

  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(WEBHOOK_EVENT_NAMES.length)
  @IsString({ each: true })
  // Every catalogue event but notification's own (a delivery's outcome delivered would loop).
  @IsIn([...WEBHOOK_EVENT_NAMES], { each: true })
  events!: string[];

  /** Only this client's events; a client-role caller's subscription is always to its own client's. */
  @IsOptional()
  @IsPrefixedId('cli', 'a client id')
  client_id?: string;

  @ApiPropertyOptional({
    format: 'email',
    description: 'Who is emailed if the subscription is disabled after three days of failed deliveries; without one, only notification.webhook_disabled tells.',
    example: 'integrations@acme.example',
  })
  @IsOptional()
  @IsEmailAddress()
  @MaxLength(EMAIL_ADDRESS_MAX_LENGTH)
  owner_email?: string;
}
