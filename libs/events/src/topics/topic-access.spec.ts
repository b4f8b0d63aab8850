import { EVENT_NAMES, eventDefinition, type EventName } from '../catalogue/event-catalogue';
import { CONSUMED_EVENTS, topicAccessGrants } from './topic-access';

describe('topic access grants', () => {
  const grants = topicAccessGrants();
  const writersOf = (topic: string) => grants.filter((grant) => grant.resourceName === topic && grant.operation === 'write').map((grant) => grant.principal);

  it.each(EVENT_NAMES.map((event) => [event]))('lets only the producer of %s write it', (event) => {
    // given the catalogue's producer of the event
    const { producer } = eventDefinition(event);
    // then it is the one principal that may write the topic
    expect(writersOf(event)).toEqual([producer]);
  });

  it('lets every consumer of an event read its topic and write its dead-letter topic, and no one else', () => {
    for (const event of EVENT_NAMES) {
      const consumers = Object.entries(CONSUMED_EVENTS)
        .filter(([, consumed]) => consumed.includes(event))
        .map(([service]) => service)
        .sort();
      const readers = grants.filter((grant) => grant.resourceName === event && grant.operation === 'read').map((grant) => grant.principal);
      expect(readers.sort()).toEqual(consumers);
      expect(writersOf(`${event}.dlt`).sort()).toEqual(consumers);
    }
  });

  it('gives each consuming service its own consumer groups by prefix, and a service consuming nothing none', () => {
    const groups = grants.filter((grant) => grant.resourceType === 'group');
    expect(groups).toContainEqual({ principal: 'invoicing-service', resourceType: 'group', patternType: 'prefixed', resourceName: 'invoicing-service.', operation: 'read' });
    const consuming = Object.entries(CONSUMED_EVENTS).filter(([, consumed]) => consumed.length > 0).map(([service]) => service);
    expect(groups.map((grant) => grant.principal).sort()).toEqual(consuming.sort());
    for (const grant of groups) expect(grant.resourceName).toBe(`${grant.principal}.`);
  });

  it('never lets a service write a topic of an event another service produces', () => {
    const foreignWrites = grants.filter(
      (grant) => grant.resourceType === 'topic' && grant.operation === 'write' && !grant.resourceName.endsWith('.dlt') && eventDefinition(grant.resourceName as EventName).producer !== grant.principal,
    );
    expect(foreignWrites).toEqual([]);
  });
});
