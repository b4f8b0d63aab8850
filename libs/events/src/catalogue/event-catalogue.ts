import type { Static, TSchema } from '@sinclair/typebox';
import type { EnvelopeSchema } from '../envelope/event-envelope';
import { collectionsAgencyRecoveryRecorded } from './collections/collections-agency-recovery-recorded.event';
import { collectionsCaseClosed } from './collections/collections-case-closed.event';
import { collectionsCaseOpened } from './collections/collections-case-opened.event';
import { collectionsDisputeOpened } from './collections/collections-dispute-opened.event';
import { collectionsDisputeResolved } from './collections/collections-dispute-resolved.event';
import { collectionsInstalmentDueSoon } from './collections/collections-instalment-due-soon.event';
import { collectionsInstalmentPaid } from './collections/collections-instalment-paid.event';
import { collectionsInvoiceJoined } from './collections/collections-invoice-joined.event';
import { collectionsPromiseBroken, collectionsPromiseKept, collectionsPromiseRecorded } from './collections/collections-promise.events';
import { collectionsPaymentPlanAgreed } from './collections/collections-payment-plan-agreed.event';
import { collectionsPaymentPlanProposed } from './collections/collections-payment-plan-proposed.event';
import { collectionsDisputeWithdrawn } from './collections/collections-dispute-withdrawn.event';
import { collectionsPaymentPlanBroken } from './collections/collections-payment-plan-broken.event';
import { collectionsPaymentPlanCompleted } from './collections/collections-payment-plan-completed.event';
import { collectionsHandedOff } from './collections/collections-handed-off.event';
import { collectionsStageChanged } from './collections/collections-stage-changed.event';
import { collectionsWrittenOff } from './collections/collections-written-off.event';
import { contractActivated } from './contract/contract-activated.event';
import { contractAmended } from './contract/contract-amended.event';
import { contractChangeOrderProposed, contractChangeOrderRejected } from './contract/contract-change-order.events';
import { contractCompleted } from './contract/contract-completed.event';
import { contractCreated } from './contract/contract-created.event';
import { contractTerminated } from './contract/contract-terminated.event';
import { creditNoteIssued } from './credit-note/credit-note-issued.event';
import type { AnyEventDefinition } from './event-definition';
import { invoiceIssued } from './invoice/invoice-issued.event';
import { invoiceOverdue } from './invoice/invoice-overdue.event';
import { invoicePaid } from './invoice/invoice-paid.event';
import { invoicePaymentReminderDue } from './invoice/invoice-payment-reminder-due.event';
import { invoiceUncollectible } from './invoice/invoice-uncollectible.event';
import { invoiceVoided } from './invoice/invoice-voided.event';
import { milestoneApprovalRequested } from './milestone/milestone-approval-requested.event';
import { milestoneApprovalWindowClosed } from './milestone/milestone-approval-window-closed.event';
import { milestoneDelayed } from './milestone/milestone-delayed.event';
import { milestoneDueSoon } from './milestone/milestone-due-soon.event';
import { milestoneStatusUpdated } from './milestone/milestone-status-updated.event';
import { notificationFailed } from './notification/notification-failed.event';
import { notificationSent } from './notification/notification-sent.event';
import { notificationWebhookDisabled } from './notification/notification-webhook-disabled.event';
import { paymentRecorded } from './payment/payment-recorded.event';
import { refundRecorded } from './refund/refund-recorded.event';

// The one list of events. Everything else (names, topics, schemas, docs) is derived from it, in
// this order: ARCHITECTURE.md's topic list, with the events issues added since beside their kin.
const definitions = [
  contractCreated,
  contractActivated,
  contractChangeOrderProposed,
  contractChangeOrderRejected,
  contractAmended,
  contractTerminated,
  contractCompleted,
  milestoneStatusUpdated,
  milestoneDueSoon,
  milestoneDelayed,
  milestoneApprovalRequested,
  milestoneApprovalWindowClosed,
  invoiceIssued,
  invoicePaid,
  invoiceOverdue,
  invoicePaymentReminderDue,
  invoiceVoided,
  invoiceUncollectible,
  paymentRecorded,
  refundRecorded,
  creditNoteIssued,
  collectionsCaseOpened,
  collectionsInvoiceJoined,
  collectionsStageChanged,
  collectionsPromiseRecorded,
  collectionsPromiseKept,
  collectionsPromiseBroken,
  collectionsPaymentPlanProposed,
  collectionsPaymentPlanAgreed,
  collectionsInstalmentDueSoon,
  collectionsInstalmentPaid,
  collectionsPaymentPlanBroken,
  collectionsPaymentPlanCompleted,
  collectionsCaseClosed,
  collectionsWrittenOff,
  collectionsDisputeOpened,
  collectionsDisputeResolved,
  collectionsDisputeWithdrawn,
  collectionsHandedOff,
  collectionsAgencyRecoveryRecorded,
  notificationSent,
  notificationFailed,
  notificationWebhookDisabled,
] as const;

