import { IsPrefixedId } from '@mb/platform';

export class ListInvoicesQueryDto {
  @IsPrefixedId('con', 'a contract id')
  contract_id!: string;
}
