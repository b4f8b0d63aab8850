import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@mb/events';
import { OffsetClock } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import { PlanNotificationsHandler } from '../plan-notifications/plan-notifications.handler';
import { RecipientDirectory } from '../ports/recipient-directory';

/**
 * Learns who a contract's client is and where its AP contact reads mail (contract.created,
 * contract.activated), then sends the notices that were waiting for it.
 */
@Injectable()
export class RecordRecipientsHandler {
  constructor(
    private readonly directory: RecipientDirectory,
    private readonly planNotifications: PlanNotificationsHandler,
    @Inject(SERVICE_CLOCK) private readonly clock: OffsetClock,
  ) {}

  async execute(manager: EntityManager, envelope: EventEnvelope<'contract.created'> | EventEnvelope<'contract.activated'>): Promise<void> {
    const { data } = envelope;
    const now = this.clock.now();
    await this.directory.lockClient(manager, data.client_id);
    await this.directory.rememberClient(manager, { clientId: data.client_id, clientName: data.client_name ?? null, apEmail: data.client_ap_email ?? null }, now);
    await this.directory.rememberContract(manager, { contractId: data.contract_id, clientId: data.client_id, title: data.title }, now);
    await this.planNotifications.releaseParked(manager, data.client_id);
  }
}
