import type { PortalRoutes } from '../portal-server';
import { upcomingPage } from '../views/pages';
import { signedInOrRedirect } from './signed-in';

/**
 * Upcoming: the invoices to expect in the next 90 days, for AP to plan.
 * Calls: GET {contract}/v1/contracts?client_id=, GET {milestone}/v1/contracts/:id/milestones.
 */
export const upcomingRoutes: PortalRoutes = (app, context) => {
  app.get('/upcoming', async (request, reply) => {
    const client = await signedInOrRedirect(context, request, reply);
    if (client === undefined) return reply;
    const apis = context.apisFor(client.token);
    const contracts = (await apis.contracts.contractsOf(client.clientId)).filter((contract) => contract.status === 'active');
    const schedules = await Promise.all(contracts.map(async (contract) => ({ title: contract.title, milestones: await apis.milestones.milestonesOf(contract.id) })));
    return context.sendPage(reply, 200, 'upcoming', { title: 'Upcoming invoices', section: '/upcoming', clientName: client.name }, upcomingPage(schedules, context.viewerOf(client)));
  });
};
