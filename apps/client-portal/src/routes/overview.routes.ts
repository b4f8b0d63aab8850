import { BillingApiError, type FinancialStatus } from '../billing-api';
import type { PortalRoutes } from '../portal-server';
import { overviewPage } from '../views/pages';
import { bannerOf, signedInOrRedirect } from './signed-in';

/**
 * Overview: per contract, its schedule and what is billed, paid, outstanding and retained.
 * Calls: GET {contract}/v1/contracts?client_id=, GET {milestone}/v1/contracts/:id/milestones,
 * GET {invoicing}/v1/contracts/:id/financial-status.
 */
export const overviewRoutes: PortalRoutes = (app, context) => {
  app.get('/', async (request, reply) => {
    const client = await signedInOrRedirect(context, request, reply);
    if (client === undefined) return reply;
    const apis = context.apisFor(client.token);
    const contracts = (await apis.contracts.contractsOf(client.clientId)).filter((contract) => contract.status !== 'draft');
    const schedules = await Promise.all(
      contracts.map(async (contract) => {
        const [milestones, financialStatus] = await Promise.all([
          apis.milestones.milestonesOf(contract.id),
          apis.invoicing.financialStatus(contract.id).catch((error: unknown): FinancialStatus | undefined => {
            // invoicing learns of a contract from its events: just after activation it may not yet know it.
            if (error instanceof BillingApiError && error.status === 404) return undefined;
            throw error;
          }),
        ]);
        return { contract, milestones, financialStatus };
      }),
    );
    return context.sendPage(reply, 200, 'overview', { title: 'Overview', section: '/', clientName: client.name, banner: bannerOf(request) }, overviewPage(schedules, context.viewerOf(client)));
  });
};
