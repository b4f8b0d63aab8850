import { IsPrefixedId } from '@mb/platform';

export class ListCreditNotesQueryDto {
  @IsPrefixedId('inv', 'an invoice id')
  invoice_id!: string;
}
