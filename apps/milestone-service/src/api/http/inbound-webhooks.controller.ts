import { applyDecorators, Controller, HttpCode, Inject, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { DomainRejection } from '@mb/kernel';
import type { Logger } from '@mb/observability';
import { PROBLEM_SCHEMA, RequestRejection, SERVICE_LOGGER, SignatureAuthenticated } from '@mb/platform';
import { SubmitLinkedMilestonesHandler } from '../../application/submit-linked-milestones/submit-linked-milestones.handler';
import { closureOfGitHubDelivery, closureOfJiraDelivery, type WorkItemClosure } from '../../domain/work-item-link/work-item-closure';
import { GitHubSignatureGuard, INBOUND_SIGNATURE_ERRORS, JiraSignatureGuard } from './inbound-signature.guard';
import { InboundDeliveryResponse, inboundDeliveryResponseOf } from './work-item-link.response';

const problem = { 'application/problem+json': { schema: { $ref: getSchemaPath(PROBLEM_SCHEMA) } } };

/** The answers every inbound webhook may give besides 200, documented once. */
function ApiInboundProblems(signatureHeader: string, secretVariable: string, missingHeaderCodes: readonly string[]): MethodDecorator {
  return applyDecorators(
    ApiResponse({
      status: 400,
      description: `A header the delivery needs is missing, or the body is not JSON. Codes: ${[...missingHeaderCodes, 'request.invalid'].map((code) => `\`${code}\``).join(', ')}.`,
      content: problem,
    }),
    ApiResponse({
      status: 401,
      description: `No \`${signatureHeader}\`, or one that is not the HMAC-SHA256 of the raw body with the configured secret: nothing changes and the refusal is logged. Codes: \`${INBOUND_SIGNATURE_ERRORS.signatureMissing}\`, \`${INBOUND_SIGNATURE_ERRORS.signatureInvalid}\`.`,
      content: problem,
    }),
    ApiResponse({ status: 409, description: 'A delivery id received before (a replay): nothing changes. Codes: `inbound.delivery_replayed`, `milestone.concurrent_update`.', content: problem }),
    ApiResponse({ status: 503, description: `The endpoint is turned off (${secretVariable}=none). Codes: \`${INBOUND_SIGNATURE_ERRORS.notConfigured}\`.`, content: problem }),
  );
}

function requiredHeader(request: FastifyRequest, name: string, code: string): string {
  const value = request.headers[name];
  if (typeof value !== 'string' || value.trim() === '') throw new RequestRejection(400, code, `the ${name} header is required`, [{ field: name, rule: 'required', message: `send the ${name} header` }]);
  return value.trim();
}

/**
 * GitHub's webhook (issue 14 item 4): an issue closed, a pull request merged or closed, submits the
 * milestones linked to it. Signed with X-Hub-Signature-256 (GitHubSignatureGuard), not a token.
 */
@Controller('v1/inbound')
@SignatureAuthenticated('X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body with MB_GITHUB_WEBHOOK_SECRET>')
@UseGuards(GitHubSignatureGuard)
export class GitHubWebhooksController {
  constructor(
    private readonly submitLinkedMilestones: SubmitLinkedMilestonesHandler,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  @Post('github')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'receiveGitHubWebhook',
    summary: 'Receive a GitHub webhook delivery',
    description:
      '`issues` closed submits the milestones linked to that issue; `pull_request` closed and merged those linked to the pull request (submit_when merged or closed), ' +
      'closed unmerged only those with submit_when closed. The evidence is the item’s html_url. `ping` and every other event or action are acknowledged and ignored. ' +
      'Each X-GitHub-Delivery is handled once: a replay is a 409. A milestone not in progress is left as it is (the link records why). Content type application/json.',
  })
  @ApiHeader({ name: 'X-Hub-Signature-256', required: true, schema: { type: 'string', maxLength: 100 }, description: 'sha256=<hex HMAC-SHA256 of the raw body, keyed with the webhook secret>.' })
  @ApiHeader({ name: 'X-GitHub-Delivery', required: true, schema: { type: 'string', maxLength: 100 }, description: 'The delivery’s id (a GUID), the same when GitHub redelivers it.' })
  @ApiHeader({ name: 'X-GitHub-Event', required: true, schema: { type: 'string', maxLength: 100 }, description: 'The event: issues, pull_request, ping, …' })
  @ApiBody({ description: 'The event payload as GitHub sends it.', schema: { type: 'object', additionalProperties: true } })
  @ApiOkResponse({ type: InboundDeliveryResponse, description: 'Handled, or acknowledged and ignored.' })
  @ApiInboundProblems('X-Hub-Signature-256', 'MB_GITHUB_WEBHOOK_SECRET', ['inbound.delivery_id_missing', 'inbound.event_missing'])
  async receive(@Req() request: FastifyRequest): Promise<InboundDeliveryResponse> {
    const deliveryId = requiredHeader(request, 'x-github-delivery', 'inbound.delivery_id_missing');
    const event = requiredHeader(request, 'x-github-event', 'inbound.event_missing');
    return handle(this.submitLinkedMilestones, this.logger, { provider: 'github', deliveryId, event }, closureOfGitHubDelivery(event, request.body));
  }
}

