import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { GITHUB_WORK_ITEM_KINDS, SUBMIT_WHEN, WORK_ITEM_PROVIDERS } from '../../domain/work-item-link/work-item-link';

/**
 * POST /v1/milestones/:id/work-item-links. GitHub: `repository`, `kind`, `number`; Jira: `site`,
 * `issue_key`. The combination (fields of the other provider, a submit_when the item cannot do) is
 * checked by the domain, which names the field at fault (422 work_item_link.invalid).
 */
export class LinkWorkItemDto {
  @ApiProperty({ enum: WORK_ITEM_PROVIDERS, description: 'Where the work item is tracked.', example: 'github' })
  @IsIn(WORK_ITEM_PROVIDERS)
  provider!: string;

  @ApiPropertyOptional({ description: 'GitHub only: the repository, owner/name.', maxLength: 140, example: 'acme/storefront' })
  @IsOptional()
  @IsString()
  @MaxLength(140)
  repository?: string;

  @ApiPropertyOptional({ enum: GITHUB_WORK_ITEM_KINDS, description: 'GitHub only: an issue or a pull request.', example: 'pull_request' })
  @IsOptional()
  @IsIn(GITHUB_WORK_ITEM_KINDS)
  kind?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'GitHub only: the issue or pull request number.', example: 42 })
  @IsOptional()
  @IsInt()
  @Min(1)
  number?: number;

  @ApiPropertyOptional({ description: "Jira only: the site's host name.", maxLength: 253, example: 'acme.atlassian.net' })
  @IsOptional()
  @IsString()
  @MaxLength(253)
  site?: string;

  @ApiPropertyOptional({ description: 'Jira only: the issue key.', maxLength: 300, example: 'SHOP-123' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  issue_key?: string;

  @ApiPropertyOptional({
    enum: SUBMIT_WHEN,
    description:
      'What submits the milestone: a GitHub issue `closed` (the only choice); a pull request `merged` (the default) or `closed` (merged or not); ' +
      'a Jira issue `resolved` (a resolution set, or its status in the done category; the only choice).',
    example: 'merged',
  })
  @IsOptional()
  @IsIn(SUBMIT_WHEN)
  submit_when?: string;
}
