import { EVENT_NAMES, eventDefinition, type EventName, WEBHOOK_EVENT_NAMES } from '../catalogue/event-catalogue';
import type { ProducerService } from '../catalogue/event-definition';
import { deadLetterTopicOf } from './event-topics';

/**
 * The events each service consumes today, one consumer group per service (`<service>.<purpose>`).
 * Broker ACLs are derived from this and from each event's `producer`: a service the list omits
 * cannot read the topic, so a consumer added without its line here fails to start (its group is
 * refused the topic), which every integration and end-to-end test of that service would show.
 */
export const CONSUMED_EVENTS: Readonly<Record<ProducerService, readonly EventName[]>> = Object.freeze({
  // Issue 14: each milestone's progress, for change orders, termination and completion.
  'contract-service': ['milestone.status_updated'],
  'milestone-service': ['contract.activated', 'contract.amended', 'contract.terminated', 'contract.completed', 'invoice.issued', 'invoice.paid'],
  'invoicing-service': ['contract.activated', 'contract.amended', 'contract.terminated', 'contract.completed', 'milestone.status_updated', 'collections.written_off', 'collections.dispute_opened', 'collections.dispute_resolved', 'collections.dispute_withdrawn'],
  // A webhook subscription may name any catalogue event but notification's own, so notification
  // reads every other topic (its own would loop: a delivery's outcome delivered, and so on).
  'notification-service': [...WEBHOOK_EVENT_NAMES],
  'collections-service': [
    'invoice.overdue', 'invoice.paid', 'payment.recorded', 'invoice.voided', 'invoice.uncollectible', 'credit_note.issued',
    // Issue 11: the receivable ledger knows every invoice from its issue; the client's zone from its contract.
    'invoice.issued',
    'contract.activated',
  ],
});

export const SERVICE_PRINCIPALS = Object.keys(CONSUMED_EVENTS) as ProducerService[];

/** One ALLOW rule on the broker: a principal may do one operation on a topic or consumer group. */
export interface TopicAccessGrant {
  /** The Kafka user: the service's name (its SASL username). */
  readonly principal: ProducerService;
  readonly resourceType: 'topic' | 'group';
  /** `prefixed` for consumer groups: every group of a service starts with `<service>.`. */
  readonly patternType: 'literal' | 'prefixed';
  readonly resourceName: string;
  /** WRITE implies DESCRIBE; READ implies DESCRIBE (enough for offsets and lag). */
  readonly operation: 'write' | 'read';
}

/**
 * Least privilege on the event backbone: only an event's producer writes its topic; a consumer
 * reads the topics it consumes, writes their dead-letter topics (it is the one that dead-letters
 * a message it cannot apply) and uses its own consumer groups. Anything not granted is denied
 * (StandardAuthorizer, no `allow.everyone.if.no.acl.found`). Tools and tests use the admin
 * principal, a super user, and need no grant.
 */
export function topicAccessGrants(): TopicAccessGrant[] {
  const grants: TopicAccessGrant[] = EVENT_NAMES.map((event) => ({
    principal: eventDefinition(event).producer,
    resourceType: 'topic',
    patternType: 'literal',
    resourceName: event,
    operation: 'write',
  }));
  for (const service of SERVICE_PRINCIPALS) {
    const consumed = CONSUMED_EVENTS[service];
    for (const event of consumed) {
      grants.push({ principal: service, resourceType: 'topic', patternType: 'literal', resourceName: event, operation: 'read' });
      grants.push({ principal: service, resourceType: 'topic', patternType: 'literal', resourceName: deadLetterTopicOf(event), operation: 'write' });
    }
    if (consumed.length > 0) {
      grants.push({ principal: service, resourceType: 'group', patternType: 'prefixed', resourceName: `${service}.`, operation: 'read' });
    }
  }
  return grants;
}
