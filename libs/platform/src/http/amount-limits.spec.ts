import { MAX_AMOUNT_CENTS as EVENT_CAP } from '@mb/events';
import { MAX_AMOUNT_CENTS as API_CAP } from '@mb/money';

// The catalogue may import nothing, so it declares the amount cap itself: held equal here, where
// both libraries meet (the DTOs cap with libs/money's, the event schemas with libs/events').
it('caps amounts at the same 10^15 minor units in the API and on the events', () => {
  expect(API_CAP).toBe(10 ** 15);
  expect(EVENT_CAP).toBe(API_CAP);
});
