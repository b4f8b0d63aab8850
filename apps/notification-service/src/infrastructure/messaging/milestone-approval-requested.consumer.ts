import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@mb/events';
import type { EventHandler } from '@mb/messaging';
import { PlanNotificationsHandler } from '../../application/plan-notifications/plan-notifications.handler';

/**
 * milestone.approval_requested (a request or a reminder) is emailed to the client's approver, or
 * its AP contact when it named none (parked until a contract event names them), and fanned out to
 * its webhook subscribers.
 */
@Injectable()
export class MilestoneApprovalRequestedConsumer implements EventHandler<'milestone.approval_requested'> {
  static readonly event = 'milestone.approval_requested';
  readonly event = MilestoneApprovalRequestedConsumer.event;

  constructor(private readonly planNotifications: PlanNotificationsHandler) {}

  async handle(envelope: EventEnvelope<'milestone.approval_requested'>): Promise<void> {
    await this.planNotifications.execute(envelope);
  }
}
