import { MILESTONE_STATUSES as PUBLISHED_STATUSES } from '@mb/events';
import { MILESTONE_STATUSES } from '../domain/milestone/milestone-status';

// The domain keeps its own list (domain code imports no transport contract), and the event
// catalogue declares what milestone.status_updated may carry: the two must never drift apart,
// or an event would fail validation in the outbox, or consumers would meet a status unannounced.
describe('milestone statuses', () => {
  it('are exactly the statuses milestone.status_updated publishes, in the same order', () => {
    expect([...MILESTONE_STATUSES]).toEqual([...PUBLISHED_STATUSES]);
  });
});
