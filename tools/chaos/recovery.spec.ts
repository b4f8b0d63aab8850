import { recoveryPerFault } from './recovery';

const steady = (fromMs: number, toMs: number, perSecond: number) => {
  const instants: number[] = [];
  for (let at = fromMs; at < toMs; at += 1000 / perSecond) instants.push(at);
  return instants;
};

describe('recoveryPerFault', () => {
  it('measures from the fault\'s end to the first second that begins a full three-second window', () => {
    // given approvals and invoices at 10/s, except from 10 s to 17.5 s
    const flowing = [...steady(0, 10_000, 10), ...steady(17_500, 40_000, 10)];
    // when a fault ran from 10 s to 14.2 s
    const [recovery] = recoveryPerFault([{ name: 'kill', startedAt: 10_000, endedAt: 14_200 }], { approvalsAccepted: flowing, invoicesIssued: flowing }, 10, 40_000);
    // then seconds 17–19 hold 25 of each (≥ 80 % of 30): full again from second 17, 2.8 s after the end
    expect(recovery.recoveryMs).toBe(2_800);
  });

  it('counts a flow that never dropped as recovered at once', () => {
    const flowing = steady(0, 30_000, 10);
    const [recovery] = recoveryPerFault([{ name: 'freeze', startedAt: 5_000, endedAt: 8_000 }], { approvalsAccepted: flowing, invoicesIssued: flowing }, 10, 30_000);
    expect(recovery.recoveryMs).toBe(0);
  });

  it('needs invoices as well as approvals', () => {
    // given approvals accepted throughout but invoices stopping at 10 s for good
    const recovery = recoveryPerFault(
      [{ name: 'broker restart', startedAt: 10_000, endedAt: 12_000 }],
      { approvalsAccepted: steady(0, 30_000, 10), invoicesIssued: steady(0, 10_000, 10) },
      10,
      30_000,
    );
    expect(recovery[0].recoveryMs).toBeUndefined();
  });
});
