import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsString, IsUrl } from 'class-validator';
import { EVENT_NAMES } from '@mb/events';

export class CreateWebhookSubscriptionDto {
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  url!: string;

  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(EVENT_NAMES.length)
  @IsString({ each: true })
  @IsIn([...EVENT_NAMES], { each: true })
  events!: string[];
}
