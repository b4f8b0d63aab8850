import fc from 'fast-check';
import { DEFAULT_REMINDER_POLICY, effectiveReminderPolicy, reminderPolicyOf, type ReminderPolicy } from './reminder-policy';
import { daysPastDueOn, daysUntilDueAt, reminderOfTimerKey, reminderScheduleOf, reminderTimerKey } from './reminder-schedule';
import { remindersApplyTo } from './reminder-eligibility';

describe('Payment reminder schedule', () => {
  it('by default reminds 3 days before, on and 7 days after the due date, at 09:00 in the client zone', () => {
    // given an invoice due on 27 June 2026 for a client in New York (UTC−4 in summer)
    const schedule = reminderScheduleOf('2026-06-27', 'America/New_York', DEFAULT_REMINDER_POLICY);

    expect(schedule.map(({ kind, offsetDays, remindOn, remindAt }) => ({ kind, offsetDays, remindOn, remindAt: remindAt.toISOString() }))).toEqual([
      { kind: 'before_due', offsetDays: 3, remindOn: '2026-06-24', remindAt: '2026-06-24T13:00:00.000Z' },
      { kind: 'on_due', offsetDays: 0, remindOn: '2026-06-27', remindAt: '2026-06-27T13:00:00.000Z' },
      { kind: 'after_due', offsetDays: 7, remindOn: '2026-07-04', remindAt: '2026-07-04T13:00:00.000Z' },
    ]);
  });

  it('keeps 09:00 local across a daylight-saving change between the reminders', () => {
    // given a Berlin invoice due on 30 March 2026: summer time starts on 29 March (UTC+1 → UTC+2)
    const schedule = reminderScheduleOf('2026-03-30', 'Europe/Berlin', { beforeDueDays: 3, onDue: true, afterDueDays: [7] });

    expect(schedule.map((reminder) => reminder.remindAt.toISOString())).toEqual([
      '2026-03-27T08:00:00.000Z', // winter time, UTC+1
      '2026-03-30T07:00:00.000Z', // summer time, UTC+2
      '2026-04-06T07:00:00.000Z',
    ]);
  });

  it('moves a reminder whose local time a daylight-saving gap skips to the first instant after it', () => {
    // given reminders at 02:30, which does not exist in New York on 8 March 2026 (02:00 → 03:00)
    const [onDue] = reminderScheduleOf('2026-03-08', 'America/New_York', { beforeDueDays: 0, onDue: true, afterDueDays: [] }, { hour: 2, minute: 30 });

    expect(onDue.remindAt.toISOString()).toBe('2026-03-08T07:30:00.000Z'); // 03:30 EDT
  });

  it('plans the dates in the client calendar, across a month and a year end', () => {
    const schedule = reminderScheduleOf('2027-01-02', 'Pacific/Auckland', { beforeDueDays: 5, onDue: false, afterDueDays: [30, 14] });

    expect(schedule.map((reminder) => `${reminder.kind}:${reminder.remindOn}`)).toEqual(['before_due:2026-12-28', 'after_due:2027-01-16', 'after_due:2027-02-01']);
    expect(schedule[0].remindAt.toISOString()).toBe('2026-12-27T20:00:00.000Z'); // 09:00 NZDT = UTC+13
  });

  it('plans nothing for a policy with no reminders', () => {
    expect(reminderScheduleOf('2026-06-27', 'UTC', { beforeDueDays: 0, onDue: false, afterDueDays: [] })).toEqual([]);
  });

  it('always lists the reminders in time order, each on its local date at the local time, one per natural key', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.boolean(),
        fc.uniqueArray(fc.integer({ min: 1, max: 120 }), { maxLength: 5 }),
        fc.constantFrom('UTC', 'Europe/Berlin', 'America/Los_Angeles', 'Australia/Sydney', 'Asia/Kolkata'),
        fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }),
        (beforeDueDays, onDue, afterDueDays, zone, due) => {
          const dueDate = due.toISOString().slice(0, 10);
          const policy = reminderPolicyOf({ beforeDueDays, onDue, afterDueDays });
          const schedule = reminderScheduleOf(dueDate, zone, policy);
          expect(schedule).toHaveLength((beforeDueDays > 0 ? 1 : 0) + (onDue ? 1 : 0) + afterDueDays.length);
          for (let i = 1; i < schedule.length; i++) expect(schedule[i].remindAt.getTime()).toBeGreaterThan(schedule[i - 1].remindAt.getTime());
          for (const reminder of schedule) {
            const local = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(reminder.remindAt);
            expect(local).toBe(`${reminder.remindOn}, 09:00`);
          }
          expect(new Set(schedule.map((reminder) => reminderTimerKey('inv_1', reminder.kind, reminder.offsetDays))).size).toBe(schedule.length);
        },
      ),
    );
  });

  it('counts days left and days late on the client calendar', () => {
    // 23:30 UTC on 26 June is already 27 June in Berlin: the due date, 0 days left
    expect(daysUntilDueAt('2026-06-27', new Date('2026-06-26T23:30:00Z'), 'Europe/Berlin')).toBe(0);
    expect(daysUntilDueAt('2026-06-27', new Date('2026-06-26T23:30:00Z'), 'UTC')).toBe(1);
    expect(daysPastDueOn('2026-06-27', new Date('2026-07-04T07:00:00Z'), 'Europe/Berlin')).toBe(7);
    expect(daysPastDueOn('2026-06-27', new Date('2026-06-24T07:00:00Z'), 'Europe/Berlin')).toBe(0);
  });

  it('reads back the reminder a timer key names, and nothing from a foreign key', () => {
    expect(reminderOfTimerKey(reminderTimerKey('inv_01ABC', 'after_due', 14))).toEqual({ invoiceId: 'inv_01ABC', kind: 'after_due', offsetDays: 14 });
    expect(reminderOfTimerKey('inv_01ABC')).toBeNull();
  });
});

