import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import { Milestone, MilestoneState, milestoneNotFound } from '../../domain/milestone';
import { MilestoneStore } from '../milestone-store';
import { MilestoneRepository } from '../ports/milestone.repository';

/** What a person (project manager or client) asks of a milestone through the API. */
export type MilestoneCommand =
  | { readonly intent: 'start' }
  | { readonly intent: 'submit'; readonly evidenceUrl: string }
  | { readonly intent: 'approve' }
  | { readonly intent: 'reject'; readonly reason: string }
  | { readonly intent: 'cancel'; readonly reason: string };

/**
 * Moves a milestone along its lifecycle: load, ask the aggregate, save with its events in one
 * transaction. A concurrent change to the same milestone is refused (optimistic concurrency).
 */
@Injectable()
export class ProgressMilestoneHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly milestones: MilestoneRepository,
    private readonly store: MilestoneStore,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(milestoneId: string, command: MilestoneCommand): Promise<MilestoneState> {
    return this.dataSource.transaction(async (manager) => {
      const milestone = await this.milestones.findById(manager, milestoneId);
      if (!milestone) throw milestoneNotFound(milestoneId);
      apply(milestone, command, this.clock.now());
      await this.store.save(manager, milestone);
      return milestone.snapshot;
    });
  }
}

function apply(milestone: Milestone, command: MilestoneCommand, at: Date): void {
  switch (command.intent) {
    case 'start':
      return milestone.start(at);
    case 'submit':
      return milestone.submit(command.evidenceUrl, at);
    case 'approve':
      return milestone.approve(at);
    case 'reject':
      return milestone.reject(command.reason, at);
    case 'cancel':
      return milestone.cancel(command.reason, at);
  }
}
