import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsIn, IsInt, Matches, Max, Min, ValidateNested } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { DUNNING_CHANNELS, DUNNING_TEMPLATES, type DunningChannel, type DunningLadder, type DunningTemplate } from '../../domain/dunning/dunning-ladder';
import type { EffectiveLadder } from '../../application/configure-ladder/configure-ladder.handler';

export class DunningStageDto {
  @ApiProperty({ pattern: '^[a-z][a-z0-9_]{0,63}$', example: 'firm_notice', description: 'A stable identifier, unique on the ladder, carried in events.' })
  @Matches(/^[a-z][a-z0-9_]{0,63}$/, { message: 'stage must be a lowercase identifier (letters, digits, _), starting with a letter, at most 64 characters' })
  stage!: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 3650, example: 15, description: "Days past the oldest chased invoice's due date at which the stage is reached; strictly rising along the ladder." })
  @IsInt()
  @Min(1)
  @Max(3650)
  day_offset!: number;

  @ApiProperty({ enum: DUNNING_TEMPLATES, example: 'firm', description: "The letter's tone." })
  @IsIn(DUNNING_TEMPLATES)
  template!: DunningTemplate;

  @ApiProperty({ enum: DUNNING_CHANNELS, example: 'email', description: 'email: the letter goes to the client\'s accounts-payable contact; none: the stage is reached quietly.' })
  @IsIn(DUNNING_CHANNELS)
  channel!: DunningChannel;

  @ApiProperty({ example: false, description: 'Reaching the stage holds the case (awaiting_decision) until a person decides (POST /v1/cases/{id}/decision).' })
  @IsBoolean()
  pauses_for_decision!: boolean;
}

export class PutDunningLadderDto {
  @ApiProperty({ type: () => [DunningStageDto], minItems: 1, maxItems: 20 })
  @ValidateNested({ each: true })
  @Type(() => DunningStageDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  stages!: DunningStageDto[];
}

export class DunningLadderResponse {
  @ApiProperty({
    enum: ['client', 'account', 'default'],
    example: 'account',
    description: "Where the ladder comes from: the client's own, the account's default, or the built-in default when none is configured.",
  })
  source!: 'client' | 'account' | 'default';

  @ApiProperty({ type: () => [DunningStageDto] })
  stages!: DunningStageDto[];

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-07-01T09:00:00.000Z' })
  updated_at!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'usr_finance_1', description: 'Who configured it; null for the built-in default.' })
  updated_by!: string | null;
}

export function ladderOf(dto: PutDunningLadderDto): DunningLadder {
  return dto.stages.map((stage) => ({
    stage: stage.stage,
    dayOffset: stage.day_offset,
    template: stage.template,
    channel: stage.channel,
    pausesForDecision: stage.pauses_for_decision,
  }));
}

export function stagesResponseOf(ladder: DunningLadder): DunningStageDto[] {
  return ladder.map((step) => ({ stage: step.stage, day_offset: step.dayOffset, template: step.template, channel: step.channel, pauses_for_decision: step.pausesForDecision }));
}

export function dunningLadderResponseOf(ladder: EffectiveLadder): DunningLadderResponse {
  return { source: ladder.source, stages: stagesResponseOf(ladder.stages), updated_at: ladder.updatedAt?.toISOString() ?? null, updated_by: ladder.updatedBy };
}
