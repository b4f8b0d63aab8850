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

  describe('rearmStranded', () => {
    const graceMs = 30_000;
    const later = new Date(start.getTime() + 5 * 60_000);

    it('sets the timer, due now, of each pending delivery due over a grace ago that no claim holds', async () => {
      // given a delivery due long ago, unclaimed; one due long ago under a live claim; one due just now; one sent
      const { deliveries, timers, handler } = setUp();
      deliveries.now = () => later.getTime();
      await deliveries.planOnce(anEmail('dlv_stranded'));
      await deliveries.planOnce(anEmail('dlv_claimed'));
      await deliveries.claim('dlv_claimed', 'token', 60_000);
      await deliveries.planOnce(anEmail('dlv_just_due', new Date(later.getTime() - 1_000)));
      const sent = anEmail('dlv_sent');
      sent.recordSuccess(start);
      await deliveries.planOnce(sent);
      // when the sweep runs
      const count = await handler.rearmStranded(later, graceMs);
      // then only the stranded one has its timer set, due now
      expect(count).toBe(1);
      expect(timers.pending()).toEqual([{ timer: DELIVERY_DUE_TIMER, key: 'dlv_stranded', dueAt: later, data: {} }]);
    });

    it('takes a delivery whose claim lapsed over a grace ago (its holder died and the takeover timer was lost)', async () => {
      // given a due delivery claimed with a lease that ran out long ago
      const { deliveries, timers, handler } = setUp();
      deliveries.now = () => start.getTime();
      await deliveries.planOnce(anEmail('dlv_abandoned_claim'));
      await deliveries.claim('dlv_abandoned_claim', 'token', 1_000);
      deliveries.now = () => later.getTime();
      // when the sweep runs
      expect(await handler.rearmStranded(later, graceMs)).toBe(1);
      // then its timer is set, due now
      expect(timers.pending()).toEqual([{ timer: DELIVERY_DUE_TIMER, key: 'dlv_abandoned_claim', dueAt: later, data: {} }]);
    });

    it('opens no unit of work when nothing is stranded', async () => {
      const { unitOfWork, timers, handler } = setUp();
      expect(await handler.rearmStranded(later, graceMs)).toBe(0);
      expect(timers.scheduled).toEqual([]);
      expect(unitOfWork.unitsRun).toBe(0);
    });
  });
});
