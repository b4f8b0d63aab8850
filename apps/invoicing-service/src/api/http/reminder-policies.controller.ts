import { Body, Controller, Delete, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AccessPolicy, ApiIdParam, ApiProblems, type Caller, CurrentCaller } from '@mb/platform';
import { ReminderPoliciesHandler } from '../../application/reminder-policies/reminder-policies.handler';
import { SetReminderPolicyDto } from './reminder-policy.dto';
import { ReminderPolicyResponse, reminderPolicyResponseOf } from './reminder-policy.response';

const SET_DESCRIPTION =
  'Replaces the policy set here, whole (a contract\'s overrides its client\'s, which overrides the default: 3 days before, on the due date, 7 days after). ' +
  "Each reminder goes out at the configured local time (PAYMENT_REMINDER_LOCAL_TIME, 09:00 by default) in the client's time zone. " +
  'The pending reminders of the open invoices it governs are rescheduled at once; reminders already sent stay sent, and none whose time has passed is sent late. ' +
  'A PUT of the same body twice leaves the same state.';

@Controller('v1')
// Reminder policies are finance's settings; auditors may read them.
@AccessPolicy<ReminderPoliciesController>({
  getForClient: ['admin', 'finance', 'auditor'],
  setForClient: ['admin', 'finance'],
  removeForClient: ['admin', 'finance'],
  getForContract: ['admin', 'finance', 'auditor'],
  setForContract: ['admin', 'finance'],
  removeForContract: ['admin', 'finance'],
})
export class ReminderPoliciesController {
  constructor(private readonly policies: ReminderPoliciesHandler) {}

  @Get('clients/:clientId/reminder-policy')
  @ApiOperation({ operationId: 'getClientReminderPolicy', summary: "The payment reminder policy of a client's invoices", description: "The client's own policy, or the default when it has none." })
  @ApiIdParam('clientId', 'cli', 'The client')
  @ApiOkResponse({ type: ReminderPolicyResponse, description: 'The policy that applies and where it comes from.' })
  @ApiProblems({ 404: ['client.not_found'] })
  async getForClient(@Param('clientId') clientId: string): Promise<ReminderPolicyResponse> {
    return reminderPolicyResponseOf(await this.policies.get('client', clientId));
  }

  @Put('clients/:clientId/reminder-policy')
  @ApiOperation({ operationId: 'setClientReminderPolicy', summary: 'Set the payment reminder policy of a client', description: SET_DESCRIPTION })
  @ApiIdParam('clientId', 'cli', 'The client')
  @ApiOkResponse({ type: ReminderPolicyResponse, description: 'The policy now set.' })
  @ApiProblems({ 400: ['request.invalid'], 404: ['client.not_found'], 422: ['reminder_policy.invalid'] })
  async setForClient(@Param('clientId') clientId: string, @Body() body: SetReminderPolicyDto, @CurrentCaller() caller: Caller): Promise<ReminderPolicyResponse> {
    return reminderPolicyResponseOf(await this.policies.set({ scope: 'client', scopeId: clientId, ...policyOf(body), actor: caller.subject }));
  }

  @Delete('clients/:clientId/reminder-policy')
  @ApiOperation({ operationId: 'removeClientReminderPolicy', summary: "Remove a client's payment reminder policy", description: 'The client falls back to the default; pending reminders of its open invoices are rescheduled.' })
  @ApiIdParam('clientId', 'cli', 'The client')
  @ApiOkResponse({ type: ReminderPolicyResponse, description: 'The policy that applies now.' })
  @ApiProblems({ 404: ['client.not_found'] })
  async removeForClient(@Param('clientId') clientId: string): Promise<ReminderPolicyResponse> {
    return reminderPolicyResponseOf(await this.policies.remove('client', clientId));
  }

  @Get('contracts/:contractId/reminder-policy')
  @ApiOperation({ operationId: 'getContractReminderPolicy', summary: "The payment reminder policy of a contract's invoices", description: "The contract's own policy, else its client's, else the default." })
  @ApiIdParam('contractId', 'con', 'The contract')
  @ApiOkResponse({ type: ReminderPolicyResponse, description: 'The policy that applies and where it comes from.' })
  @ApiProblems({ 404: ['contract.not_found'] })
  async getForContract(@Param('contractId') contractId: string): Promise<ReminderPolicyResponse> {
    return reminderPolicyResponseOf(await this.policies.get('contract', contractId));
  }

  @Put('contracts/:contractId/reminder-policy')
  @ApiOperation({ operationId: 'setContractReminderPolicy', summary: 'Set the payment reminder policy of a contract', description: SET_DESCRIPTION })
  @ApiIdParam('contractId', 'con', 'The contract')
  @ApiOkResponse({ type: ReminderPolicyResponse, description: 'The policy now set.' })
  @ApiProblems({ 400: ['request.invalid'], 404: ['contract.not_found'], 422: ['reminder_policy.invalid'] })
  async setForContract(@Param('contractId') contractId: string, @Body() body: SetReminderPolicyDto, @CurrentCaller() caller: Caller): Promise<ReminderPolicyResponse> {
    return reminderPolicyResponseOf(await this.policies.set({ scope: 'contract', scopeId: contractId, ...policyOf(body), actor: caller.subject }));
  }

  @Delete('contracts/:contractId/reminder-policy')
  @ApiOperation({ operationId: 'removeContractReminderPolicy', summary: "Remove a contract's payment reminder policy", description: "The contract falls back to its client's policy or the default; pending reminders of its open invoices are rescheduled." })
  @ApiIdParam('contractId', 'con', 'The contract')
  @ApiOkResponse({ type: ReminderPolicyResponse, description: 'The policy that applies now.' })
  @ApiProblems({ 404: ['contract.not_found'] })
  async removeForContract(@Param('contractId') contractId: string): Promise<ReminderPolicyResponse> {
    return reminderPolicyResponseOf(await this.policies.remove('contract', contractId));
  }
}

function policyOf(body: SetReminderPolicyDto): { beforeDueDays: number; onDue: boolean; afterDueDays: number[] } {
  return { beforeDueDays: body.before_due_days, onDue: body.on_due, afterDueDays: body.after_due_days };
}
