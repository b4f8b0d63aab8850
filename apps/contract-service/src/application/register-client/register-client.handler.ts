import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Clock } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import { Client, type ClientSnapshot } from '../../domain/client/client';
import { ClientRepository } from '../ports/repositories';

export interface RegisterClient {
  readonly name: string;
  readonly apContactEmail: string;
}

@Injectable()
export class RegisterClientHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clients: ClientRepository,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: RegisterClient): Promise<ClientSnapshot> {
    const now = this.clock.now();
    const client = Client.register(command, now);
    await this.dataSource.transaction((manager) => this.clients.insert(manager, client, now));
    return client.snapshot();
  }
}
