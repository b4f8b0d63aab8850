import { ApiIdProperty, IsPrefixedId } from '@mb/platform';

export class ListCasesQueryDto {
  @ApiIdProperty('cli', 'The client whose cases to list')
  @IsPrefixedId('cli', 'a client id')
  client_id!: string;
}
