import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { CalendarDate, CaseId, Cents, ClientId, Currency, PromiseId, Timestamp } from '../event-fields';
import { DunningStage } from './collections.fields';

const promiseFields = {
  case_id: CaseId,
  client_id: ClientId,
  promise_id: PromiseId,
  promised_date: CalendarDate("The date, in the client's calendar, by which the client promised to pay."),
  currency: Currency,
  amount_cents: Cents('What the client promised to pay by then.', { minimum: 1 }),
};

export const CollectionsPromiseRecordedDataV1 = Type.Object(
  { ...promiseFields, recorded_at: Timestamp('When the promise was recorded.') },
  { description: 'A promise to pay was recorded on a case; dunning pauses until the end of the promised date.' },
);

export const CollectionsPromiseKeptDataV1 = Type.Object(
  {
    ...promiseFields,
    paid_cents: Cents('What payments and credits took off the case in that currency since the promise.'),
    kept_at: Timestamp('When the promise was found kept (the end of the promised date).'),
  },
  { description: 'The client paid at least what it promised by the promised date (or nothing is owed any more); dunning resumes where it stood.' },
);

export const CollectionsPromiseBrokenDataV1 = Type.Object(
  {
    ...promiseFields,
    paid_cents: Cents('What payments and credits took off the case in that currency since the promise.'),
    broken_at: Timestamp('When the promise was found broken (the end of the promised date).'),
    stage: DunningStage('The stage the case is on after the escalation (collections.stage_changed, cause broken_promise).'),
  },
  { description: 'The promised date ended without the promised amount paid; the case escalates one stage.' },
);

export const collectionsPromiseRecorded = defineEvent({
  name: 'collections.promise_recorded',
  producer: 'collections-service',
  description: 'A client promised to pay an amount of its overdue balance by a date.',
  partitionKey: 'client_id',
  currentVersion: 1,
  versions: { 1: CollectionsPromiseRecordedDataV1 },
});

export const collectionsPromiseKept = defineEvent({
  name: 'collections.promise_kept',
  producer: 'collections-service',
  description: 'A promise to pay was kept.',
  partitionKey: 'client_id',
  currentVersion: 1,
  versions: { 1: CollectionsPromiseKeptDataV1 },
});

export const collectionsPromiseBroken = defineEvent({
  name: 'collections.promise_broken',
  producer: 'collections-service',
  description: 'A promise to pay was broken: nothing (or too little) paid by the promised date.',
  partitionKey: 'client_id',
  currentVersion: 1,
  versions: { 1: CollectionsPromiseBrokenDataV1 },
});
