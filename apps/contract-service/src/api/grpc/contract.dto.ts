import { IsPrefixedId } from '@mb/platform';
import { TerminateContractDto } from '../http/create-contract.dto';

// gRPC requests carry in fields what REST carries in the path; the rest is the REST DTOs' rules.
// Only the id's prefix and form are checked: an unknown id is the use case's to answer (NOT_FOUND).

export class GetClientRequestDto {
  @IsPrefixedId('cli', 'a client id')
  client_id!: string;
}

export class ContractIdRequestDto {
  @IsPrefixedId('con', 'a contract id')
  contract_id!: string;
}

export class TerminateContractRequestDto extends TerminateContractDto {
  @IsPrefixedId('con', 'a contract id')
  contract_id!: string;
}
