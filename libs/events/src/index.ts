// The event catalogue: every Kafka event's name, version, producer, key and schema, declared once.
// Plain TypeScript with TypeBox and Ajv only, so any service layer (and tooling) may import it.
export {
  EVENT_NAMES,
  eventCatalogue,
  eventDefinition,
  isEventName,
  isEventVersion,
  versionsOf,
  UnknownEventError,
  type AnyEventEnvelope,
  type CurrentEventVersion,
  type EventData,
  type EventDefinitionOf,
  type EventEnvelope,
  type EventEnvelopeOfAnyVersion,
  type EventName,
  type EventVersion,
} from './catalogue/event-catalogue';
export { WEBHOOK_EVENT_NAMES } from './catalogue/event-catalogue';
export { NOTIFICATION_CHANNELS } from './catalogue/notification/notification.fields';
export { NOTIFICATION_FAILURES } from './catalogue/notification/notification-failed.event';
export type { AnyEventDefinition, EventDefinition, ProducerService } from './catalogue/event-definition';
export {
  BILLING_TRIGGERS,
  MILESTONE_STATUSES,
  type BillingTrigger,
  type MilestoneStatus,
} from './catalogue/event-fields';
export { INVOICE_KINDS } from './catalogue/invoice/invoice-identity.fields';
export { PAYMENT_REMINDER_KINDS } from './catalogue/invoice/invoice-payment-reminder-due.event';
export { CASE_RESOLUTIONS } from './catalogue/collections/collections-case-closed.event';
export { STAGE_CHANGE_CAUSES } from './catalogue/collections/collections-stage-changed.event';
export { DISPUTE_OUTCOMES } from './catalogue/collections/collections-dispute-resolved.event';
export { DISPUTE_ACTOR_ROLES } from './catalogue/collections/collections-dispute.fields';
export { EVENT_ID_PATTERN, envelopeSchema, type EnvelopeSchema } from './envelope/event-envelope';
export { EMAIL_ADDRESS_MAX_LENGTH, EMAIL_ADDRESS_RULE, isEmailAddress } from './fields/email-address';
export { MAX_AMOUNT_CENTS, TEXT_LIMITS } from './catalogue/event-fields';
export { OPAQUE_ID_PART, OPAQUE_ID_RULE, prefixedIdPattern, prefixedIdRule } from './ids/prefixed-id';
export { JSON_SCHEMA_DIALECT, eventSchemaId, jsonSchemaOf, type EventJsonSchema } from './validation/event-json-schema';
export { validateEvent, type EventValidation } from './validation/validate-event';
export { partitionKeyOf } from './partition/partition-key';
export {
  EVENT_HEADERS,
  eventHeadersOf,
  headersCarriedBy,
  type EventHeaderDeclaration,
  type EventHeaderName,
  type EventHeaders,
} from './headers/event-headers';
export {
  DEAD_LETTER_TOPIC_PARTITIONS,
  DEAD_LETTER_TOPIC_RETENTION_MS,
  EVENT_TOPIC_PARTITIONS,
  EVENT_TOPIC_RETENTION_MS,
  TOPICS,
  deadLetterTopicOf,
  type DeadLetterTopic,
  type TopicDeclaration,
} from './topics/event-topics';
export { CONSUMED_EVENTS, SERVICE_PRINCIPALS, topicAccessGrants, type TopicAccessGrant } from './topics/topic-access';
export * from './fixtures/event-fixtures';
export { fixtureEventId } from './fixtures/fixture-ids';
