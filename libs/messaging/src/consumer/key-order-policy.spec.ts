import { releaseHeadersOf, releaseRequestOf } from '../dead-letter/dead-letter-headers';
import { keyAdmissionOf } from './key-order-policy';

describe('key order policy', () => {
  const group = 'invoicing-service.billing';
  const block = { deadLetterSource: 'milestone.status_updated/2/41' };

  it('handles a message that asks for no release in order (applied, or parked if its key is held)', () => {
    expect(keyAdmissionOf(group, undefined, block)).toEqual({ kind: 'normal' });
    expect(keyAdmissionOf(group, undefined, undefined)).toEqual({ kind: 'normal' });
  });

  it.each(['replay', 'discard'] as const)('releases the key on a %s of exactly the dead letter holding it in this group', (action) => {
    // given a release naming this group and the delivery that holds the key
    const release = { consumerGroup: group, deadLetterSource: block.deadLetterSource, action };
    // when the group decides
    // then it releases the key, applying the dead letter first only for a replay
    expect(keyAdmissionOf(group, release, block)).toEqual({ kind: 'release', action });
  });

  it('treats a replay for another group, or of a dead letter no longer holding the key, as the event again', () => {
    const forAnotherGroup = { consumerGroup: 'notification-service.all', deadLetterSource: block.deadLetterSource, action: 'replay' as const };
    const ofAnEarlierDeadLetter = { consumerGroup: group, deadLetterSource: 'milestone.status_updated/2/7', action: 'replay' as const };
    expect(keyAdmissionOf(group, forAnotherGroup, block)).toEqual({ kind: 'normal' });
    expect(keyAdmissionOf(group, ofAnEarlierDeadLetter, block)).toEqual({ kind: 'normal' });
    expect(keyAdmissionOf(group, ofAnEarlierDeadLetter, undefined)).toEqual({ kind: 'normal' });
  });

  it('never applies a discard: one that releases nothing here is skipped', () => {
    const discard = { consumerGroup: group, deadLetterSource: block.deadLetterSource, action: 'discard' as const };
    expect(keyAdmissionOf('notification-service.all', discard, block)).toEqual({ kind: 'skip' });
    expect(keyAdmissionOf(group, discard, undefined)).toEqual({ kind: 'skip' });
    expect(keyAdmissionOf(group, { ...discard, deadLetterSource: 'milestone.status_updated/2/7' }, block)).toEqual({ kind: 'skip' });
  });

  it('reads back the release headers it writes, and no release from incomplete ones', () => {
    const release = { consumerGroup: group, deadLetterSource: block.deadLetterSource, action: 'discard' as const };
    expect(releaseRequestOf(releaseHeadersOf(release))).toEqual(release);
    expect(releaseRequestOf({ ...releaseHeadersOf(release), 'release-action': 'apply-twice' })).toBeUndefined();
    expect(releaseRequestOf({ 'event-version': '1' })).toBeUndefined();
  });
});
