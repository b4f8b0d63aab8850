import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { AccessPolicy } from '../auth/access-policy';
import { ApiProblems } from '../http/api-problems';
import { AUDIT_OUTCOMES, type AuditEntry } from './audit-chain';
import { AuditLog } from './audit-log';

export class AuditLogQueryDto {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  command?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  target_id?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  subject?: string;

  @IsOptional()
  @IsIn(AUDIT_OUTCOMES)
  outcome?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2)
  before_sequence?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class AuditEntryResponse {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Position in the chain, from 1.' })
  sequence!: number;

  @ApiProperty({ format: 'date-time' })
  recorded_at!: string;

  @ApiProperty({ description: "Who: the token's subject, or anonymous.", example: 'user-42' })
  actor_subject!: string;

  @ApiProperty({ type: String, nullable: true, example: 'finance' })
  actor_role!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The client a client-scoped caller acts for.' })
  actor_client_id!: string | null;

  @ApiProperty({ example: 'POST /v1/milestones/:id/approve' })
  command!: string;

  @ApiProperty({ type: String, nullable: true, example: 'ms_01JNQ8W3Y1A3C5E7G9J1K3M5P7' })
  target_id!: string | null;

  @ApiProperty({ type: String, nullable: true })
  request_id!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The OpenTelemetry trace id.' })
  trace_id!: string | null;

  @ApiProperty({ enum: AUDIT_OUTCOMES })
  outcome!: string;

  @ApiProperty({ description: 'The HTTP status, or the gRPC status name.', example: '200' })
  status!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The problem code of a refusal or failure.', example: 'milestone.deemed_accepted' })
  code!: string | null;

  @ApiProperty({ description: 'SHA-256 of the row before (64 zeros for the first).' })
  previous_hash!: string;

  @ApiProperty({ description: "SHA-256 of this row's content and the previous hash." })
  hash!: string;
}

export class AuditLogPageResponse {
  @ApiProperty({ type: [AuditEntryResponse], description: 'Newest first.' })
  data!: AuditEntryResponse[];
}

/** Reads the service's audit log, newest first, with filters. */
@ApiTags('audit')
@Controller('v1/audit-log')
@AccessPolicy<AuditLogController>({ list: ['admin', 'auditor'] })
export class AuditLogController {
  constructor(
    private readonly unitOfWork: TypeOrmUnitOfWork,
    @Inject(AuditLog) private readonly log: AuditLog,
  ) {}

  @Get()
  @ApiOperation({
    operationId: 'listAuditLog',
    summary: "The service's audit log, newest first",
    description: 'Every command (REST POST/PUT/PATCH/DELETE, gRPC other than Get/List) with who, what, when, from where and the outcome. Page with before_sequence.',
  })
  @ApiOkResponse({ type: AuditLogPageResponse })
  @ApiProblems({ 400: ['request.invalid'] })
  async list(@Query() query: AuditLogQueryDto): Promise<AuditLogPageResponse> {
    const entries = await this.log.find(this.unitOfWork.readManager(), {
      command: query.command,
      targetId: query.target_id,
      subject: query.subject,
      outcome: query.outcome,
      from: query.from === undefined ? undefined : new Date(query.from),
      to: query.to === undefined ? undefined : new Date(query.to),
      beforeSequence: query.before_sequence,
      limit: query.limit ?? 100,
    });
    return { data: entries.map(entryView) };
  }
}

function entryView(entry: AuditEntry): AuditEntryResponse {
  return {
    sequence: entry.sequence,
    recorded_at: entry.recordedAt.toISOString(),
    actor_subject: entry.actor.subject,
    actor_role: entry.actor.role,
    actor_client_id: entry.actor.clientId,
    command: entry.command,
    target_id: entry.targetId,
    request_id: entry.requestId,
    trace_id: entry.traceId,
    outcome: entry.outcome,
    status: entry.status,
    code: entry.code,
    previous_hash: entry.previousHash,
    hash: entry.hash,
  };
}
