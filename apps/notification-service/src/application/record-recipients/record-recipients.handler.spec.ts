import { loadEmailRenderer } from '../../infrastructure/templates/template-files.loader';
import { aValidEvent } from '@mb/events';
import { newEventId } from '@mb/kernel';
import { InMemoryUnitOfWork } from '@mb/testing';
import { InMemoryDeliveryRepository } from '../../../test/fakes/in-memory-delivery.repository';
import { InMemoryParkedNoticeRepository } from '../../../test/fakes/in-memory-parked-notice.repository';
import { InMemoryRecipientDirectory } from '../../../test/fakes/in-memory-recipient-directory.repository';
import { InMemoryWebhookSubscriptionRepository } from '../../../test/fakes/in-memory-webhook-subscription.repository';
import { RecordingTimers } from '@mb/testing';
import { DELIVERY_DUE_TIMER } from '../dispatch-delivery/dispatch-delivery.handler';
import { PlanNotificationsHandler } from '../plan-notifications/plan-notifications.handler';
import { RecordRecipientsHandler } from './record-recipients.handler';

// The renderer the service builds at start-up, from the real template files.
const renderer = loadEmailRenderer();

describe('RecordRecipientsHandler', () => {
  const now = new Date('2026-06-01T09:00:00Z');
  const clientId = 'cli_01JACME';
  const contractId = 'con_01JROBOTICS';
  const apEmail = 'ap@acme.example';

  function setUp() {
    const unitOfWork = new InMemoryUnitOfWork();
    const clock = { now: () => now };
    const deliveries = new InMemoryDeliveryRepository();
    const directory = new InMemoryRecipientDirectory();
    const parkedNotices = new InMemoryParkedNoticeRepository();
    const timers = new RecordingTimers();
    const planNotifications = new PlanNotificationsHandler(unitOfWork, deliveries, new InMemoryWebhookSubscriptionRepository(), directory, parkedNotices, timers, clock, { APPROVAL_LINKS_BASE_URL: 'http://localhost:3002' }, renderer);
    const handler = new RecordRecipientsHandler(unitOfWork, directory, planNotifications, clock);
    return { unitOfWork, deliveries, directory, parkedNotices, timers, planNotifications, handler };
  }

  /** A contract event's data naming the client, and its AP contact when given. */
  function namingTheClient(client: { name?: string; apEmail?: string }) {
    return { contract_id: contractId, client_id: clientId, title: 'Warehouse robotics', client_name: client.name, client_ap_email: client.apEmail };
  }

  it("learns the client's AP contact and the contract's title from contract.activated, under the client's lock", async () => {
    // given nothing known
    const { unitOfWork, directory, handler } = setUp();
    // when a contract is activated naming the client's AP contact
    await handler.execute(aValidEvent('contract.activated', { id: newEventId(), data: namingTheClient({ name: 'Acme Corp', apEmail }) }));
    // then both are known, learnt in one unit of work
    expect(await directory.findClient(clientId)).toEqual({ clientId, clientName: 'Acme Corp', apEmail, approverEmail: null, language: null });
    expect(await directory.findContract(contractId)).toEqual({ contractId, clientId, title: 'Warehouse robotics' });
    expect(directory.locked[0]).toBe(clientId);
    expect(unitOfWork.unitsRun).toBe(1);
  });

  it('keeps the AP contact known before when a later contract event names none', async () => {
    // given a client whose AP contact is known
    const { directory, handler } = setUp();
    await handler.execute(aValidEvent('contract.created', { id: newEventId(), data: namingTheClient({ name: 'Acme Corp', apEmail }) }));
    // when another contract event names neither name nor email
    await handler.execute(aValidEvent('contract.activated', { id: newEventId(), data: namingTheClient({}) }));
    // then what was known stays
    expect(await directory.findClient(clientId)).toEqual({ clientId, clientName: 'Acme Corp', apEmail, approverEmail: null, language: null });
  });

  it("learns the client's language, and keeps it when a later contract event names none", async () => {
    const { directory, handler } = setUp();
    await handler.execute(aValidEvent('contract.created', { id: newEventId(), data: { ...namingTheClient({ name: 'Acme GmbH', apEmail }), client_language: 'de' } }));
    expect(await directory.findClient(clientId)).toMatchObject({ language: 'de' });
    await handler.execute(aValidEvent('contract.activated', { id: newEventId(), data: namingTheClient({}) }));
    expect(await directory.findClient(clientId)).toMatchObject({ language: 'de' });
  });

  it('emails the notices parked for the client once its AP contact is learnt, in the same unit of work', async () => {
    // given an issued invoice parked because the client was unknown
    const { unitOfWork, deliveries, parkedNotices, timers, planNotifications, handler } = setUp();
    const issued = aValidEvent('invoice.issued', { id: newEventId(), data: { client_id: clientId, contract_id: contractId } });
    await planNotifications.execute(issued);
    expect(parkedNotices.parkedEventIds()).toEqual([issued.id]);
    const unitsBefore = unitOfWork.unitsRun;
    // when contract.created names the AP contact
    await handler.execute(aValidEvent('contract.created', { id: newEventId(), data: namingTheClient({ name: 'Acme Corp', apEmail }) }));
    // then the invoice email is planned to it with its timer due at once, and the notice no longer waits, all in one unit of work
    const email = deliveries.only();
    expect(email).toMatchObject({ eventId: issued.id, channel: 'email', recipient: apEmail, status: 'pending' });
    expect(timers.pending()).toEqual([{ timer: DELIVERY_DUE_TIMER, key: email.id, dueAt: now, data: {} }]);
    expect(parkedNotices.parkedEventIds()).toEqual([]);
    expect(unitOfWork.unitsRun).toBe(unitsBefore + 1);
  });

  it('leaves a parked notice waiting while the contract event names no AP contact', async () => {
    // given a parked invoice
    const { deliveries, parkedNotices, timers, planNotifications, handler } = setUp();
    const issued = aValidEvent('invoice.issued', { id: newEventId(), data: { client_id: clientId, contract_id: contractId } });
    await planNotifications.execute(issued);
    // when a contract event names the client but no email
    await handler.execute(aValidEvent('contract.created', { id: newEventId(), data: namingTheClient({ name: 'Acme Corp' }) }));
    // then the notice still waits and nothing is planned, no timer set
    expect(parkedNotices.parkedEventIds()).toEqual([issued.id]);
    expect(deliveries.all()).toEqual([]);
    expect(timers.scheduled).toEqual([]);
  });
});
