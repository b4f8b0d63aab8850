import { planScheduleAmendment } from './schedule-amendment.policy';

describe('planScheduleAmendment', () => {
  it('adds the milestones the contract has no milestone for yet', () => {
    // given milestones 1 to 4, when the new schedule also has 5
    const plan = planScheduleAmendment([1, 2, 3, 4], [1, 2, 3, 4, 5], []);
    // then 5 is added and the four known ones are amended
    expect(plan).toEqual({ add: [5], amend: [1, 2, 3, 4], cancel: [] });
  });

  it('cancels the milestones the change order removed, and no longer amends them', () => {
    // given milestones 1 to 4, when 3 is removed
    const plan = planScheduleAmendment([1, 2, 3, 4], [1, 2, 4], [3]);
    // then 3 is cancelled, the rest amended
    expect(plan).toEqual({ add: [], amend: [1, 2, 4], cancel: [3] });
  });

  it('adds, amends and cancels at once, each in ascending order, whatever order the event lists them in', () => {
    // given milestones 1 to 4, when a change order adds 6 and 5, removes 4 and 2
    const plan = planScheduleAmendment([4, 3, 2, 1], [6, 3, 1, 5], [4, 2]);
    // then
    expect(plan).toEqual({ add: [5, 6], amend: [1, 3], cancel: [2, 4] });
  });

  it('cancels nothing it does not know, and lets the schedule win over a removal it contradicts', () => {
    // given milestones 1 and 2, when the event removes 7 (unknown) and 2 (still on the schedule)
    const plan = planScheduleAmendment([1, 2], [1, 2], [7, 2]);
    // then nothing is cancelled
    expect(plan).toEqual({ add: [], amend: [1, 2], cancel: [] });
  });
});
