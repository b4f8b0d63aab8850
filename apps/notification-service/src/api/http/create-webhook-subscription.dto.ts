import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsString, IsUrl, MaxLength } from 'class-validator';
import { EVENT_NAMES } from '@mb/events';

export class CreateWebhookSubscriptionDto {
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2048)
  url!: string;

  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(EVENT_NAMES.length)
  @IsString({ each: true })
  @IsIn([...EVENT_NAMES], { each: true })
  events!: string[];
}
