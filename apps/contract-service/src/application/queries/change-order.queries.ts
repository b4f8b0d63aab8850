import { Injectable } from '@nestjs/common';
import type { ChangeOrderSnapshot } from '../../domain/change-order/change-order';
import { ChangeOrderErrors } from '../../domain/change-order/change-order.errors';
import type { ScheduleVersion } from '../../domain/contract/schedule-version';
import { ChangeOrderRepository } from '../ports/change-order.repository';
import { ScheduleVersionRepository } from '../ports/schedule-version.repository';

/** What the APIs read of change orders and schedule versions; unknown ones are 404s. */
@Injectable()
export class ChangeOrderQueries {
  constructor(
    private readonly changeOrders: ChangeOrderRepository,
    private readonly scheduleVersions: ScheduleVersionRepository,
  ) {}

  async changeOrder(id: string): Promise<ChangeOrderSnapshot> {
    const changeOrder = await this.changeOrders.findById(id);
    if (!changeOrder) throw ChangeOrderErrors.notFound(id);
    return changeOrder.snapshot();
  }

  async changeOrdersOfContract(contractId: string): Promise<ChangeOrderSnapshot[]> {
    return (await this.changeOrders.listByContract(contractId)).map((changeOrder) => changeOrder.snapshot());
  }

  async scheduleVersionsOf(contractId: string): Promise<ScheduleVersion[]> {
    return this.scheduleVersions.listByContract(contractId);
  }

  async scheduleVersion(contractId: string, version: number): Promise<ScheduleVersion> {
    const found = await this.scheduleVersions.find(contractId, version);
    if (!found) throw ChangeOrderErrors.scheduleVersionNotFound(contractId, version);
    return found;
  }
}
