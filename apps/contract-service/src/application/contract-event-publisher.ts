import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxWriter } from '@mb/messaging';
import type { Client } from '../domain/client/client';
import type { Contract } from '../domain/contract/contract';
import { contractTermsOf } from './contract-events';

/**
 * Turns what a contract recorded into catalogue events in the outbox, inside the transaction of
 * the change (ARCHITECTURE.md "Delivery": state change and event commit together or not at all).
 */
@Injectable()
export class ContractEventPublisher {
  constructor(private readonly outbox: OutboxWriter) {}

  async publishRecorded(manager: EntityManager, contract: Contract, client: Client, causationId?: string): Promise<void> {
    const snapshot = contract.snapshot();
    for (const event of contract.pullEvents()) {
      switch (event.type) {
        case 'created':
          await this.outbox.record(manager, 'contract.created', contractTermsOf(snapshot, client.snapshot()), { causationId });
          break;
        case 'activated':
          await this.outbox.record(
            manager,
            'contract.activated',
            { ...contractTermsOf(snapshot, client.snapshot()), activated_at: event.at.toISOString() },
            { causationId },
          );
          break;
        case 'terminated':
          await this.outbox.record(
            manager,
            'contract.terminated',
            { contract_id: snapshot.id, client_id: snapshot.clientId, terminated_at: event.at.toISOString(), reason: event.reason },
            { causationId },
          );
          break;
        case 'completed':
          // The catalogue has no contract.completed event yet; completion is visible through the API.
          break;
      }
    }
  }
}
