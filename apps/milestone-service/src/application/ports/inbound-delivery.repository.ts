/** One webhook delivery received from a work tracker, as its sender identifies it. */
export interface InboundDelivery {
  readonly provider: 'github' | 'jira';
  /** `X-GitHub-Delivery`, `X-Atlassian-Webhook-Identifier`: the same across the sender's retries. */
  readonly deliveryId: string;
  /** `X-GitHub-Event`, or Jira's `webhookEvent`. */
  readonly event: string;
  readonly receivedAt: Date;
}

/** The deliveries already handled, so that a replay has no second effect. Writes join the open unit of work. */
export abstract class InboundDeliveryRepository {
  /**
   * Records the delivery; false when it was recorded before (a replay). Waits for a concurrent
   * first recording of the same id to end, so two copies in flight cannot both be handled.
   */
  abstract recordFirst(delivery: InboundDelivery): Promise<boolean>;
}
