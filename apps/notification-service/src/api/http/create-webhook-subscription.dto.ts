import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsOptional, IsString, IsUrl } from 'class-validator';
import { EVENT_NAMES } from '@mb/events';
import { IsPrefixedId } from '@mb/platform';

export class CreateWebhookSubscriptionDto {
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  url!: string;

  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(EVENT_NAMES.length)
  @IsString({ each: true })
  @IsIn([...EVENT_NAMES], { each: true })
  events!: string[];

  /** Only this client's events; a client-role caller's subscription is always to its own client's. */
  @IsOptional()
  @IsPrefixedId('cli', 'a client id')
  client_id?: string;
}