/**
 * Jira Cloud's webhook (issue 14 item 4): `jira:issue_updated` resolving an issue submits the
 * milestones linked to it. Signed with X-Hub-Signature (JiraSignatureGuard), not a token.
 */
@Controller('v1/inbound')
@SignatureAuthenticated('X-Hub-Signature: sha256=<hex HMAC-SHA256 of the raw body with MB_JIRA_WEBHOOK_SECRET>')
@UseGuards(JiraSignatureGuard)
export class JiraWebhooksController {
  constructor(
    private readonly submitLinkedMilestones: SubmitLinkedMilestonesHandler,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  @Post('jira')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'receiveJiraWebhook',
    summary: 'Receive a Jira webhook delivery',
    description:
      '`jira:issue_updated` that resolves an issue (a resolution set, or its status in the done category, changed in this update) submits the milestones linked to it, ' +
      'with https://<site>/browse/<key> as evidence. Every other event is acknowledged and ignored. Each X-Atlassian-Webhook-Identifier is handled once: a replay is a 409. ' +
      'Content type application/json.',
  })
  @ApiHeader({ name: 'X-Hub-Signature', required: true, schema: { type: 'string', maxLength: 100 }, description: 'sha256=<hex HMAC-SHA256 of the raw body, keyed with the webhook secret>.' })
  @ApiHeader({ name: 'X-Atlassian-Webhook-Identifier', required: true, schema: { type: 'string', maxLength: 200 }, description: 'The delivery’s id, the same across Jira’s retries.' })
  @ApiBody({ description: 'The event payload as Jira sends it.', schema: { type: 'object', additionalProperties: true } })
  @ApiOkResponse({ type: InboundDeliveryResponse, description: 'Handled, or acknowledged and ignored.' })
  @ApiInboundProblems('X-Hub-Signature', 'MB_JIRA_WEBHOOK_SECRET', ['inbound.delivery_id_missing'])
  async receive(@Req() request: FastifyRequest): Promise<InboundDeliveryResponse> {
    const deliveryId = requiredHeader(request, 'x-atlassian-webhook-identifier', 'inbound.delivery_id_missing');
    const body = request.body as { webhookEvent?: unknown } | null;
    const event = typeof body?.webhookEvent === 'string' && body.webhookEvent !== '' ? body.webhookEvent : 'unknown';
    return handle(this.submitLinkedMilestones, this.logger, { provider: 'jira', deliveryId, event }, closureOfJiraDelivery(request.body));
  }
}

async function handle(
  submitLinkedMilestones: SubmitLinkedMilestonesHandler,
  logger: Logger,
  delivery: { provider: 'github' | 'jira'; deliveryId: string; event: string },
  closure: WorkItemClosure | null,
): Promise<InboundDeliveryResponse> {
  const fields = { provider: delivery.provider, delivery_id: delivery.deliveryId, event: delivery.event };
  try {
    const outcomes = await submitLinkedMilestones.execute(delivery, closure);
    logger.info({ ...fields, work_item: closure?.workItem ?? null, closed_by: closure?.closedBy ?? null, links: outcomes }, closure ? 'inbound webhook closed a work item' : 'inbound webhook ignored');
    return inboundDeliveryResponseOf(delivery.deliveryId, delivery.event, closure !== null, outcomes);
  } catch (error) {
    // A replay (or a concurrent change) is expected traffic: its code says it all. Anything else keeps its stack.
    if (error instanceof DomainRejection) logger.warn({ ...fields, code: error.code }, 'inbound webhook refused');
    else logger.error({ ...fields, err: error }, 'inbound webhook failed');
    throw error;
  }
}
