import { randomBytes } from 'node:crypto';

// Crockford's base32, as the ULID specification uses: sortable, no I, L, O or U.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

let lastTime = -1;
let lastRandom: number[] = [];

/**
 * A ULID: 48 bits of milliseconds then 80 random bits, 26 characters. Monotonic within one
 * process: ids made in the same millisecond increment the random part, so they still sort in the
 * order they were made (the ULID specification's monotonic factory).
 */
export function ulid(now: number = Date.now()): string {
  if (now <= lastTime) {
    incrementRandom(lastRandom);
    now = lastTime;
  } else {
    lastTime = now;
    lastRandom = Array.from(randomBytes(16), (byte) => byte % 32);
  }
  return encodeTime(now) + lastRandom.map((digit) => ALPHABET[digit]).join('');
}

/** An id with its kind in front (`con_…`, `inv_…`, `evt_…`): readable in logs, sortable by time. */
export function newId(prefix: string, now?: number): string {
  return `${prefix}_${ulid(now)}`;
}

export function newEventId(now?: number): string {
  return newId('evt', now);
}

function encodeTime(time: number): string {
  let remaining = time;
  let encoded = '';
  for (let index = 0; index < 10; index += 1) {
    encoded = ALPHABET[remaining % 32] + encoded;
    remaining = Math.floor(remaining / 32);
  }
  return encoded;
}

function incrementRandom(digits: number[]): void {
  for (let index = digits.length - 1; index >= 0; index -= 1) {
    if (digits[index] < 31) {
      digits[index] += 1;
      return;
    }
    digits[index] = 0;
  }
  throw new Error('ULID random part overflowed within one millisecond');
}
