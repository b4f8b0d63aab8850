import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AnyEventEnvelope } from '@mb/events';
import { KnownClient, KnownContract, RecipientDirectory } from '../../application/ports/recipient-directory';

@Injectable()
export class PgRecipientDirectory implements RecipientDirectory {
  async lockClient(manager: EntityManager, clientId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('notification.client'), hashtext($1))`, [clientId]);
  }

  async rememberClient(manager: EntityManager, client: KnownClient, at: Date): Promise<void> {
    await manager.query(
      `INSERT INTO notification.clients (client_id, client_name, ap_email, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (client_id) DO UPDATE SET
         client_name = COALESCE(EXCLUDED.client_name, notification.clients.client_name),
         ap_email = COALESCE(EXCLUDED.ap_email, notification.clients.ap_email),
         updated_at = EXCLUDED.updated_at`,
      [client.clientId, client.clientName, client.apEmail, at],
    );
  }

  async rememberContract(manager: EntityManager, contract: KnownContract, at: Date): Promise<void> {
    await manager.query(
      `INSERT INTO notification.contracts (contract_id, client_id, title, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (contract_id) DO UPDATE SET client_id = EXCLUDED.client_id, title = EXCLUDED.title, updated_at = EXCLUDED.updated_at`,
      [contract.contractId, contract.clientId, contract.title, at],
    );
  }

  async client(manager: EntityManager, clientId: string): Promise<KnownClient | undefined> {
    const rows: { client_id: string; client_name: string | null; ap_email: string | null }[] = await manager.query(
      `SELECT client_id, client_name, ap_email FROM notification.clients WHERE client_id = $1`,
      [clientId],
    );
    return rows[0] ? { clientId: rows[0].client_id, clientName: rows[0].client_name, apEmail: rows[0].ap_email } : undefined;
  }

  async contract(manager: EntityManager, contractId: string): Promise<KnownContract | undefined> {
    const rows: { contract_id: string; client_id: string; title: string }[] = await manager.query(
      `SELECT contract_id, client_id, title FROM notification.contracts WHERE contract_id = $1`,
      [contractId],
    );
    return rows[0] ? { contractId: rows[0].contract_id, clientId: rows[0].client_id, title: rows[0].title } : undefined;
  }

  async park(manager: EntityManager, clientId: string, envelope: AnyEventEnvelope, at: Date): Promise<void> {
    await manager.query(
      `INSERT INTO notification.parked_notices (event_id, client_id, envelope, parked_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [envelope.id, clientId, JSON.stringify(envelope), at],
    );
  }

  async parkedFor(manager: EntityManager, clientId: string): Promise<AnyEventEnvelope[]> {
    const rows: { envelope: AnyEventEnvelope }[] = await manager.query(
      `SELECT envelope FROM notification.parked_notices WHERE client_id = $1 ORDER BY parked_at, event_id FOR UPDATE`,
      [clientId],
    );
    return rows.map((row) => row.envelope);
  }

  async unpark(manager: EntityManager, eventId: string): Promise<void> {
    await manager.query(`DELETE FROM notification.parked_notices WHERE event_id = $1`, [eventId]);
  }
}
