import { Injectable } from '@nestjs/common';
import type { DisputeSnapshot, DisputeStatus } from '../../domain/dispute/dispute';
import { DisputeErrors } from '../../domain/dispute/dispute.errors';
import { DisputeRepository } from '../ports/dispute.repository';

/** What the APIs read: disputes as their snapshots; an unknown dispute is `dispute.not_found`. */
@Injectable()
export class DisputeQueries {
  constructor(private readonly disputes: DisputeRepository) {}

  async byId(disputeId: string): Promise<DisputeSnapshot> {
    const found = await this.disputes.findById(disputeId);
    if (!found) throw DisputeErrors.notFound(disputeId);
    return found.snapshot();
  }

  /** Newest first. */
  async list(filter: { clientId?: string; status?: DisputeStatus }): Promise<DisputeSnapshot[]> {
    return (await this.disputes.list(filter)).map((dispute) => dispute.snapshot());
  }
}
