import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AccessPolicy, ApiIdempotencyKey, ApiIdParam, ApiProblems, type Caller, CurrentCaller, READERS_AND_CLIENT, visibleTo } from '@mb/platform';
import { LinkWorkItemHandler } from '../../application/link-work-item/link-work-item.handler';
import { MilestoneQueries } from '../../application/queries/milestone.queries';
import { milestoneNotFound } from '../../domain/milestone/milestone.errors';
import { UnlinkWorkItemHandler } from '../../application/unlink-work-item/unlink-work-item.handler';
import { LinkWorkItemDto } from './work-item-link.dto';
import { WorkItemLinkListResponse, WorkItemLinkResponse, workItemLinkResponseOf } from './work-item-link.response';

/** A milestone's links to GitHub and Jira work items (issue 14 item 4); the webhooks that fire them: InboundWebhooksController. */
@Controller('v1')
@AccessPolicy<WorkItemLinksController>({
  // The supplier's people who plan the work link it; the staff readers may read, and so may the
  // client whose milestone it is: the linked pull request or issue is evidence it approves on.
  link: ['admin', 'project_manager'],
  list: READERS_AND_CLIENT,
  unlink: ['admin', 'project_manager'],
})
export class WorkItemLinksController {
  constructor(
    private readonly queries: MilestoneQueries,
    private readonly linkWorkItem: LinkWorkItemHandler,
    private readonly unlinkWorkItem: UnlinkWorkItemHandler,
  ) {}

  @Post('milestones/:id/work-item-links')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'linkWorkItem',
    summary: 'Link a milestone to a GitHub issue or pull request, or a Jira issue',
    description:
      'When the work item is closed, merged or resolved (`submit_when`), a signed webhook from GitHub or Jira submits the milestone with the item’s URL as evidence ' +
      '(POST /v1/inbound/github, /v1/inbound/jira). Never approves it. One link per milestone and work item.',
  })
  @ApiIdParam('id', 'ms', 'The milestone')
  @ApiCreatedResponse({ type: WorkItemLinkResponse, description: 'The link.' })
  @ApiProblems({ 400: ['request.invalid'], 404: ['milestone.not_found'], 409: ['work_item_link.duplicate'], 422: ['work_item_link.invalid'] })
  @ApiIdempotencyKey()
  async link(@Param('id') id: string, @Body() body: LinkWorkItemDto, @CurrentCaller() caller: Caller): Promise<WorkItemLinkResponse> {
    const request = { provider: body.provider, repository: body.repository, kind: body.kind, number: body.number, site: body.site, issueKey: body.issue_key, submitWhen: body.submit_when };
    return workItemLinkResponseOf(await this.linkWorkItem.execute({ milestoneId: id, request, linkedBy: caller.subject }));
  }

  @Get('milestones/:id/work-item-links')
  @ApiOperation({
    operationId: 'listWorkItemLinks',
    summary: "List a milestone's work-item links",
    description: "With what each did the last time its item closed. A client sees its own milestones' links (the client portal shows them as evidence); another client's milestone is a 404.",
  })
  @ApiIdParam('id', 'ms', 'The milestone')
  @ApiOkResponse({ type: WorkItemLinkListResponse, description: 'The links, oldest first.' })
  @ApiProblems({ 404: ['milestone.not_found'] })
  async list(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<WorkItemLinkListResponse> {
    visibleTo(caller, await this.queries.byId(id), () => milestoneNotFound(id));
    return { data: (await this.queries.workItemLinksOf(id)).map(workItemLinkResponseOf) };
  }

  @Delete('work-item-links/:id')
  @ApiOperation({ operationId: 'unlinkWorkItem', summary: 'Remove a work-item link', description: 'The work item closing no longer submits the milestone. A submission it made stays.' })
  @ApiIdParam('id', 'wil', 'The link')
  @ApiOkResponse({ type: WorkItemLinkResponse, description: 'The link as it was removed.' })
  @ApiProblems({ 404: ['work_item_link.not_found'] })
  async unlink(@Param('id') id: string): Promise<WorkItemLinkResponse> {
    return workItemLinkResponseOf(await this.unlinkWorkItem.execute(id));
  }
}
