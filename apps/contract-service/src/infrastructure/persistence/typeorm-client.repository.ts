import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Client } from '../../../domain/client/client';
import { ClientRepository } from '../../../application/ports/repositories';

interface ClientRow {
  id: string;
  name: string;
  ap_contact_email: string;
  created_at: Date;
  version: number;
}

@Injectable()
export class SqlClientRepository extends ClientRepository {
  async insert(manager: EntityManager, client: Client, now: Date): Promise<void> {
    const snapshot = client.snapshot();
    await manager.query(
      `INSERT INTO contract.clients (id, name, ap_contact_email, created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, 1)`,
      [snapshot.id, snapshot.name, snapshot.apContactEmail, snapshot.createdAt, now],
    );
  }

  async findById(manager: EntityManager, id: string): Promise<Client | null> {
    const rows: ClientRow[] = await manager.query(`SELECT id, name, ap_contact_email, created_at, version FROM contract.clients WHERE id = $1`, [id]);
    const row = rows[0];
    if (!row) return null;
    return Client.restore({ id: row.id, name: row.name, apContactEmail: row.ap_contact_email, createdAt: new Date(row.created_at), version: row.version });
  }
}
