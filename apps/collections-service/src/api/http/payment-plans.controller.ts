import { Body, Controller, Get, HttpCode, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import { AccessPolicy, ApiIdempotencyKey, ApiIdParam, ApiProblems, type Caller, CurrentCaller, onlyVisibleTo, READERS_AND_CLIENT, visibleTo } from '@mb/platform';
import { AcceptPaymentPlanHandler } from '../../application/accept-payment-plan/accept-payment-plan.handler';
import { AgreePaymentPlanHandler } from '../../application/agree-payment-plan/agree-payment-plan.handler';
import { ProposePaymentPlanHandler } from '../../application/propose-payment-plan/propose-payment-plan.handler';
import { PaymentPlanQueries } from '../../application/queries/payment-plan.queries';
import { PaymentPlanErrors } from '../../domain/payment-plan/payment-plan.errors';
import { AgreePaymentPlanDto, paymentPlanTermsOf } from './agree-payment-plan.dto';
import { PaymentPlanListResponse, PaymentPlanResponse, paymentPlanResponseOf } from './payment-plan.response';

@Controller('v1')
// Agreeing a plan is finance's decision with the client; reading, as cases are read (a client sees its own).
// Accepting a proposal is the client's (its AP clerk in the portal), or staff's on its behalf.
@AccessPolicy<PaymentPlansController>({
  agree: ['admin', 'finance'],
  accept: ['admin', 'finance', 'client'],
  listOfCase: READERS_AND_CLIENT,
  get: READERS_AND_CLIENT,
  schedulePdf: READERS_AND_CLIENT,
})
export class PaymentPlansController {
  constructor(
    private readonly agreePaymentPlan: AgreePaymentPlanHandler,
    private readonly proposePaymentPlan: ProposePaymentPlanHandler,
    private readonly acceptPaymentPlan: AcceptPaymentPlanHandler,
    private readonly queries: PaymentPlanQueries,
  ) {}

  @Post('cases/:id/payment-plans')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'agreePaymentPlan',
    summary: "Agree (or propose) a payment plan for an open case's overdue balance in one currency",
    description:
      "The plan covers what is owed on the case's invoices in `currency`: an optional down payment, then 2 to 36 instalments, given as " +
      '`dates` (with `amounts_cents` adding up exactly, or split equally) or as `count`, `first_due_date` and `cadence`. Equal splits are ' +
      'exact to the minor unit (largest remainder: the earlier instalments take the leftover units). Publishes ' +
      '`collections.payment_plan_agreed` (the client AP contact is emailed the schedule as a PDF); dunning holds while the plan is kept. ' +
      'Payments to the covered invoices pay the instalments in date order; the client is reminded `reminder_days_before` each due date; ' +
      'an instalment unpaid `grace_days` after its due date breaks the plan (`collections.payment_plan_broken`). ' +
      'With `"proposed": true` the plan is only proposed (status `proposed`): dunning is not held, no reminders are set and no schedule is sent; ' +
      '`collections.payment_plan_proposed` is published, and an earlier proposal of the case still waiting becomes `superseded`. ' +
      'The client accepts it with `POST /v1/payment-plans/{id}/accept`.',
  })
  @ApiIdParam('id', 'case', 'The case')
  @ApiCreatedResponse({ type: PaymentPlanResponse, description: 'The plan, agreed (or proposed), with its schedule.' })
  @ApiProblems({
    400: ['request.invalid'],
    404: ['case.not_found'],
    409: ['case.not_open', 'payment_plan.no_balance', 'payment_plan.already_active', 'payment_plan.concurrent_update'],
    422: [
      'payment_plan.schedule_required',
      'payment_plan.instalment_count',
      'payment_plan.dates_not_increasing',
      'payment_plan.date_in_past',
      'payment_plan.down_payment_too_large',
      'payment_plan.down_payment_after_instalments',
      'payment_plan.amounts_count',
      'payment_plan.amounts_mismatch',
      'payment_plan.instalment_too_small',
      'payment_plan.unknown_time_zone',
    ],
  })
  @ApiIdempotencyKey({ required: true })
  async agree(@Param('id') caseId: string, @Body() body: AgreePaymentPlanDto, @CurrentCaller() caller: Caller): Promise<PaymentPlanResponse> {
    const terms = paymentPlanTermsOf(caseId, body);
    const plan = body.proposed
      ? await this.proposePaymentPlan.execute({ ...terms, proposedBy: caller.subject })
      : await this.agreePaymentPlan.execute({ ...terms, agreedBy: caller.subject });
    return paymentPlanResponseOf(plan);
  }

  @Post('payment-plans/:id/accept')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'acceptPaymentPlan',
    summary: 'Accept a proposed payment plan',
    description:
      'The client accepts a plan proposed to it (a client sees and accepts only its own; finance or an admin may accept on its behalf). ' +
      'It becomes `agreed` with the due dates as proposed, exactly as a plan agreed by finance: dunning holds, `collections.payment_plan_agreed` is published ' +
      '(the client AP contact is emailed the schedule PDF) and the instalment reminders and deadlines are set. Refused once its first payment is past due ' +
      "in the client's time zone (`payment_plan.proposal_expired`: ask for a new proposal), when it is not a proposal (`payment_plan.not_proposed`: agreed, " +
      'superseded, completed or broken), when the case has closed, or when what the case owes in the currency changed since it was proposed.',
  })
  @ApiIdParam('id', 'plan', 'The proposed payment plan')
  @ApiOkResponse({ type: PaymentPlanResponse, description: 'The plan, agreed.' })
  @ApiProblems({
    404: ['payment_plan.not_found'],
    409: ['payment_plan.not_proposed', 'payment_plan.proposal_expired', 'payment_plan.balance_changed', 'case.not_open', 'payment_plan.already_active', 'payment_plan.concurrent_update'],
  })
  @ApiIdempotencyKey({ required: true })
  async accept(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<PaymentPlanResponse> {
    return paymentPlanResponseOf(await this.acceptPaymentPlan.execute({ planId: id, acceptedBy: caller.subject, onlyOfClient: caller.clientId }));
  }

  @Get('cases/:id/payment-plans')
  @ApiOperation({ operationId: 'listPaymentPlansOfCase', summary: "List a case's payment plans" })
  @ApiIdParam('id', 'case', 'The case')
  @ApiOkResponse({ type: PaymentPlanListResponse, description: "The case's plans, oldest first; none for an unknown case (or another client's)." })
  async listOfCase(@Param('id') caseId: string, @CurrentCaller() caller: Caller): Promise<PaymentPlanListResponse> {
    return { data: onlyVisibleTo(caller, await this.queries.ofCase(caseId)).map(paymentPlanResponseOf) };
  }

  @Get('payment-plans/:id')
  @ApiOperation({ operationId: 'getPaymentPlan', summary: 'Get a payment plan' })
  @ApiIdParam('id', 'plan', 'The payment plan')
  @ApiOkResponse({ type: PaymentPlanResponse, description: 'The plan with its schedule and what was paid.' })
  @ApiProblems({ 404: ['payment_plan.not_found'] })
  async get(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<PaymentPlanResponse> {
    return paymentPlanResponseOf(visibleTo(caller, await this.queries.byId(id), () => PaymentPlanErrors.notFound(id)));
  }

  @Get('payment-plans/:id/schedule.pdf')
  @ApiOperation({ operationId: 'getPaymentPlanSchedulePdf', summary: "Get a payment plan's schedule as a PDF" })
  @ApiIdParam('id', 'plan', 'The payment plan')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'The schedule the client was sent, with what is paid so far, inline.' })
  @ApiProblems({ 404: ['payment_plan.not_found'] })
  async schedulePdf(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<StreamableFile> {
    const plan = visibleTo(caller, await this.queries.byId(id), () => PaymentPlanErrors.notFound(id));
    const document = await this.queries.schedulePdf(plan);
    return new StreamableFile(document, { type: 'application/pdf', disposition: `inline; filename="payment-plan-${plan.id}.pdf"`, length: document.length });
  }
}
