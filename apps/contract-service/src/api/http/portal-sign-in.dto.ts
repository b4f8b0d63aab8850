import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { EMAIL_ADDRESS_MAX_LENGTH } from '@mb/events';
import { IsEmailAddress } from '@mb/platform';

export class RequestSignInLinkDto {
  @ApiProperty({
    format: 'email',
    description: 'The address to send the sign-in link to: a link goes there for each client it is the AP contact or approver of (compared in any case).',
    example: 'ap@acme.example',
    maxLength: EMAIL_ADDRESS_MAX_LENGTH,
  })
  @IsEmailAddress()
  @MaxLength(EMAIL_ADDRESS_MAX_LENGTH)
  email!: string;
}

export class OpenPortalSessionDto {
  @ApiProperty({
    description: "The emailed link's `token` query parameter, as it is: `mbl_psl_<ULID>_<secret>`.",
    example: 'mbl_psl_01JZ7Q8W5N2X3Y4Z5A6B7C8D9E_q3Zx9c1V0bR7kT2mW8nY4pL6sD5fG1hJ3aK9eU0iO7w',
    maxLength: 200,
  })
  @IsString()
  @MaxLength(200)
  sign_in_token!: string;
}
