import { Matches } from 'class-validator';

export class ListCasesQueryDto {
  @Matches(/^cli_[0-9A-Za-z]{1,64}$/, { message: 'client_id must be a client id (cli_...)' })
  client_id!: string;
}
