import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { MilestoneQueries } from '../../application/queries/milestone.queries';
import { MilestoneCommand, ProgressMilestoneHandler } from '../../application/progress-milestone/progress-milestone.handler';
import { CancelMilestoneDto, RejectMilestoneDto, SubmitMilestoneDto } from './milestone.dto';
import { MilestoneResponse, milestoneResponseOf } from './milestone.response';

/** The milestone lifecycle over HTTP; an illegal transition is a 409 milestone.illegal_transition. */
@Controller('v1')
export class MilestonesController {
  constructor(
    private readonly queries: MilestoneQueries,
    private readonly progress: ProgressMilestoneHandler,
  ) {}

  @Get('contracts/:contractId/milestones')
  async listByContract(@Param('contractId') contractId: string): Promise<{ data: MilestoneResponse[] }> {
    return { data: (await this.queries.byContract(contractId)).map(milestoneResponseOf) };
  }

  @Get('milestones/:id')
  async get(@Param('id') id: string): Promise<MilestoneResponse> {
    return milestoneResponseOf(await this.queries.byId(id));
  }

  @Post('milestones/:id/start')
  @HttpCode(200)
  async start(@Param('id') id: string): Promise<MilestoneResponse> {
    return this.run(id, { intent: 'start' });
  }

  @Post('milestones/:id/submit')
  @HttpCode(200)
  async submit(@Param('id') id: string, @Body() body: SubmitMilestoneDto): Promise<MilestoneResponse> {
    return this.run(id, { intent: 'submit', evidenceUrl: body.evidence_url });
  }

  @Post('milestones/:id/approve')
  @HttpCode(200)
  async approve(@Param('id') id: string): Promise<MilestoneResponse> {
    return this.run(id, { intent: 'approve' });
  }

  @Post('milestones/:id/reject')
  @HttpCode(200)
  async reject(@Param('id') id: string, @Body() body: RejectMilestoneDto): Promise<MilestoneResponse> {
    return this.run(id, { intent: 'reject', reason: body.reason });
  }

  @Post('milestones/:id/cancel')
  @HttpCode(200)
  async cancel(@Param('id') id: string, @Body() body: CancelMilestoneDto): Promise<MilestoneResponse> {
    return this.run(id, { intent: 'cancel', reason: body.reason });
  }

  private async run(id: string, command: MilestoneCommand): Promise<MilestoneResponse> {
    return milestoneResponseOf(await this.progress.execute(id, command));
  }
}
