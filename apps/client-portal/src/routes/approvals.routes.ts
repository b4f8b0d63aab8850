import { BillingApiError, type Milestone, type WorkItemLink } from '../billing-api';
import type { PortalRoutes } from '../portal-server';
import { formatAmount } from '../views/money';
import { approvalsPage } from '../views/pages';
import { bannerOf, signedInOrRedirect } from './signed-in';

const REASON_MAX_LENGTH = 2000;

/**
 * Awaiting approval: each submitted milestone, approved behind a confirmation or rejected with a
 * required reason. Each form carries its own Idempotency-Key (made when the form is shown), so a
 * double click or a resubmitted form is one approval at milestone-service.
 * Calls: GET {contract}/v1/contracts?client_id=, GET {milestone}/v1/contracts/:id/milestones,
 * GET {milestone}/v1/milestones/:id, GET {milestone}/v1/milestones/:id/work-item-links,
 * POST {milestone}/v1/milestones/:id/approve, POST {milestone}/v1/milestones/:id/reject.
 */
export const approvalsRoutes: PortalRoutes = (app, context) => {
  app.get('/approvals', async (request, reply) => {
    const client = await signedInOrRedirect(context, request, reply);
    if (client === undefined) return reply;
    const apis = context.apisFor(client.token);
    const contracts = (await apis.contracts.contractsOf(client.clientId)).filter((contract) => contract.status === 'active');
    const submitted = (
      await Promise.all(
        contracts.map(async (contract) =>
          (await apis.milestones.milestonesOf(contract.id)).filter((milestone) => milestone.status === 'submitted').map((milestone) => ({ milestone, contractTitle: contract.title })),
        ),
      )
    ).flat();
    const awaiting = await Promise.all(
      submitted.map(async ({ milestone, contractTitle }) => ({
        milestone,
        contractTitle,
        links: await apis.milestones.workItemLinksOf(milestone.id).catch((error: unknown): WorkItemLink[] | undefined => {
          // The links are supporting evidence: the page still serves its purpose without them.
          request.log.warn({ err: error, milestoneId: milestone.id }, 'work-item links could not be read');
          return undefined;
        }),
      })),
    );
    return context.sendPage(
      reply,
      200,
      'approvals',
      { title: 'Awaiting approval', section: '/approvals', clientName: client.name, banner: bannerOf(request) },
      approvalsPage(awaiting, context.viewerOf(client)),
    );
  });

  /** The milestone, if it is this client's and still awaiting approval; otherwise the page says why. */
  const submittedMilestone = async (token: string, id: string): Promise<Milestone | undefined> => {
    const milestone = await context.apisFor(token).milestones.milestone(id);
    return milestone.status === 'submitted' ? milestone : undefined;
  };

  const notAwaiting = (reply: Parameters<typeof context.sendPage>[0], clientName: string) =>
    context.sendPage(reply, 409, 'error', { title: 'Nothing to approve', section: '/approvals', clientName }, {
      message: 'This milestone is no longer awaiting your approval: it was approved, rejected or its approval window closed.',
      retryPath: '/approvals',
      retryLabel: 'Back to the milestones awaiting approval',
    });

  app.get<{ Params: { id: string } }>('/approvals/:id/approve', async (request, reply) => {
    const client = await signedInOrRedirect(context, request, reply);
    if (client === undefined) return reply;
    const milestone = await submittedMilestone(client.token, request.params.id);
    if (milestone === undefined) return notAwaiting(reply, client.name);
    return context.sendPage(reply, 200, 'approve-confirm', { title: `Approve “${milestone.title}”?`, section: '/approvals', clientName: client.name }, {
      milestone,
      amount: formatAmount(milestone.amount_cents, milestone.currency, client.language),
      idempotencyKey: context.newFormKey(),
    });
  });

  app.post<{ Params: { id: string } }>('/approvals/:id/approve', async (request, reply) => {
    const client = await signedInOrRedirect(context, request, reply);
    if (client === undefined) return reply;
    const key = context.formKeyOf(request.body);
    if (key === undefined) return reply.redirect(`/approvals/${encodeURIComponent(request.params.id)}/approve`, 303);
    await context.apisFor(client.token).milestones.approve(request.params.id, key);
    return reply.redirect('/approvals?done=approved', 303);
  });

  const rejectForm = (reply: Parameters<typeof context.sendPage>[0], status: number, clientName: string, milestone: Milestone, form: { reason: string; idempotencyKey: string; error?: string }) =>
    context.sendPage(reply, status, 'reject-form', { title: `Reject “${milestone.title}”`, section: '/approvals', clientName }, { milestone, ...form, reasonMaxLength: REASON_MAX_LENGTH });

  app.get<{ Params: { id: string } }>('/approvals/:id/reject', async (request, reply) => {
    const client = await signedInOrRedirect(context, request, reply);
    if (client === undefined) return reply;
    const milestone = await submittedMilestone(client.token, request.params.id);
    if (milestone === undefined) return notAwaiting(reply, client.name);
    return rejectForm(reply, 200, client.name, milestone, { reason: '', idempotencyKey: context.newFormKey() });
  });

  app.post<{ Params: { id: string } }>('/approvals/:id/reject', async (request, reply) => {
    const client = await signedInOrRedirect(context, request, reply);
    if (client === undefined) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const reason = String(body.reason ?? '').trim();
    const key = context.formKeyOf(body) ?? context.newFormKey();
    if (reason.length === 0 || reason.length > REASON_MAX_LENGTH) {
      // Nothing is sent: the form comes back with the field named, and what was typed kept.
      const milestone = await context.apisFor(client.token).milestones.milestone(request.params.id);
      const error = reason.length === 0 ? 'Reason: say why you reject the milestone, so the supplier knows what to rework.' : `Reason: at most ${REASON_MAX_LENGTH} characters.`;
      return rejectForm(reply, 400, client.name, milestone, { reason, idempotencyKey: key, error });
    }
    try {
      await context.apisFor(client.token).milestones.reject(request.params.id, reason, key);
    } catch (error) {
      if (error instanceof BillingApiError && (error.status === 400 || error.status === 422) && error.problem.errors?.some((fault) => fault.field === 'reason')) {
        const milestone = await context.apisFor(client.token).milestones.milestone(request.params.id);
        const message = error.problem.errors.find((fault) => fault.field === 'reason')?.message ?? error.problem.title;
        return rejectForm(reply, error.status, client.name, milestone, { reason, idempotencyKey: context.newFormKey(), error: `Reason: ${message}` });
      }
      throw error;
    }
    return reply.redirect('/approvals?done=rejected', 303);
  });
};
