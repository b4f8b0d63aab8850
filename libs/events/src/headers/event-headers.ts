import {
  eventDefinition,
  isEventVersion,
  UnknownEventError,
  versionsOf,
  type EventName,
} from '../catalogue/event-catalogue';

export interface EventHeaderDeclaration {
  readonly name: string;
  readonly required: boolean;
  readonly description: string;
  readonly pattern?: string;
  readonly example: string;
  /**
   * Set on one event only, its value a copy of one of its `data` fields: so that a consumer can
   * skip messages it does not act on by their headers (EventHandler.ignores), without parsing them.
   */
  readonly copiedFrom?: { readonly event: EventName; readonly dataField: string };
}

/**
 * Kafka headers every event message carries. Metadata travels here, not in the envelope, because
 * the envelope is exactly what webhooks and finance tooling receive (ARCHITECTURE.md "Events").
 */
export const EVENT_HEADERS = [
  {
    name: 'content-type',
    required: true,
    description: 'Media type of the message value: always application/json (UTF-8).',
    pattern: '^application/json$',
    example: 'application/json',
  },
  {
    name: 'event-version',
    required: true,
    description: 'Version of the event schema the value conforms to, as a decimal integer; pick the validator with it.',
    pattern: '^[1-9][0-9]*$',
    example: '1',
  },
  {
    name: 'producer',
    required: true,
    description: 'Name of the service that published the event.',
    pattern: '^[a-z][a-z0-9-]*$',
    example: 'milestone-service',
  },
  {
    name: 'traceparent',
    required: false,
    description: 'W3C Trace Context of the work that produced the event, so consumers continue the same trace.',
    pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$',
    example: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  },
  {
    name: 'causation-id',
    required: false,
    description:
      'What caused this event: the evt_ id of the event being handled, or the request id of the command or timer that caused it.',
    example: 'evt_01JWA5Q8RMB6Y3N0J2K4P7T9VX',
  },
  {
    name: 'milestone-status',
    required: false,
    description:
      'Only on milestone.status_updated: the status the milestone is in now (data.status), so a consumer skips the statuses it does not act on without parsing the value. Absent from messages published before issue 13; a consumer then reads data.status.',
    pattern: '^[a-z_]+$',
    example: 'approved',
    copiedFrom: { event: 'milestone.status_updated', dataField: 'status' },
  },
] as const satisfies readonly EventHeaderDeclaration[];

export type EventHeaderName = (typeof EVENT_HEADERS)[number]['name'];

type RequiredEventHeaderName = Extract<(typeof EVENT_HEADERS)[number], { required: true }>['name'];

export type EventHeaders = Record<RequiredEventHeaderName, string> & Partial<Record<EventHeaderName, string>>;

/** The headers a message of this event may carry: every header but those copied from another event's data. */
export function headersCarriedBy(name: EventName): readonly EventHeaderDeclaration[] {
  return EVENT_HEADERS.filter((header: EventHeaderDeclaration) => header.copiedFrom === undefined || header.copiedFrom.event === name);
}

/**
 * The headers of an event message, with the version and producer taken from the catalogue, and
 * the headers copied from its `data` (milestone-status) when the data is given.
 */
export function eventHeadersOf(
  name: EventName,
  version: number,
  context: { readonly traceparent?: string; readonly causationId?: string } = {},
  data?: object,
): EventHeaders {
  if (!isEventVersion(name, version)) {
    throw new UnknownEventError(`unknown version ${version} of event "${name}" (known: ${versionsOf(name).join(', ')})`);
  }
  const headers: EventHeaders = {
    'content-type': 'application/json',
    'event-version': String(version),
    producer: eventDefinition(name).producer,
  };
  if (context.traceparent !== undefined) headers.traceparent = context.traceparent;
  if (context.causationId !== undefined) headers['causation-id'] = context.causationId;
  for (const header of EVENT_HEADERS as readonly EventHeaderDeclaration[]) {
    if (header.copiedFrom?.event !== name || data === undefined) continue;
    const value = (data as Record<string, unknown>)[header.copiedFrom.dataField];
    if (typeof value === 'string') headers[header.name as EventHeaderName] = value;
  }
  return headers;
}
