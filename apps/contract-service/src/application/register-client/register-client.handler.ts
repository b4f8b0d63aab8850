import { Inject, Injectable } from '@nestjs/common';
import { type Clock, UnitOfWork } from '@mb/kernel';
import { SERVICE_CLOCK, SERVICE_CONFIG } from '@mb/platform';
import type { ContractServiceConfig } from '../../config';
import { Client, type ClientAddress, type ClientSnapshot } from '../../domain/client/client';
import { ClientRepository } from '../ports/client.repository';

export interface RegisterClient {
  readonly name: string;
  readonly apContactEmail: string;
  /** The client's IANA time zone; the service's DEFAULT_CLIENT_TIME_ZONE when not given. */
  readonly approverEmail?: string | null;
  readonly timeZone?: string;
  readonly billingAddress?: ClientAddress | null;
  readonly vatId?: string | null;
  readonly peppolId?: string | null;
  /** The language its emails are written in (en, de); English when not given. */
  readonly language?: string | null;
}

/** Registers a client; the catalogue has no client event, contracts carry who the client is. */
@Injectable()
export class RegisterClientHandler {
  private readonly defaultTimeZone: string;

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clients: ClientRepository,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) config: Pick<ContractServiceConfig, 'DEFAULT_CLIENT_TIME_ZONE'>,
  ) {
    this.defaultTimeZone = config.DEFAULT_CLIENT_TIME_ZONE;
  }

  async execute(command: RegisterClient): Promise<ClientSnapshot> {
    const now = this.clock.now();
    const client = Client.register({ ...command, timeZone: command.timeZone ?? this.defaultTimeZone }, now);
    await this.unitOfWork.run(() => this.clients.add(client, now));
    return client.snapshot();
  }
}
