import { deadLetterTopicOf, type EventName, isEventName } from '@mb/events';

/**
 * Which Kafka topic carries an event. In production the topic is the event's name (the catalogue's
 * rule); tests give each run topics of its own with a prefix, so that parallel tests never read
 * each other's events.
 */
export interface TopicNaming {
  topicOf(event: EventName): string;
  deadLetterTopicOf(topic: string): string;
}

export const CATALOGUE_TOPIC_NAMING: TopicNaming = {
  topicOf: (event) => event,
  deadLetterTopicOf: (topic) => {
    if (!isEventName(topic)) throw new Error(`${topic} is not a catalogue topic`);
    return deadLetterTopicOf(topic);
  },
};

export function prefixedTopicNaming(prefix: string): TopicNaming {
  return {
    topicOf: (event) => `${prefix}${event}`,
    deadLetterTopicOf: (topic) => `${topic}.dlt`,
  };
}
