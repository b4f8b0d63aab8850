import { DomainRejection } from '@mb/kernel';
import { InMemoryUnitOfWork, RecordingEventOutbox, RecordingTimers } from '@mb/testing';
import { InMemoryInboundDeliveryRepository } from '../../../test/fakes/in-memory-inbound-delivery.repository';
import { InMemoryMilestoneRepository } from '../../../test/fakes/in-memory-milestone.repository';
import { InMemoryWorkItemLinkRepository } from '../../../test/fakes/in-memory-work-item-link.repository';
import type { Milestone } from '../../domain/milestone/milestone';
import { aMilestone } from '../../domain/milestone/milestone.fixtures';
import type { WorkItemClosure } from '../../domain/work-item-link/work-item-closure';
import type { SubmitWhen, WorkItem } from '../../domain/work-item-link/work-item-link';
import { SubmitMilestoneHandler } from '../submit-milestone/submit-milestone.handler';
import { SubmitLinkedMilestonesHandler } from './submit-linked-milestones.handler';

describe('SubmitLinkedMilestonesHandler', () => {
  const now = new Date('2026-06-12T08:00:00Z');
  const pullRequest: WorkItem = { provider: 'github', repository: 'acme/storefront', kind: 'pull_request', number: 42 };
  const merged: WorkItemClosure = { workItem: pullRequest, ending: 'merged', htmlUrl: 'https://github.com/acme/storefront/pull/42', closedBy: 'github:octocat' };
  const delivery = { provider: 'github' as const, deliveryId: 'd-1', event: 'pull_request' };

  async function given(milestones: Milestone[], links: { milestone: Milestone; submitWhen: SubmitWhen }[]) {
    const repository = new InMemoryMilestoneRepository();
    for (const milestone of milestones) await repository.add(milestone);
    const workItemLinks = new InMemoryWorkItemLinkRepository();
    for (const [position, link] of links.entries()) {
      await workItemLinks.add({ id: `wil_${position}`, milestoneId: link.milestone.id, workItem: pullRequest, submitWhen: link.submitWhen, createdAt: now, createdBy: 'pm' });
    }
    const outbox = new RecordingEventOutbox();
    const unitOfWork = new InMemoryUnitOfWork();
    const clock = { now: () => now };
    const submit = new SubmitMilestoneHandler(unitOfWork, repository, outbox, new RecordingTimers(), clock);
    const deliveries = new InMemoryInboundDeliveryRepository();
    const handler = new SubmitLinkedMilestonesHandler(unitOfWork, deliveries, workItemLinks, repository, submit, clock);
    return { handler, repository, workItemLinks, outbox, deliveries };
  }

  it('submits the linked milestone in progress with the item’s URL as evidence, never approving it, and notes what the link did', async () => {
    // given a milestone in progress linked to the pull request
    const milestone = aMilestone('on_approval').inProgress();
    const { handler, repository, workItemLinks, outbox } = await given([milestone], [{ milestone, submitWhen: 'merged' }]);
    // when the pull request is merged
    const outcomes = await handler.execute(delivery, merged);
    // then the milestone is submitted with the pull request as evidence, and waits for the client
    expect(outcomes).toEqual([{ linkId: 'wil_0', milestoneId: milestone.id, outcome: 'submitted' }]);
    expect(repository.stored(milestone.id)).toMatchObject({ status: 'submitted', evidenceUrl: 'https://github.com/acme/storefront/pull/42' });
    expect(outbox.only('milestone.status_updated')).toMatchObject({ status: 'submitted' });
    // and the link remembers the delivery and who merged it
    expect(workItemLinks.links[0].lastFiring).toEqual({ linkId: 'wil_0', firedAt: now, outcome: 'submitted', deliveryId: 'd-1', closedBy: 'github:octocat' });
  });

  it('leaves a milestone not in progress as it is, the link saying why', async () => {
    // given a planned milestone (its work never started) linked to the pull request
    const milestone = aMilestone('on_approval').planned();
    const { handler, repository, outbox } = await given([milestone], [{ milestone, submitWhen: 'merged' }]);
    // when the pull request is merged, then nothing is submitted
    expect(await handler.execute(delivery, merged)).toEqual([{ linkId: 'wil_0', milestoneId: milestone.id, outcome: 'ignored: milestone is planned' }]);
    expect(repository.stored(milestone.id)).toMatchObject({ status: 'planned' });
    expect(outbox.recorded).toEqual([]);
  });

  it('refuses a delivery received before, changing nothing', async () => {
    // given a delivery already handled
    const milestone = aMilestone('on_approval').inProgress();
    const { handler, deliveries } = await given([milestone], []);
    await handler.execute(delivery, null);
    // when it comes again, then it is refused as a replay
    await expect(handler.execute(delivery, merged)).rejects.toEqual(expect.objectContaining({ code: 'inbound.delivery_replayed' }));
    await expect(handler.execute(delivery, merged)).rejects.toBeInstanceOf(DomainRejection);
    expect(deliveries.deliveries).toHaveLength(1);
  });

  it('records a delivery that closes nothing, and submits nothing', async () => {
    const milestone = aMilestone('on_approval').inProgress();
    const { handler, deliveries, outbox } = await given([milestone], [{ milestone, submitWhen: 'merged' }]);
    expect(await handler.execute({ ...delivery, event: 'ping' }, null)).toEqual([]);
    expect(deliveries.deliveries).toEqual([{ ...delivery, event: 'ping', receivedAt: now }]);
    expect(outbox.recorded).toEqual([]);
  });
});
