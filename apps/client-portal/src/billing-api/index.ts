import { CollectionsApi } from './collections-api';
import { ContractApi } from './contract-api';
import { InvoicingApi } from './invoicing-api';
import { MilestoneApi } from './milestone-api';
import { ServiceClient } from './service-client';

export * from './billing-api-error';
export * from './collections-api';
export * from './contract-api';
export * from './invoicing-api';
export * from './milestone-api';

export interface ServiceUrls {
  readonly contract: string;
  readonly milestone: string;
  readonly invoicing: string;
  readonly collections: string;
}

/** The four services' APIs as one caller (the signed-in client's token, or none) sees them. */
export interface BillingApis {
  readonly contracts: ContractApi;
  readonly milestones: MilestoneApi;
  readonly invoicing: InvoicingApi;
  readonly collections: CollectionsApi;
}

export function billingApisFor(urls: ServiceUrls, token: string | undefined): BillingApis {
  return {
    contracts: new ContractApi(new ServiceClient('contract service', urls.contract, token)),
    milestones: new MilestoneApi(new ServiceClient('milestone service', urls.milestone, token)),
    invoicing: new InvoicingApi(new ServiceClient('invoicing service', urls.invoicing, token)),
    collections: new CollectionsApi(new ServiceClient('collections service', urls.collections, token)),
  };
}
