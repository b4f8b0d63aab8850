import {
  EVENT_HEADERS,
  EVENT_NAMES,
  TOPICS,
  eventDefinition,
  prefixedIdPattern,
  versionsOf,
  type EventName,
  type TopicDeclaration,
} from '@mb/events';

const DAY_MS = 24 * 60 * 60 * 1000;

function retention(milliseconds: number): string {
  return milliseconds % DAY_MS === 0 ? `${milliseconds / DAY_MS} days` : `${milliseconds} ms`;
}

function topicOf(name: EventName): TopicDeclaration {
  const topic = TOPICS.find((declaration) => declaration.kind === 'event' && declaration.event === name);
  if (!topic) throw new Error(`no topic declared for ${name}`);
  return topic;
}

function versionsCell(name: EventName): string {
  const current = eventDefinition(name).currentVersion;
  return versionsOf(name)
    .map((version) => (version === current && versionsOf(name).length > 1 ? `${version} (current)` : String(version)))
    .join(', ');
}

export function schemaFileName(name: EventName, version: number): string {
  return `${name}.v${version}.json`;
}

/** docs/events/README.md: the catalogue for people, rendered from the same declarations. */
export function renderEventsReadme(regenerateCommand: string): string {
  const topicRows = EVENT_NAMES.map((name) => {
    const definition = eventDefinition(name);
    const topic = topicOf(name);
    return `| \`${name}\` | ${versionsCell(name)} | ${definition.producer} | \`${definition.partitionKey}\` | ${topic.partitions} | ${retention(topic.retentionMs)} | ${definition.description} |`;
  });
  const headerRows = EVENT_HEADERS.map(
    (header) => `| \`${header.name}\` | ${header.required ? 'yes' : 'no'} | ${header.description} | \`${header.example}\` |`,
  );
  const deadLetterRows = TOPICS.filter((topic) => topic.kind === 'dead-letter').map(
    (topic) => `| \`${topic.name}\` | \`${topic.event}\` | ${topic.partitions} | ${retention(topic.retentionMs)} |`,
  );
  const schemaLinks = EVENT_NAMES.flatMap((name) =>
    versionsOf(name).map((version) => `- [\`${name}\` v${version}](schemas/${schemaFileName(name, version)})`),
  );

  return `<!-- Generated from libs/events by tools/events/generate-asyncapi.ts. Do not edit: regenerate with
${regenerateCommand} -->

# Event catalogue

Every Kafka event of the milestone-billing system, declared once in \`libs/events\` (TypeBox schemas
from which the TypeScript types, the JSON Schemas below and [asyncapi.yaml](asyncapi.yaml) are all
derived). Producers and consumers validate with \`validateEvent\` from \`@mb/events\`.

## Envelope

The Kafka message value, and the body of outbound webhooks, is exactly:

\`\`\`json
{ "event": "<event name>", "id": "evt_<opaque>", "created_at": "<RFC 3339>", "data": { ... } }
\`\`\`

- \`event\`: the event name, which is also the topic name.
- \`id\`: \`evt_\` followed by an opaque string (see ids below); consumers record it (inbox) so a
  redelivery has no second effect.
- \`created_at\`: when the producer recorded the event (RFC 3339 date-time).
- \`data\`: the event's fields. The envelope admits no other key; \`data\` admits fields its schema
  does not name yet (see versioning).

Money is an integer in the currency's smallest unit, named \`*_cents\`, from 0 to 10^15 (the API's
cap too); currencies are lowercase ISO 4217 codes; percentages are integers in basis points
(\`*_bps\`); dates without a time are \`YYYY-MM-DD\`. Email fields (\`format: email\`) follow the API's
one rule: ASCII \`local@domain.tld\`, at most 254 characters (\`isEmailAddress\` in libs/events).

Every string is bounded, so that events stay small and the outbox never refuses one for its size
(issue 13): free text (names, titles, reasons, notes, references, addresses) has a \`maxLength\`
equal to the limit of the API input that feeds it (\`TEXT_LIMITS\` in libs/events; for example a
client name or a title 300, acceptance criteria 4000, a reason 500 to 2000, a subject 255), every
other string is an id or code pattern, an enum, a date, an instant or an email address. A
milestone's \`reason\` may be 2,100 long: a termination cancels with "Contract terminated: " before
the contract's reason of up to 2,000. notification-service cuts a receiver's error text to
\`error\`'s 500 (ending in "…").

Ids carry their kind as a prefix: \`con_\`, \`cli_\`, \`ms_\`, \`inv_\`, \`pay_\`, \`rfd_\`, \`cn_\`, \`case_\`,
\`cf_\` (a case file), \`rcv_\` (an agency recovery), \`evt_\`. After the prefix and its underscore comes an opaque string of 1 to 64 characters among
\`A-Z a-z 0-9 _ -\`, so a contract id matches \`${prefixedIdPattern('con')}\` (\`con_7732_alpha\`
does; the opaque part may itself hold \`_\`). The schemas check the prefix and that form, nothing
more. The ids this system creates are ULIDs, but that is no part of the contract: ids made by
another producer need not be, so a consumer compares ids whole and never parses, decodes or sorts
by the opaque part.

## Topics

Topic name = event name. The Kafka key is the value of the \`data\` field in the key column.

| topic | version | producer | key | partitions | retention | description |
|---|---|---|---|---|---|---|
${topicRows.join('\n')}

Keys: contract, milestone, invoice and credit-note events are keyed by \`contract_id\`, so
one contract's events stay in order. Collections events are keyed by \`client_id\`: a collections
case belongs to a client and can span several of its contracts, so keying by client keeps all of
one case's events in order on each topic. Collections events about one invoice still carry that
invoice's \`contract_id\`. Payment and refund events are keyed by \`client_id\` too: a payment
belongs to a client, may settle invoices of several of its contracts (each allocation names its
\`contract_id\`) and leaves its rest as the client's credit, which a refund pays back.

Broker auto-creation is off: topics are created from \`TOPICS\` in \`libs/events\`.

## Kafka headers

Metadata travels in headers, never in the envelope.

| header | required | meaning | example |
|---|---|---|---|
${headerRows.join('\n')}

## Versioning

- Every event has an integer version, starting at 1, sent in the \`event-version\` header. A
  consumer picks the schema by event name and that header.
- Adding an optional field to \`data\` is compatible: the version stays. Consumers must ignore
  fields they do not know, which is why \`data\` admits additional properties.
- Anything else is a new version: removing or renaming a field, changing its type or meaning,
  making an optional field required, tightening or loosening a rule (a pattern, a minimum, a new
  enum value), or changing the key. The new version is published on the same topic next to the old
  one; producers switch (\`currentVersion\`) once every consumer accepts it, and the old version is
  removed from the catalogue only when no producer sends it and the topic's retention has passed.
- The envelope itself (\`event\`, \`id\`, \`created_at\`, \`data\`) does not change.
- The \`maxLength\` caps on free text (issue 13) stayed within each version, although they tighten a
  rule: every capped value was already refused above that length by the API input that feeds it,
  so no event ever published exceeds its cap (docs/decisions.md "Event field caps without new
  versions").
- \`contract.created\`, \`contract.activated\` and \`contract.amended\` are at version 2 because the
  billing trigger \`on_date\` joined \`billing_trigger\` in their contract terms (issue 9 "Date-based
  billing"); version 1 keeps the three older values. contract-service publishes version 2; the
  consumers (milestone, invoicing, notification) accept both.
- \`invoice.issued\` is at version 2 because an invoice may bill released retainage rather than a
  milestone (issue 10 "Retainage released"): version 2 adds the required \`kind\` (\`milestone\` or
  \`retainage_release\`) and \`released_invoices\`, and makes \`milestone_index\` and
  \`milestone_title\`, required in version 1, present only on a milestone's invoice. invoicing-service
  publishes version 2; its consumers (milestone, notification) accept both and tell a retainage
  release by its missing \`milestone_index\`, which moves no milestone. Deploy them before invoicing.
  Both versions carry the optional \`credit_applied_cents\` (issue 10 "Cash application": the
  client's unapplied credit applied at issue), added within each version.
- The contract terms' \`retainage_release_date\` (optional, added within versions 1 and 2) is the day
  invoicing releases the retainage withheld so far, in the client's calendar.
- \`payment.recorded\` is at version 2 (issue 10 "Cash application"): a payment is a client's, not
  one contract's, so \`contract_id\` left \`data\` for each allocation, \`method\` and
  \`external_reference\` (which replaces \`reference\`) joined it, and the key became \`client_id\`.
  invoicing-service publishes version 2; collections-service and notification-service accept both.

## Dead-letter topics

A message a consumer cannot apply after its retries goes to the dead-letter topic of its topic,
\`<topic>.dlt\`, with the original key, value and headers and the error, so it can be replayed.

| topic | dead letters of | partitions | retention |
|---|---|---|---|
${deadLetterRows.join('\n')}

## JSON Schemas (2020-12)

${schemaLinks.join('\n')}
`;
}
