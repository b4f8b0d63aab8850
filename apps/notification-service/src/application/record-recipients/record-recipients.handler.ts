import { Inject, Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@mb/events';
import { type Clock, UnitOfWork } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import { PlanNotificationsHandler } from '../plan-notifications/plan-notifications.handler';
import { RecipientDirectory } from '../ports/recipient-directory.repository';

/**
 * Learns who a contract's client is and where its AP contact and approver read mail (contract.created,
 * contract.activated), then sends the notices that were waiting for it.
 */
@Injectable()
export class RecordRecipientsHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly directory: RecipientDirectory,
    private readonly planNotifications: PlanNotificationsHandler,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(envelope: EventEnvelope<'contract.created'> | EventEnvelope<'contract.activated'>): Promise<void> {
    const { data } = envelope;
    await this.unitOfWork.run(async () => {
      const now = this.clock.now();
      await this.directory.lockClient(data.client_id);
      await this.directory.rememberClient(
        {
          clientId: data.client_id,
          clientName: data.client_name ?? null,
          apEmail: data.client_ap_email ?? null,
          approverEmail: data.client_approver_email ?? null,
          language: data.client_language ?? null,
        },
        now,
      );
      await this.directory.rememberContract({ contractId: data.contract_id, clientId: data.client_id, title: data.title }, now);
      await this.planNotifications.releaseParked(data.client_id);
    });
  }
}
