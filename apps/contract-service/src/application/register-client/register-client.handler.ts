import { Inject, Injectable } from '@nestjs/common';
import { type Clock, UnitOfWork } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import { Client, type ClientSnapshot } from '../../domain/client/client';
import { ClientRepository } from '../ports/client.repository';

export interface RegisterClient {
  readonly name: string;
  readonly apContactEmail: string;
}

/** Registers a client; the catalogue has no client event, contracts carry who the client is. */
@Injectable()
export class RegisterClientHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clients: ClientRepository,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: RegisterClient): Promise<ClientSnapshot> {
    const now = this.clock.now();
    const client = Client.register(command, now);
    await this.unitOfWork.run(() => this.clients.add(client, now));
    return client.snapshot();
  }
}
