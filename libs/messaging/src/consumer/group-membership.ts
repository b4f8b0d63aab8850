import type { Consumer } from 'kafkajs';

/**
 * How quickly the group notices a member is gone, and how long a rebalance may wait for the live
 * ones. kafkajs has no static membership (group.instance.id; kafkajs issues #638 and #884, and its
 * consumer group never sends one), so a SIGKILLed member's partitions stay assigned to it until its
 * session expires, and an instance restarted in its place waits as long. kafkajs's 30 s default
 * made every crash a 30 s pause of that group's partitions; 6 s is the broker's smallest allowed
 * session (group.min.session.timeout.ms). kafkajs heartbeats only from the consuming loop (between
 * fetches and on `heartbeat()`), so EventConsumer also heartbeats on a timer while a message is
 * handled (keepingMembershipWhile): only an event loop blocked for 6 s loses the member, and the
 * redelivery that follows is absorbed by the inbox. docs/decisions.md has the measurements.
 */
export const GROUP_MEMBERSHIP_TIMEOUTS = {
  sessionTimeout: 6_000,
  // At most every second (kafkajs recommends a third of the session or less): a live member learns
  // of a rebalance at its next heartbeat, so this bounds how long a joining instance waits for it.
  heartbeatInterval: 1_000,
  // How long a rebalance waits for live members to rejoin. A member rejoins after the message in
  // hand; longer than the session so a busy member is not dropped from a rebalance it would make.
  rebalanceTimeout: 20_000,
} as const;

/** Where a consumer stands in its group: joining (at start or after a rebalance or crash), consuming, or stopped. */
export type GroupMembershipState = 'joining' | 'joined' | 'stopped';

/**
 * Follows a kafkajs consumer's instrumentation events to tell whether it holds its partitions, so
 * that readiness can name the groups still joining.
 */
export class GroupMembership {
  private current: GroupMembershipState = 'stopped';

  constructor(consumer: Consumer) {
    consumer.on(consumer.events.GROUP_JOIN, () => (this.current = 'joined'));
    consumer.on(consumer.events.REBALANCING, () => (this.current = 'joining'));
    consumer.on(consumer.events.CRASH, () => (this.current = 'joining'));
  }

  get state(): GroupMembershipState {
    return this.current;
  }

  joining(): void {
    this.current = 'joining';
  }

  stopped(): void {
    this.current = 'stopped';
  }
}

/**
 * Runs one message's work while heartbeating every heartbeatInterval, so that the group's view of
 * this member's liveness rests on its event loop, not on how long a handler waits on the database
 * or a remote call: the 6 s session stays safe for slow messages. A heartbeat refused because a
 * rebalance started is left to the consuming loop, whose own heartbeat after the message ends
 * the batch and rejoins.
 */
export async function keepingMembershipWhile<T>(heartbeat: () => Promise<void>, work: () => Promise<T>): Promise<T> {
  const keepAlive = setInterval(() => void heartbeat().catch(() => undefined), GROUP_MEMBERSHIP_TIMEOUTS.heartbeatInterval);
  try {
    return await work();
  } finally {
    clearInterval(keepAlive);
  }
}
