import { InMemoryUnitOfWork } from '@mb/testing';
import { InMemoryDeliveryRepository } from '../../../test/fakes/in-memory-delivery.repository';
import { RecordingTimers } from '@mb/testing';
import { Delivery } from '../../domain/delivery/delivery';
import { retryPolicy } from '../../domain/delivery/retry-policy';
import { DELIVERY_DUE_TIMER } from '../dispatch-delivery/dispatch-delivery.handler';
import { SetDeliveryTimersHandler, TIMER_PAGE_SIZE } from './set-delivery-timers.handler';

describe('SetDeliveryTimersHandler', () => {
  const start = new Date('2026-06-01T09:00:00Z');

  function setUp() {
    const unitOfWork = new InMemoryUnitOfWork();
    const deliveries = new InMemoryDeliveryRepository();
    const timers = new RecordingTimers();
    const handler = new SetDeliveryTimersHandler(unitOfWork, deliveries, timers);
    return { unitOfWork, deliveries, timers, handler };
  }

  function anEmail(id: string, now = start): Delivery {
    return Delivery.plan({ id, eventId: `evt_${id}`, eventName: 'invoice.issued', channel: 'email', recipient: 'ap@acme.example', payload: { subject: 'Invoice', text: 'Dear Acme' }, now });
  }

  it('sets the timer of each pending delivery at its next attempt, and of none that is settled', async () => {
    // given a delivery due now, one waiting for a retry, one sent and one failed for good, none with a timer
    const { deliveries, timers, handler } = setUp();
    await deliveries.planOnce(anEmail('dlv_due'));
    const retrying = anEmail('dlv_retrying');
    retrying.recordFailure(start, { error: '421 try later' }, retryPolicy(60_000));
    await deliveries.planOnce(retrying);
    const sent = anEmail('dlv_sent');
    sent.recordSuccess(start);
    await deliveries.planOnce(sent);
    const failed = anEmail('dlv_failed');
    failed.recordFailure(start, { error: '550 no such mailbox', permanent: true }, retryPolicy(60_000));
    await deliveries.planOnce(failed);
    // when the timers are set (at start)
    const count = await handler.execute();
    // then the two pending ones have theirs, each at its next attempt
    expect(count).toBe(2);
    expect(timers.pending()).toEqual([
      { timer: DELIVERY_DUE_TIMER, key: 'dlv_due', dueAt: start, data: {} },
      { timer: DELIVERY_DUE_TIMER, key: 'dlv_retrying', dueAt: new Date(start.getTime() + 60_000), data: {} },
    ]);
  });

  it('sets them page by page, each page in a unit of work of its own, reaching every one', async () => {
    // given more pending deliveries than a page holds, some due at the same instant
    const { unitOfWork, deliveries, timers, handler } = setUp();
    const total = TIMER_PAGE_SIZE * 2 + 1;
    for (let index = 0; index < total; index += 1) {
      await deliveries.planOnce(anEmail(`dlv_${String(index).padStart(4, '0')}`, new Date(start.getTime() + Math.floor(index / 3) * 1000)));
    }
    // when the timers are set
    const count = await handler.execute();
    // then every delivery has one timer, set in three units of work
    expect(count).toBe(total);
    expect(timers.scheduled).toHaveLength(total);
    expect(new Set(timers.pending().map((set) => set.key)).size).toBe(total);
    expect(unitOfWork.unitsRun).toBe(3);
  });

  it('sets nothing when no delivery is pending', async () => {
    const { unitOfWork, timers, handler } = setUp();
    expect(await handler.execute()).toBe(0);
    expect(timers.scheduled).toEqual([]);
    expect(unitOfWork.unitsRun).toBe(0);
  });
});
