import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, Max, Min } from 'class-validator';
import { MAX_AFTER_DUE_REMINDERS, MAX_REMINDER_OFFSET_DAYS } from '../../domain/payment-reminder/reminder-policy';

/** A reminder policy as set on a client or a contract: the whole policy, replacing the one set there. */
export class SetReminderPolicyDto {
  @ApiProperty({ description: 'Days before the due date the first reminder goes out; 0: none before.', minimum: 0, maximum: MAX_REMINDER_OFFSET_DAYS, example: 3 })
  @IsInt({ message: 'before_due_days must be a whole number of days' })
  @Min(0, { message: 'before_due_days must be 0 (no reminder before the due date) or more' })
  @Max(MAX_REMINDER_OFFSET_DAYS, { message: `before_due_days must be at most ${MAX_REMINDER_OFFSET_DAYS}` })
  before_due_days!: number;

  @ApiProperty({ description: 'Whether a reminder goes out on the due date.', example: true })
  @IsBoolean({ message: 'on_due must be true or false' })
  on_due!: boolean;

  @ApiProperty({ description: 'Days after the due date a reminder goes out, each once (e.g. [7] or [7, 14]); empty: none after.', type: [Number], example: [7, 14] })
  @IsArray({ message: 'after_due_days must be a list of day counts' })
  @ArrayMaxSize(MAX_AFTER_DUE_REMINDERS, { message: `after_due_days must hold at most ${MAX_AFTER_DUE_REMINDERS} day counts` })
  @IsInt({ each: true, message: 'after_due_days must hold whole numbers of days' })
  @Min(1, { each: true, message: 'after_due_days must hold day counts of 1 or more' })
  @Max(MAX_REMINDER_OFFSET_DAYS, { each: true, message: `after_due_days must hold day counts of at most ${MAX_REMINDER_OFFSET_DAYS}` })
  after_due_days!: number[];
}
