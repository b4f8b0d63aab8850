// Open-model load: request i is sent at t0 + i/rate whatever the earlier ones answered, so a slow
// system meets the same arrivals a fast one does (a closed loop would slow down with it and hide
// the queueing). Each request's answer time is measured from its scheduled instant, so a load
// generator that falls behind its schedule counts against the latency rather than hiding it.
import { performance } from 'node:perf_hooks';

export interface OpenModelOptions {
  /** Requests per second. */
  readonly rate: number;
  readonly count: number;
  /** Sends request i; resolves with its HTTP status (or throws). */
  readonly send: (index: number) => Promise<number>;
  /** Called about every second while requests are outstanding. */
  readonly onProgress?: (progress: OpenModelProgress) => void;
}

export interface OpenModelProgress {
  readonly sent: number;
  readonly answered: number;
  readonly failed: number;
  readonly elapsedMs: number;
}

export interface TimedRequest {
  readonly index: number;
  /** On this process's performance.now() clock. */
  readonly scheduledAt: number;
  readonly sentAt: number;
  readonly answeredAt: number;
  /** HTTP status, or 0 when the request failed without an answer. */
  readonly status: number;
}

export interface OpenModelResult {
  readonly requests: readonly TimedRequest[];
  readonly startedAt: number;
  /** When the last request was sent. */
  readonly lastSentAt: number;
  readonly finishedAt: number;
}

/** Sends `count` requests at `rate` per second (open model) and times each one's answer. */
export async function runOpenModel(options: OpenModelOptions): Promise<OpenModelResult> {
  const interval = 1000 / options.rate;
  const startedAt = performance.now();
  const requests: TimedRequest[] = [];
  const pending: Promise<void>[] = [];
  let failed = 0;
  let lastSentAt = startedAt;
  const progress = options.onProgress
    ? setInterval(() => options.onProgress?.({ sent: pending.length, answered: requests.length, failed, elapsedMs: performance.now() - startedAt }), 1000)
    : undefined;
  try {
    for (let index = 0; index < options.count; index += 1) {
      const scheduledAt = startedAt + index * interval;
      const wait = scheduledAt - performance.now();
      // Timers fire no sooner than ~1 ms: every request whose instant has come goes now, in a burst if late.
      if (wait >= 1) await new Promise((resolve) => setTimeout(resolve, wait));
      const sentAt = performance.now();
      lastSentAt = sentAt;
      pending.push(
        options.send(index).then(
          (status) => {
            requests.push({ index, scheduledAt, sentAt, answeredAt: performance.now(), status });
          },
          () => {
            failed += 1;
            requests.push({ index, scheduledAt, sentAt, answeredAt: performance.now(), status: 0 });
          },
        ),
      );
    }
    await Promise.all(pending);
  } finally {
    if (progress) clearInterval(progress);
  }
  return { requests: requests.sort((a, b) => a.index - b.index), startedAt, lastSentAt, finishedAt: performance.now() };
}
