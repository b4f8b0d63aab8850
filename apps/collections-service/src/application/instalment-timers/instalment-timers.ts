/** Fires at the start of the reminder day of an instalment (its due date less the plan's reminder lead), keyed `<plan id>:<number>`. */
export const INSTALMENT_REMINDER_TIMER = 'collections.instalment_reminder';
/** Fires when an instalment's grace period ends (the start of the day after due date + grace days), keyed `<plan id>:<number>`. */
export const INSTALMENT_DEADLINE_TIMER = 'collections.instalment_deadline';

export function instalmentTimerKey(planId: string, number: number): string {
  return `${planId}:${number}`;
}

export function instalmentOfTimerKey(key: string): { planId: string; number: number } {
  const separator = key.lastIndexOf(':');
  const number = Number(key.slice(separator + 1));
  if (separator < 1 || !Number.isSafeInteger(number)) throw new Error(`not an instalment timer key: ${key}`);
  return { planId: key.slice(0, separator), number };
}
