import { ApiProperty } from '@nestjs/swagger';
import { ApiIdProperty } from '@mb/platform';
import { type AgencyRecovery, netCentsOf } from '../../application/ports/agency-recovery.repository';
import type { StoredCaseFile } from '../../application/ports/case-file.port';
import type { CollectionsCase } from '../../domain/case/case';
import { CaseResponse, caseResponseOf } from './case.response';

export class CaseFileResponse {
  @ApiIdProperty('cf', 'The case file')
  id!: string;

  @ApiProperty({ description: 'SHA-256 of the zip, lowercase hex.', pattern: '^[0-9a-f]{64}$' })
  sha256!: string;

  @ApiProperty({ description: "SHA-256 of the zip's manifest.json, which lists every other file with its SHA-256 and size.", pattern: '^[0-9a-f]{64}$' })
  manifest_sha256!: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 184_320 })
  size_bytes!: number;

  @ApiProperty({ format: 'date-time' })
  built_at!: string;
}

export class HandedOffCaseResponse {
  @ApiProperty({ type: () => CaseResponse })
  case!: CaseResponse;

  @ApiProperty({ type: () => CaseFileResponse, description: 'The case file built for the agency (GET /v1/cases/{id}/case-file).' })
  case_file!: CaseFileResponse;
}

export class AgencyRecoveryResponse {
  @ApiIdProperty('rcv', 'The agency recovery')
  id!: string;

  @ApiIdProperty('case', 'The handed-off case')
  case_id!: string;

  @ApiProperty({ example: 'Northwind Recoveries' })
  agency!: string;

  @ApiIdProperty('pay', "The client's payment invoicing recorded for the gross")
  payment_id!: string;

  @ApiProperty({ pattern: '^[a-z]{3}$', example: 'usd' })
  currency!: string;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'Recovered from the client: the payment.', example: 500_000 })
  gross_cents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: "The agency's fee, kept apart: it does not lower what the client owes any less.", example: 125_000 })
  agency_fee_cents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'What the agency passes on: gross less fee.', example: 375_000 })
  net_cents!: number;

  @ApiProperty({ format: 'date', example: '2026-09-11' })
  received_on!: string;

  @ApiProperty({ example: 'NWR-2026-0917' })
  external_reference!: string;

  @ApiProperty({ description: 'Who recorded it.' })
  recorded_by!: string;

  @ApiProperty({ format: 'date-time' })
  recorded_at!: string;
}

export class AgencyRecoveryListResponse {
  @ApiProperty({ type: () => [AgencyRecoveryResponse], description: 'Oldest first.' })
  data!: AgencyRecoveryResponse[];
}

export function caseFileResponseOf(caseFile: StoredCaseFile): CaseFileResponse {
  return { id: caseFile.id, sha256: caseFile.sha256, manifest_sha256: caseFile.manifestSha256, size_bytes: caseFile.sizeBytes, built_at: caseFile.builtAt.toISOString() };
}

export function handedOffCaseResponseOf(collectionsCase: CollectionsCase, caseFile: StoredCaseFile): HandedOffCaseResponse {
  return { case: caseResponseOf(collectionsCase), case_file: caseFileResponseOf(caseFile) };
}

export function agencyRecoveryResponseOf(recovery: AgencyRecovery): AgencyRecoveryResponse {
  return {
    id: recovery.id,
    case_id: recovery.caseId,
    agency: recovery.agency,
    payment_id: recovery.paymentId,
    currency: recovery.currency,
    gross_cents: recovery.grossCents,
    agency_fee_cents: recovery.agencyFeeCents,
    net_cents: netCentsOf(recovery),
    received_on: recovery.receivedOn,
    external_reference: recovery.externalReference,
    recorded_by: recovery.recordedBy,
    recorded_at: recovery.recordedAt.toISOString(),
  };
}
