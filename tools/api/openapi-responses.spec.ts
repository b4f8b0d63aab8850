import type { ArgumentsHost } from '@nestjs/common';
import { ConcurrentUpdate, DomainRejection } from '@mb/kernel';
import type { Logger } from '@mb/observability';
import { ProblemDetailsFilter, RequestRejection, requestValidationPipe } from '@mb/platform';
import { caseResponseOf } from '../../apps/collections-service/src/api/http/case.response';
import { CollectionsCase } from '../../apps/collections-service/src/domain/case/case';
import { DEFAULT_DUNNING_LADDER } from '../../apps/collections-service/src/domain/dunning/dunning-ladder';
import { clientView } from '../../apps/contract-service/src/api/http/client.response';
import { contractView } from '../../apps/contract-service/src/api/http/contract.response';
import { CreateContractDto } from '../../apps/contract-service/src/api/http/create-contract.dto';
import { Client } from '../../apps/contract-service/src/domain/client/client';
import { Contract } from '../../apps/contract-service/src/domain/contract/contract';
import { aContract } from '../../apps/contract-service/src/domain/contract/contract-terms.builder';
import { NO_PROGRESS_HEARD } from '../../apps/contract-service/src/domain/contract/milestone-progress';
import { paymentResponseOf, recordedPaymentResponseOf } from '../../apps/invoicing-service/src/api/http/payment.response';
import { invoiceResponseOf } from '../../apps/invoicing-service/src/api/http/invoice.response';
import { invoiceViewOf } from '../../apps/invoicing-service/src/application/queries/invoice.view';
import { aSeller } from '../../apps/invoicing-service/src/domain/documents/e-invoice.fixtures';
import {
  agingReportResponseOf,
  cashForecastResponseOf,
  collectionRatiosResponseOf,
  unbilledContractResponseOf,
} from '../../apps/invoicing-service/src/api/http/receivables-reports.response';
import { ageReceivables } from '../../apps/invoicing-service/src/domain/receivables/aging';
import { cashForecast } from '../../apps/invoicing-service/src/domain/receivables/cash-forecast';
import { collectionRatiosOf } from '../../apps/invoicing-service/src/domain/receivables/collection-ratios';
import { Invoice } from '../../apps/invoicing-service/src/domain/invoice/invoice';
import { aPaymentFor } from '../../apps/invoicing-service/src/domain/payment/payment.fixtures';
import { billingHoldResponseOf, milestoneResponseOf } from '../../apps/milestone-service/src/api/http/milestone.response';
import { Milestone } from '../../apps/milestone-service/src/domain/milestone/milestone';
import { aBillingHoldRequest, aMilestone, aScheduledMilestone } from '../../apps/milestone-service/src/domain/milestone/milestone.fixtures';
import { deliveryResponseOf } from '../../apps/notification-service/src/api/http/delivery.response';
import { createdWebhookSubscriptionResponseOf, webhookSubscriptionResponseOf } from '../../apps/notification-service/src/api/http/webhook-subscription.response';
import { Delivery } from '../../apps/notification-service/src/domain/delivery/delivery';
import { retryPolicy } from '../../apps/notification-service/src/domain/delivery/retry-policy';
import { WebhookSubscription } from '../../apps/notification-service/src/domain/webhook-subscription/webhook-subscription';
import { publishedDocument, responseChecker } from './openapi-schemas';
import { aTermination } from '../../apps/contract-service/src/domain/contract/termination.fixtures';

// What the services answer, built by their own response functions from real domain objects, must be
// what the published documents say: every field named, typed and formatted as documented, none left
// out and none added (tools/api/openapi.spec.ts keeps the documents equal to the code's).

const now = new Date('2026-06-01T09:00:00.000Z');
const later = new Date('2026-06-02T10:30:00.000Z');

