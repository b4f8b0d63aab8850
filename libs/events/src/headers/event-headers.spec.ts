import { EVENT_ID_PATTERN } from '../envelope/event-envelope';
import { EVENT_HEADERS, eventHeadersOf, headersCarriedBy } from './event-headers';

describe('event headers', () => {
  it('declares the metadata headers every event message carries', () => {
    expect(EVENT_HEADERS.map((header) => header.name)).toEqual([
      'content-type',
      'event-version',
      'producer',
      'traceparent',
      'causation-id',
      'milestone-status',
    ]);
  });

  it('gives each declared header an example that matches its own rule', () => {
    for (const header of EVENT_HEADERS) {
      if ('pattern' in header) expect(header.example).toMatch(new RegExp(header.pattern));
    }
    expect(EVENT_HEADERS.find((header) => header.name === 'causation-id')?.example).toMatch(new RegExp(EVENT_ID_PATTERN));
  });

  it("takes an event's version and producer from the catalogue", () => {
    expect(eventHeadersOf('invoice.issued', 1)).toEqual({
      'content-type': 'application/json',
      'event-version': '1',
      producer: 'invoicing-service',
    });
  });

  it('passes the trace and the cause on when there are some', () => {
    const headers = eventHeadersOf('collections.case_opened', 1, {
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      causationId: 'evt_01JWA5Q8RMB6Y3N0J2K4P7T9VX',
    });
    expect(headers).toMatchObject({
      producer: 'collections-service',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      'causation-id': 'evt_01JWA5Q8RMB6Y3N0J2K4P7T9VX',
    });
  });

  it("copies a milestone's new status into milestone-status, on milestone.status_updated only", () => {
    expect(eventHeadersOf('milestone.status_updated', 1, {}, { status: 'invoiced', contract_id: 'con_1' })['milestone-status']).toBe('invoiced');
    expect(eventHeadersOf('milestone.status_updated', 1)).not.toHaveProperty('milestone-status');
    expect(eventHeadersOf('contract.terminated', 2, {}, { status: 'invoiced' })).not.toHaveProperty('milestone-status');
    expect(headersCarriedBy('milestone.status_updated').map((header) => header.name)).toContain('milestone-status');
    expect(headersCarriedBy('invoice.issued').map((header) => header.name)).not.toContain('milestone-status');
  });

  it('refuses a version the catalogue does not declare', () => {
    expect(() => eventHeadersOf('invoice.issued', 3)).toThrow('unknown version 3 of event "invoice.issued"');
  });
});
