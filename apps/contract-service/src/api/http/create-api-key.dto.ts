import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { type Role, ROLES } from '@mb/platform';

export class CreateApiKeyDto {
  @ApiProperty({ description: 'What the key is for, to recognise it in the list and the audit log.', example: 'ERP nightly sync', minLength: 1, maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: ROLES, description: 'The one role the key acts with, as a token with that role would.', example: 'finance' })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ description: 'For the client role only, and then required: the client the key is confined to.', example: 'cli_01JZ7Q8W5N2X3Y4Z5A6B7C8D9E', maxLength: 40, pattern: '^cli_[0-9A-Za-z]+$' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @Matches(/^cli_[0-9A-Za-z]+$/)
  client_id?: string;
}
