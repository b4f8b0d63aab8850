export { EventPublisher, eventually, testKafka, TopicReader, type ReadEvent } from '@mb/testing';
