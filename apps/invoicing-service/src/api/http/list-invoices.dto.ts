import { ApiIdProperty, IsPrefixedId } from '@mb/platform';

/** GET /v1/invoices's query: the contract whose invoices are listed. */
export class ListInvoicesQueryDto {
  @ApiIdProperty('con', 'The contract whose invoices to list')
  @IsPrefixedId('con', 'a contract id')
  contract_id!: string;
}