describe('the published response schemas', () => {
  describe('contract-service', () => {
    const document = publishedDocument('contract-service');
    const client = Client.register({ name: 'Acme Corp', apContactEmail: 'ap@acme.example', timeZone: 'America/Los_Angeles' }, now);
    const saved = (contract: Contract) => ({ ...contract.snapshot(), version: 1 });

    it('describe a contract as contractView shows it: a draft with warnings, a payout and every optional term', () => {
      // given a draft whose schedule draws warnings (a 50 % deposit, no approval window) and carries every optional field
      const terms = aContract()
        .withScheduleInPercent([50, 20, 20, 10])
        .withMilestone(1, { approvalWindowDays: null, plannedDate: '2026-07-15', deliverables: ['Figma file'], payoutDestination: { accountToken: 'acc_1', autoClear: true } })
        .build();
      const contract = Contract.draft({ ...terms, clientId: client.id, purchaseOrderRef: 'PO-77812', taxRateBps: 2000, retainageBps: 500 }, now);
      // when the API shows it, then the document describes exactly that
      const shown = contractView(saved(contract), NO_PROGRESS_HEARD);
      expect(shown.warnings.map((warning) => warning.code)).toEqual(expect.arrayContaining(['deposit_outside_recommended_range', 'no_approval_window']));
      expect(responseChecker(document, 'get', '/v1/contracts/{id}', 200)(shown)).toEqual([]);
      expect(responseChecker(document, 'post', '/v1/contracts', 201)(shown)).toEqual([]);
    });

    it('describe an active and a terminated contract, with amounts given in cents and milestones heard of', () => {
      const active = Contract.draft({ ...aContract().withMilestones([{ title: 'All of it', acceptanceCriteria: 'Delivered', amountCents: 3_000_000, billingTrigger: 'on_completion' }]).build(), clientId: client.id }, now);
      active.activate(later);
      const terminated = Contract.draft({ ...aContract().build(), clientId: client.id }, now);
      terminated.terminate(aTermination('Client went another way'), later);
      const check = responseChecker(document, 'get', '/v1/contracts', 200);
      const heardOf = new Map([[1, 'invoiced' as const]]);
      expect(check({ data: [contractView(saved(active), heardOf), contractView(saved(terminated), NO_PROGRESS_HEARD)] })).toEqual([]);
    });

    it('describe a client as clientView shows it', () => {
      expect(responseChecker(document, 'post', '/v1/clients', 201)(clientView(client.snapshot()))).toEqual([]);
    });

    it('would catch a field the document does not name, one it names missing, or one of another type, however deep', () => {
      const shown = clientView(client.snapshot());
      const check = responseChecker(document, 'get', '/v1/clients/{id}', 200);
      expect(check({ ...shown, nickname: 'Acme' })).toEqual(['/ must NOT have additional properties {"additionalProperty":"nickname"}']);
      const { created_at: _createdAt, ...withoutCreatedAt } = shown;
      expect(check(withoutCreatedAt)).toEqual(['/ must have required property \'created_at\' {"missingProperty":"created_at"}']);
      const contract = contractView(saved(Contract.draft({ ...aContract().build(), clientId: client.id }, now)), NO_PROGRESS_HEARD);
      const wrong = { ...contract, milestones: [{ ...contract.milestones[0], payout_destination: { account_token: 'acc_1', auto_clear: 'yes' } }] };
      expect(responseChecker(document, 'get', '/v1/contracts/{id}', 200)(wrong).join('\n')).toContain('/milestones/0/payout_destination/auto_clear must be boolean');
    });
  });

  describe('milestone-service', () => {
    function submittedOnCompletion(): Milestone {
      const milestone = Milestone.schedule(aScheduledMilestone({ billingTrigger: 'on_completion', payoutDestination: null, approvalWindowDays: null, plannedDate: null }), now);
      milestone.start(now);
      milestone.submit('https://staging.example.com/prototype', later);
      return milestone;
    }
    const document = publishedDocument('milestone-service');
    const check = responseChecker(document, 'get', '/v1/milestones/{id}', 200);

    it.each([
      ['planned (its instants null)', () => aMilestone().planned()],
      ['rejected', () => aMilestone().rejected()],
      ['paid (every instant set)', () => aMilestone().paid()],
      ['billed on completion, without payout, window or planned date', submittedOnCompletion],
      ['triggered while on a billing hold', () => aMilestone().triggeredWhileHeld()],
    ])('describe a milestone %s as milestoneResponseOf shows it', (_state, milestone) => {
      expect(check(milestoneResponseOf(milestone().snapshot()))).toEqual([]);
    });

    it('describe the list of a contract', () => {
      const list = { data: [milestoneResponseOf(aMilestone().planned().snapshot())] };
      expect(responseChecker(document, 'get', '/v1/contracts/{contractId}/milestones', 200)(list)).toEqual([]);
    });

    it('describe a milestone as placing and releasing a billing hold answer it, and the history of its holds', () => {
      // given a milestone held, released, and held again
      const milestone = aMilestone().planned();
      milestone.placeBillingHold(aBillingHoldRequest({ id: 'hold_01JX6Q8Z3Y2W0V9T7S5R4P3N2A' }), now);
      const held = milestoneResponseOf(milestone.snapshot());
      milestone.releaseBillingHold('sam.lee@agency.example', later);
      const released = milestoneResponseOf(milestone.snapshot());
      milestone.placeBillingHold(aBillingHoldRequest({ id: 'hold_01JX6Q8Z3Y2W0V9T7S5R4P3N2B' }), later);
      // then each answer is as documented
      expect(held.billing_hold).not.toBeNull();
      expect(responseChecker(document, 'post', '/v1/milestones/{id}/billing-hold', 200)(held)).toEqual([]);
      expect(responseChecker(document, 'post', '/v1/milestones/{id}/billing-hold/release', 200)(released)).toEqual([]);
      const history = { data: [...milestone.snapshot().billingHolds].reverse().map(billingHoldResponseOf) };
      expect(history.data.map(({ released_at }) => released_at)).toEqual([null, later.toISOString()]);
      expect(responseChecker(document, 'get', '/v1/milestones/{id}/billing-holds', 200)(history)).toEqual([]);
    });
  });

  describe('invoicing-service', () => {
    const document = publishedDocument('invoicing-service');
    const draft = () =>
      Invoice.prepareDraft({
        id: 'inv_01JX6Q8Z3Y2W0V9T7S5R4P3N2M',
        contractId: 'con_01JX6Q8Z3Y2W0V9T7S5R4P3N2M',
        clientId: 'cli_01JX6Q8Z3Y2W0V9T7S5R4P3N2M',
        clientName: 'Acme Corp',
        clientTimeZone: 'America/Los_Angeles',
        contractTitle: 'Customer portal rebuild',
        purchaseOrderRef: null,
        milestoneIndex: 2,
        milestoneTitle: 'UI Prototype',
        amountCents: 750_000,
        currency: 'usd',
        netDays: 15,
        taxRateBps: 2000,
        retainageBps: 500,
        scheduleVersion: 2,
      });

    it('describe an invoice as invoiceResponseOf shows it, draft and open', () => {
      const open = draft();
      open.issue({ number: 'INV-2026-000042', issueDate: '2026-05-28', milestoneId: 'ms_01JX6Q8Z3Y2W0V9T7S5R4P3N2M' });
      const check = responseChecker(document, 'get', '/v1/invoices/{id}', 200);
      expect(check(invoiceResponseOf(invoiceViewOf(draft().snapshot(), new Date('2026-06-01T09:00:00Z'), aSeller())))).toEqual([]);
      expect(check(invoiceResponseOf(invoiceViewOf(open.snapshot(), new Date('2026-06-20T09:00:00Z'), aSeller())))).toEqual([]);
    });

    it('describe a recorded payment as paymentResponseOf shows it, and the invoice it paid', () => {
      const invoice = draft();
      invoice.issue({ number: 'INV-2026-000042', issueDate: '2026-05-28' });
      const payment = aPaymentFor(invoice, { id: 'pay_01JX6Q8Z3Y2W0V9T7S5R4P3N2M', amountCents: 500_000, currency: 'usd', externalReference: 'BACS 88213', now });
      const shown = recordedPaymentResponseOf({ payment: payment.snapshot(), invoices: [invoice.snapshot()], creditCents: 0 });
      expect(responseChecker(document, 'post', '/v1/payments', 201)(shown)).toEqual([]);
      expect(responseChecker(document, 'get', '/v1/payments/{id}', 200)(paymentResponseOf(payment.snapshot()))).toEqual([]);
      expect(responseChecker(document, 'get', '/v1/invoices/{id}', 200)(invoiceResponseOf(invoiceViewOf(invoice.snapshot(), new Date('2026-06-20T09:00:00Z'), aSeller())))).toEqual([]);
    });

    it('describe a page of the invoice list, with its cursor or none', () => {
      const check = responseChecker(document, 'get', '/v1/invoices', 200);
      const data = [invoiceResponseOf(invoiceViewOf(draft().snapshot(), now, aSeller()))];
      expect(check({ data, next_cursor: 'eyJhZnRlciI6Imludl8wMUoifQ' })).toEqual([]);
      expect(check({ data, next_cursor: null })).toEqual([]);
    });

    it('describe the receivables reports as their response functions show them, figures and nulls', () => {
      const balances = [
        { clientId: 'cli_01JX6Q8Z3Y2W0V9T7S5R4P3N2M', clientName: null, currency: 'usd', clientTimeZone: 'UTC', dueDate: '2026-05-01', balanceCents: 750_000, invoiceCount: 1 },
        { clientId: 'cli_01JX6Q8Z3Y2W0V9T7S5R4P3N2N', clientName: 'Acme Corp', currency: 'jpy', clientTimeZone: 'Asia/Tokyo', dueDate: '2026-06-30', balanceCents: 90_000, invoiceCount: 2 },
      ];
      const aging = agingReportResponseOf({ ...ageReceivables(balances, () => '2026-06-01'), asOf: '2026-06-01', generatedAt: now });
      expect(responseChecker(document, 'get', '/v1/reports/ar-aging', 200)(aging)).toEqual([]);
      expect(responseChecker(document, 'get', '/v1/reports/ar-aging', 200)({ ...aging, as_of: null })).toEqual([]);
      const ratios = [
        collectionRatiosOf({ currency: 'usd', beginArCents: 100, endArCents: 50, endCurrentArCents: 10, creditSalesCents: 200, days: 90 }),
        collectionRatiosOf({ currency: 'jpy', beginArCents: 0, endArCents: 0, endCurrentArCents: 0, creditSalesCents: 0, days: 90 }),
      ];
      expect(responseChecker(document, 'get', '/v1/reports/collection-ratios', 200)(collectionRatiosResponseOf({ from: '2026-03-04', to: '2026-06-01', days: 90, currencies: ratios }))).toEqual([]);
      const contract = { contractId: 'con_01JX6Q8Z3Y2W0V9T7S5R4P3N2M', clientId: 'cli_01JX6Q8Z3Y2W0V9T7S5R4P3N2M', clientName: null, title: 'Portal', currency: 'usd', totalValueCents: 3_000_000, billedCents: 750_000, unbilledCents: 2_250_000 };
      expect(responseChecker(document, 'get', '/v1/reports/unbilled', 200)({ data: [unbilledContractResponseOf(contract)], next_cursor: null })).toEqual([]);
      const forecast = cashForecast({ today: '2026-06-01', receipts: balances, habits: [] }).map((currency) => ({ ...currency, draftCount: 1, unscheduledDraftCents: 450_000 }));
      expect(responseChecker(document, 'get', '/v1/reports/cash-flow-forecast', 200)(cashForecastResponseOf({ asOf: '2026-06-01', currencies: forecast }))).toEqual([]);
    });
  });

  describe('collections-service', () => {
    it('describe a case as caseResponseOf shows it, open and closed', () => {
      const check = responseChecker(publishedDocument('collections-service'), 'get', '/v1/cases/{id}', 200);
      const overdue = {
        invoiceId: 'inv_01JX6Q8Z3Y2W0V9T7S5R4P3N2M',
        invoiceNumber: 'INV-2026-000042',
        contractId: 'con_01JX6Q8Z3Y2W0V9T7S5R4P3N2M',
        currency: 'usd',
        amountDueCents: 750_000,
        dueDate: '2026-05-31',
        daysOverdue: 1,
      };
      const collectionsCase = CollectionsCase.open({ id: 'case_01JX6Q8Z3Y2W0V9T7S5R4P3N2M', clientId: 'cli_01JX6Q8Z3Y2W0V9T7S5R4P3N2M', invoice: overdue, ladder: DEFAULT_DUNNING_LADDER, now });
      expect(check(caseResponseOf(collectionsCase))).toEqual([]);
      collectionsCase.applyPayment(overdue.invoiceId, 750_000, later);
      expect(collectionsCase.snapshot().status).toBe('closed');
      expect(check(caseResponseOf(collectionsCase))).toEqual([]);
    });
  });

  describe('notification-service', () => {
    const document = publishedDocument('notification-service');
    const subscription = WebhookSubscription.subscribe({ id: 'whs_01JX6Q8Z3Y2W0V9T7S5R4P3N2M', url: 'https://erp.acme.example/hooks/billing', events: ['invoice.issued'], now });

    it('describe a new webhook subscription with its secret, and listed ones without', () => {
      expect(responseChecker(document, 'post', '/v1/webhook-subscriptions', 201)(createdWebhookSubscriptionResponseOf(subscription.snapshot(), now))).toEqual([]);
      expect(responseChecker(document, 'get', '/v1/webhook-subscriptions', 200)({ data: [webhookSubscriptionResponseOf(subscription.snapshot(), now)] })).toEqual([]);
      const rotated = WebhookSubscription.restore(subscription.snapshot());
      rotated.rotateSecret(now);
      rotated.pause(now);
      expect(responseChecker(document, 'post', '/v1/webhook-subscriptions/{id}/pause', 200)(webhookSubscriptionResponseOf(rotated.snapshot(), now))).toEqual([]);
    });

    it('describe a delivery with its attempts log as deliveryResponseOf shows it', () => {
      const delivery = Delivery.plan({
        id: 'dlv_01JX6Q8Z3Y2W0V9T7S5R4P3N2M',
        eventId: 'evt_01JX6Q8Z3Y2W0V9T7S5R4P3N2M',
        eventName: 'invoice.issued',
        channel: 'webhook',
        recipient: subscription.url,
        payload: { subscriptionId: subscription.id, body: '{}' },
        now,
      });
      const failed = delivery.recordFailure(now, { error: 'HTTP 503', statusCode: 503 }, retryPolicy(1000));
      const sent = delivery.recordSuccess(later, 204);
      const check = responseChecker(document, 'get', '/v1/deliveries', 200);
      expect(check({ data: [deliveryResponseOf(delivery.snapshot(), [failed, sent])] })).toEqual([]);
    });

    it('describe the deliveries a replay made, held ones included', () => {
      const replay = Delivery.plan({
        id: 'dlv_01JX6Q8Z3Y2W0V9T7S5R4P3N2N',
        eventId: 'evt_01JX6Q8Z3Y2W0V9T7S5R4P3N2M',
        eventName: 'invoice.issued',
        channel: 'webhook',
        recipient: subscription.url,
        payload: { subscriptionId: subscription.id, body: '{}' },
        now,
        held: true,
        replayOf: 'dlv_01JX6Q8Z3Y2W0V9T7S5R4P3N2M',
        replayReason: 'receiver restored from backup',
      });
      expect(responseChecker(document, 'post', '/v1/webhook-subscriptions/{id}/replays', 201)({ data: [deliveryResponseOf(replay.snapshot(), [])] })).toEqual([]);
    });
  });

  describe('Problem, as ProblemDetailsFilter writes it', () => {
    const logger = { error: () => undefined } as unknown as Logger;
    function problemOf(exception: unknown, url: string): unknown {
      let sent: unknown;
      const reply = { status: () => reply, header: () => reply, send: (body: unknown) => (sent = body) };
      const host = { switchToHttp: () => ({ getRequest: () => ({ url }), getResponse: () => reply }) } as unknown as ArgumentsHost;
      new ProblemDetailsFilter(logger).catch(exception, host);
      return sent;
    }
    async function validationProblem(body: object): Promise<unknown> {
      const refused = await requestValidationPipe()
        .transform(body, { type: 'body', metatype: CreateContractDto })
        .then(() => undefined, (error: unknown) => error);
      expect(refused).toBeInstanceOf(RequestRejection);
      return problemOf(refused, '/v1/contracts');
    }
    const document = publishedDocument('contract-service');

    it('is the schema of a 400 request.invalid, with every field at fault', async () => {
      const problem = await validationProblem({ client_id: 'con_x', title: '', currency: 'USD', total_value_cents: 1.5, net_days: 15, milestones: [{ title: 'x' }], extra: 1 });
      expect(problem).toMatchObject({ status: 400, code: 'request.invalid', errors: expect.arrayContaining([expect.objectContaining({ field: 'milestones.0.billing_trigger' })]) });
      expect(responseChecker(document, 'post', '/v1/contracts', 400)(problem)).toEqual([]);
    });

    it('is the schema of a business rule naming its field (422), a conflict (409) and an unknown id (404)', () => {
      const unknownClient = new DomainRejection('invalid', 'contract.unknown_client', 'there is no client cli_x', 'client_id');
      expect(responseChecker(document, 'post', '/v1/contracts', 422)(problemOf(unknownClient, '/v1/contracts'))).toEqual([]);
      const conflict = new ConcurrentUpdate('contract', 'con_x');
      expect(responseChecker(document, 'post', '/v1/contracts/{id}/activate', 409)(problemOf(conflict, '/v1/contracts/con_x/activate'))).toEqual([]);
      const notFound = new DomainRejection('not_found', 'contract.not_found', 'there is no contract con_x');
      expect(responseChecker(document, 'get', '/v1/contracts/{id}', 404)(problemOf(notFound, '/v1/contracts/con_x'))).toEqual([]);
    });
  });
});