describe('Reminder policy', () => {
  const clientPolicy: ReminderPolicy = { beforeDueDays: 5, onDue: false, afterDueDays: [10] };
  const contractPolicy: ReminderPolicy = { beforeDueDays: 0, onDue: true, afterDueDays: [7, 14] };

  it('takes the contract policy over the client policy over the default', () => {
    expect(effectiveReminderPolicy(contractPolicy, clientPolicy)).toEqual({ policy: contractPolicy, source: 'contract' });
    expect(effectiveReminderPolicy(null, clientPolicy)).toEqual({ policy: clientPolicy, source: 'client' });
    expect(effectiveReminderPolicy(null, null)).toEqual({ policy: DEFAULT_REMINDER_POLICY, source: 'default' });
  });

  it('sorts the days after the due date', () => {
    expect(reminderPolicyOf({ beforeDueDays: 3, onDue: true, afterDueDays: [14, 7] }).afterDueDays).toEqual([7, 14]);
  });

  it.each([
    [{ beforeDueDays: -1, onDue: true, afterDueDays: [] }, 'before_due_days'],
    [{ beforeDueDays: 1.5, onDue: true, afterDueDays: [] }, 'before_due_days'],
    [{ beforeDueDays: 366, onDue: true, afterDueDays: [] }, 'before_due_days'],
    [{ beforeDueDays: 3, onDue: true, afterDueDays: [0] }, 'after_due_days'],
    [{ beforeDueDays: 3, onDue: true, afterDueDays: [7, 7] }, 'after_due_days'],
    [{ beforeDueDays: 3, onDue: true, afterDueDays: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }, 'after_due_days'],
  ])('refuses %j, naming %s', (input, field) => {
    expect(() => reminderPolicyOf(input)).toThrow(expect.objectContaining({ code: 'reminder_policy.invalid', field }));
  });
});

describe('Whether an invoice is reminded', () => {
  it('reminds an open invoice with a balance only', () => {
    expect(remindersApplyTo({ status: 'open', balanceCents: 1 })).toBe(true);
    expect(remindersApplyTo({ status: 'open', balanceCents: 0 })).toBe(false);
    for (const status of ['paid', 'credited', 'void', 'uncollectible', 'draft', 'discarded'] as const) expect(remindersApplyTo({ status, balanceCents: 100 })).toBe(false);
  });
});
