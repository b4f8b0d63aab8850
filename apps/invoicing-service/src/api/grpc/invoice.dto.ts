import { IsPrefixedId } from '@mb/platform';

// gRPC requests carry in fields what REST carries in the path. Only the id's prefix and form are
// checked: an unknown id is the use case's to answer (NOT_FOUND).

export class InvoiceIdRequestDto {
  @IsPrefixedId('inv', 'an invoice id')
  invoice_id!: string;
}

export class ContractIdRequestDto {
  @IsPrefixedId('con', 'a contract id')
  contract_id!: string;
}

export class CreditNoteIdRequestDto {
  @IsPrefixedId('cn', 'a credit note id')
  credit_note_id!: string;
}
