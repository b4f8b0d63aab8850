import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class CreateClientDto {
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name!: string;

  @IsEmail()
  @MaxLength(320)
  ap_contact_email!: string;
}
