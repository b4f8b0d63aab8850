import { ApiIdProperty, IsPrefixedId } from '@mb/platform';

/** GET /v1/credit-notes's query: the invoice whose credit notes are listed. */
export class ListCreditNotesQueryDto {
  @ApiIdProperty('inv', 'The invoice whose credit notes to list')
  @IsPrefixedId('inv', 'an invoice id')
  invoice_id!: string;
}
