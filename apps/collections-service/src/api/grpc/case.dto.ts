import { IsPrefixedId } from '@mb/platform';

// gRPC requests carry in fields what REST carries in the path. Only the id's prefix and form are
// checked: an unknown id is the query's to answer (NOT_FOUND).

export class GetCaseRequestDto {
  @IsPrefixedId('case', 'a case id')
  case_id!: string;
}
