import { Inject, Injectable } from '@nestjs/common';
import { type Clock, DomainRejection, UnitOfWork } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import { assertValidLadder, type DunningLadder, InvalidDunningLadderError } from '../../domain/dunning/dunning-ladder';
import { ACCOUNT_LADDER_SCOPE, type ConfiguredLadder, DUNNING_LADDER, DunningLadderRepository } from '../ports/dunning-ladder.port';

/** Which ladder applies, and where it comes from: a client's override, the account's default, or the built-in one. */
export interface EffectiveLadder {
  readonly source: 'client' | 'account' | 'default';
  readonly stages: DunningLadder;
  readonly updatedAt: Date | null;
  readonly updatedBy: string | null;
}

/**
 * The dunning ladder's configuration: the account default (GET/PUT /v1/dunning-ladder) and a
 * client's override (GET/PUT/DELETE /v1/clients/:clientId/dunning-ladder). A case snapshots the
 * ladder effective for its client when it opens; later changes apply to cases opened afterwards.
 */
@Injectable()
export class LadderConfiguration {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly ladders: DunningLadderRepository,
    @Inject(DUNNING_LADDER) private readonly builtIn: DunningLadder,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  /** The ladder a new case of the client runs. */
  async effectiveFor(clientId: string | null): Promise<DunningLadder> {
    return (await this.describe(clientId)).stages;
  }

  async describe(clientId: string | null): Promise<EffectiveLadder> {
    const own = clientId ? await this.ladders.find(clientId) : null;
    if (own) return { source: 'client', ...own };
    const account = await this.ladders.find(ACCOUNT_LADDER_SCOPE);
    if (account) return { source: 'account', ...account };
    return { source: 'default', stages: this.builtIn, updatedAt: null, updatedBy: null };
  }

  async put(clientId: string | null, stages: DunningLadder, by: string): Promise<EffectiveLadder> {
    try {
      assertValidLadder(stages);
    } catch (error) {
      if (error instanceof InvalidDunningLadderError) throw new DomainRejection('invalid', 'dunning_ladder.invalid', error.message, error.field);
      throw error;
    }
    const configured: ConfiguredLadder = { stages, updatedAt: this.clock.now(), updatedBy: by };
    await this.unitOfWork.run(() => this.ladders.put(clientId ?? ACCOUNT_LADDER_SCOPE, configured));
    return { source: clientId ? 'client' : 'account', ...configured };
  }

  /** Removes the client's override: its new cases follow the account's ladder again. */
  async removeOverride(clientId: string): Promise<void> {
    const removed = await this.unitOfWork.run(() => this.ladders.remove(clientId));
    if (!removed) throw new DomainRejection('not_found', 'dunning_ladder.not_found', `client ${clientId} has no dunning ladder of its own`);
  }
}
