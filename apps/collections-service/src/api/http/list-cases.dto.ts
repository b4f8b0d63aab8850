import { IsPrefixedId } from '@mb/platform';

export class ListCasesQueryDto {
  @IsPrefixedId('cli', 'a client id')
  client_id!: string;
}
