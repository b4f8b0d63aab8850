import type { PortalRoutes } from '../portal-server';
import { collectionsPage, paymentPlanView } from '../views/pages';
import { bannerOf, signedInOrRedirect } from './signed-in';

/**
 * Collections: the client's open cases, their stage, payment plans with instalments and what is
 * paid; a proposed plan is accepted behind a confirmation.
 * Calls: GET {collections}/v1/cases?client_id=, GET {collections}/v1/cases/:id/payment-plans,
 * GET {collections}/v1/payment-plans/:id, POST {collections}/v1/payment-plans/:id/accept.
 */
export const collectionsRoutes: PortalRoutes = (app, context) => {
  app.get('/collections', async (request, reply) => {
    const client = await signedInOrRedirect(context, request, reply);
    if (client === undefined) return reply;
    const apis = context.apisFor(client.token);
    const cases = (await apis.collections.casesOf(client.clientId)).filter((collectionsCase) => collectionsCase.status !== 'closed');
    const withPlans = await Promise.all(cases.map(async (collectionsCase) => ({ collectionsCase, plans: await apis.collections.paymentPlansOf(collectionsCase.id) })));
    return context.sendPage(
      reply,
      200,
      'collections',
      { title: 'Collections', section: '/collections', clientName: client.name, banner: bannerOf(request) },
      collectionsPage(withPlans, context.viewerOf(client)),
    );
  });

  app.get<{ Params: { id: string } }>('/collections/plans/:id/accept', async (request, reply) => {
    const client = await signedInOrRedirect(context, request, reply);
    if (client === undefined) return reply;
    const plan = await context.apisFor(client.token).collections.paymentPlan(request.params.id);
    if (plan.status !== 'proposed') {
      return context.sendPage(reply, 409, 'error', { title: 'Nothing to accept', section: '/collections', clientName: client.name }, {
        message: 'This payment plan is not a proposal waiting for you: it was already accepted or has ended.',
        retryPath: '/collections',
        retryLabel: 'Back to collections',
      });
    }
    return context.sendPage(reply, 200, 'plan-confirm', { title: 'Accept this payment plan?', section: '/collections', clientName: client.name }, {
      plan: paymentPlanView(plan, context.viewerOf(client)),
      idempotencyKey: context.newFormKey(),
    });
  });

  app.post<{ Params: { id: string } }>('/collections/plans/:id/accept', async (request, reply) => {
    const client = await signedInOrRedirect(context, request, reply);
    if (client === undefined) return reply;
    const key = context.formKeyOf(request.body);
    if (key === undefined) return reply.redirect(`/collections/plans/${encodeURIComponent(request.params.id)}/accept`, 303);
    await context.apisFor(client.token).collections.acceptPaymentPlan(request.params.id, key);
    return reply.redirect('/collections?done=plan_accepted', 303);
  });
};
