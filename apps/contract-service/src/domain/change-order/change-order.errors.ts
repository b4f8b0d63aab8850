import { DomainRejection } from '@mb/kernel';

export const ChangeOrderErrors = {
  notFound: (id: string) => new DomainRejection('not_found', 'change_order.not_found', `there is no change order ${id}`),
  /** One open change order per contract: a second would be built on a schedule the first may change. */
  alreadyOpen: (contractId: string, openId: string | null) =>
    new DomainRejection(
      'conflict',
      'change_order.already_open',
      `contract ${contractId} already has a change order waiting for the client${openId ? ` (${openId})` : ''}; it must be approved, rejected or expire first`,
    ),
  scheduleVersionNotFound: (contractId: string, version: number) =>
    new DomainRejection('not_found', 'contract.schedule_version_not_found', `contract ${contractId} has no schedule version ${version}`),
};
