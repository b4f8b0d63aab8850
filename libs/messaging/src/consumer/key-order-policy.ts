import type { ReleaseAction, ReleaseRequest } from '../dead-letter/dead-letter-headers';

/**
 * What a consumer group does with a message of a key, given the dead letter (if any) that holds
 * the key back in this group. Pure: the consumer runner asks, and acts.
 *
 * - `release`: the message is the operator's replay (apply it first) or discard (apply nothing) of
 *   exactly the dead letter holding the key; the events parked behind it follow in their order.
 * - `skip`: a discard meant for another group, or for a dead letter that no longer holds the key
 *   (released already): it has no effect anywhere.
 * - `normal`: everything else. It is applied, or parked if the key is held back; the database
 *   decides that in the transaction, so a block written a moment ago is never missed.
 */
export type KeyAdmission = { readonly kind: 'release'; readonly action: ReleaseAction } | { readonly kind: 'skip' } | { readonly kind: 'normal' };

export interface KeyBlock {
  /** `topic/partition/offset` of the delivery that was dead-lettered. */
  readonly deadLetterSource: string;
}

export function keyAdmissionOf(consumerGroup: string, release: ReleaseRequest | undefined, block: KeyBlock | undefined): KeyAdmission {
  if (release === undefined) return { kind: 'normal' };
  const releasesThisBlock = release.consumerGroup === consumerGroup && block !== undefined && block.deadLetterSource === release.deadLetterSource;
  if (releasesThisBlock) return { kind: 'release', action: release.action };
  // A replay is the original event again: any group applies it once (its inbox skips a repeat),
  // parked behind a block if its key is held. A discard is never an event to apply.
  return release.action === 'discard' ? { kind: 'skip' } : { kind: 'normal' };
}
