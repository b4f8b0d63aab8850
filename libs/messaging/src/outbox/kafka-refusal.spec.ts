import { kafkaRefusalOf } from './kafka-refusal';

/** Errors shaped as kafkajs throws them: a protocol error with its type, wrapped once retries are spent. */
const protocolError = (type: string) => Object.assign(new Error(`broker says ${type}`), { name: 'KafkaJSProtocolError', type });
const retriesExceeded = (cause: Error) => Object.assign(new Error(cause.message), { name: 'KafkaJSNumberOfRetriesExceeded', cause });

describe('what Kafka refuses for good', () => {
  it('finds a refused record, even wrapped by kafkajs retries', () => {
    expect(kafkaRefusalOf(protocolError('MESSAGE_TOO_LARGE'))).toEqual({ type: 'MESSAGE_TOO_LARGE', wholeTopic: false, description: 'MESSAGE_TOO_LARGE: broker says MESSAGE_TOO_LARGE' });
    expect(kafkaRefusalOf(retriesExceeded(protocolError('INVALID_RECORD')))).toMatchObject({ type: 'INVALID_RECORD', wholeTopic: false });
  });

  it('tells a refused topic from a refused record', () => {
    expect(kafkaRefusalOf(retriesExceeded(protocolError('UNKNOWN_TOPIC_OR_PARTITION')))).toMatchObject({ type: 'UNKNOWN_TOPIC_OR_PARTITION', wholeTopic: true });
    expect(kafkaRefusalOf(protocolError('TOPIC_AUTHORIZATION_FAILED'))).toMatchObject({ wholeTopic: true });
  });

  it('leaves everything else to be retried', () => {
    expect(kafkaRefusalOf(protocolError('LEADER_NOT_AVAILABLE'))).toBeUndefined();
    expect(kafkaRefusalOf(retriesExceeded(Object.assign(new Error('Connection error: ECONNREFUSED'), { name: 'KafkaJSConnectionError' })))).toBeUndefined();
    expect(kafkaRefusalOf('a string')).toBeUndefined();
  });
});