type Definitions = typeof definitions;

export type EventName = Definitions[number]['name'];

export type EventDefinitionOf<N extends EventName> = Extract<Definitions[number], { name: N }>;

/** Every version of event N that the catalogue still declares. */
export type EventVersion<N extends EventName> = keyof EventDefinitionOf<N>['versions'] & number;

/** The version producers of event N publish now. */
export type CurrentEventVersion<N extends EventName> = EventDefinitionOf<N>['currentVersion'];

type DataSchemaOf<N extends EventName, V extends number> =
  EventDefinitionOf<N>['versions'][V & keyof EventDefinitionOf<N>['versions']];

/** V when given, else the current version of N; per event, so that a union of events each takes its own. */
type VersionOf<N extends EventName, V extends number | undefined> = V extends number ? V : CurrentEventVersion<N>;

/** The `data` of event N at version V (by default the current one), derived from its TypeBox schema. */
export type EventData<N extends EventName, V extends number | undefined = undefined> = N extends EventName
  ? DataSchemaOf<N, VersionOf<N, V>> extends infer S extends TSchema
    ? Static<S>
    : never
  : never;

/** The whole message value of event N at version V (by default the current one). */
export type EventEnvelope<N extends EventName, V extends number | undefined = undefined> = N extends EventName
  ? DataSchemaOf<N, VersionOf<N, V>> extends infer S extends TSchema
    ? Static<EnvelopeSchema<N, S>>
    : never
  : never;

/** Any event at its current version, discriminated by `event`. */
export type AnyEventEnvelope = { [N in EventName]: EventEnvelope<N> }[EventName];

/** Event N at any declared version: what a consumer of N may receive. */
export type EventEnvelopeOfAnyVersion<N extends EventName> = N extends EventName
  ? { [V in EventVersion<N>]: EventEnvelope<N, V> }[EventVersion<N>]
  : never;

type NamesOf<T extends readonly { name: string }[]> = { readonly [I in keyof T]: T[I]['name'] };

export const EVENT_NAMES = Object.freeze(definitions.map((definition) => definition.name)) as unknown as NamesOf<Definitions>;

/**
 * The events a webhook subscription may name, and so the topics notification-service consumes:
 * every event but notification-service's own (notification.sent, …). A delivery's outcome fanned
 * out to a webhook would be a delivery with an outcome of its own, an endless loop.
 */
export const WEBHOOK_EVENT_NAMES: readonly EventName[] = Object.freeze(definitions.filter((definition) => definition.producer !== 'notification-service').map((definition) => definition.name));

export const eventCatalogue: { readonly [N in EventName]: EventDefinitionOf<N> } = Object.freeze(
  Object.fromEntries(definitions.map((definition) => [definition.name, definition])),
) as { readonly [N in EventName]: EventDefinitionOf<N> };

export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(eventCatalogue, name);
}

export class UnknownEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnknownEventError';
  }
}

/** The definition of a catalogued event; throws UnknownEventError for a name not in the catalogue. */
export function eventDefinition<N extends EventName>(name: N): EventDefinitionOf<N>;
export function eventDefinition(name: string): AnyEventDefinition;
export function eventDefinition(name: string): AnyEventDefinition {
  if (!isEventName(name)) throw new UnknownEventError(`unknown event "${name}"`);
  return eventCatalogue[name];
}

/** The declared versions of an event, oldest first. */
export function versionsOf(name: EventName): number[] {
  return Object.keys(eventCatalogue[name].versions)
    .map(Number)
    .sort((a, b) => a - b);
}

export function isEventVersion(name: EventName, version: number): boolean {
  return Object.prototype.hasOwnProperty.call(eventCatalogue[name].versions, version);
}
