import { EVENT_NAMES, UnknownEventError } from '../catalogue/event-catalogue';
import { deadLetterTopicOf, TOPICS } from './event-topics';

const THIRTY_DAYS_MS = 30 * 24 * 60 * 60 * 1000;

describe('topic declarations', () => {
  it('declares one topic per event, named after it, with 6 partitions and 30 days of retention', () => {
    const eventTopics = TOPICS.filter((topic) => topic.kind === 'event');
    expect(eventTopics.map((topic) => topic.name)).toEqual([...EVENT_NAMES]);
    for (const topic of eventTopics) {
      expect(topic).toMatchObject({ event: topic.name, partitions: 6, retentionMs: THIRTY_DAYS_MS, cleanupPolicy: 'delete' });
    }
  });

  it('declares a dead-letter topic for every event topic', () => {
    const deadLetterTopics = TOPICS.filter((topic) => topic.kind === 'dead-letter');
    expect(deadLetterTopics.map((topic) => topic.name)).toEqual(EVENT_NAMES.map((name) => `${name}.dlt`));
    for (const topic of deadLetterTopics) {
      expect(topic).toMatchObject({ partitions: 3, retentionMs: THIRTY_DAYS_MS });
      expect(topic.name).toBe(deadLetterTopicOf(topic.event));
    }
  });

  it('declares each topic once', () => {
    const names = TOPICS.map((topic) => topic.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('names the dead-letter topic of a topic <topic>.dlt', () => {
    expect(deadLetterTopicOf('invoice.issued')).toBe('invoice.issued.dlt');
  });

  it('refuses a dead-letter topic for a topic it does not declare, since nothing would create it', () => {
    expect(() => deadLetterTopicOf('invoice.sent' as never)).toThrow(UnknownEventError);
  });
});
