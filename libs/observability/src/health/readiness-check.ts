/** Something the service needs before it can take traffic: its database, its broker. */
export interface ReadinessCheck {
  readonly name: string;
  /**
   * Resolves when the dependency answers; rejects with the reason when it does not. What it
   * resolves with, if anything, is shown beside its status without changing it: a part of the
   * service that is still starting but keeps no traffic away (consumer groups still joining).
   */
  check(): Promise<void | ReadinessDetail>;
}

/** What a check adds to its entry in the report, e.g. `{ joining: ['invoicing-service.billing'] }`. */
export type ReadinessDetail = Readonly<Record<string, string | number | boolean | readonly string[]>>;

export type ReadinessCheckResult = { status: 'up' | 'down'; error?: string } & Partial<ReadinessDetail>;

export interface ReadinessReport {
  readonly status: 'ready' | 'not_ready';
  readonly checks: Record<string, ReadinessCheckResult>;
}

const CHECK_TIMEOUT_MS = 2000;

export async function runReadinessChecks(checks: readonly ReadinessCheck[]): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async (readiness) => {
      try {
        const detail = await withTimeout(readiness.check(), CHECK_TIMEOUT_MS);
        return [readiness.name, { ...(detail ?? {}), status: 'up' as const } as ReadinessCheckResult] as const;
      } catch (error) {
        return [readiness.name, { status: 'down' as const, error: (error as Error).message } as ReadinessCheckResult] as const;
      }
    }),
  );
  const allUp = results.every(([, result]) => result.status === 'up');
  return { status: allUp ? 'ready' : 'not_ready', checks: Object.fromEntries(results) };
}

async function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
