// CPU time per process, read from /proc/<pid>/stat (utime + stime, in clock ticks) about once a
// second. PostgreSQL's backends come and go with the pools, so the groups are asked for their pids
// at every sample; a backend that ends between two samples loses at most its last second.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** A named group of processes, e.g. one service, the broker, or a database's backends. */
export interface ProcessGroup {
  readonly name: string;
  pids(): Promise<readonly number[]> | readonly number[];
}

/** CPU milliseconds each group used over a window. */
export type CpuByGroup = Record<string, number>;

const CLOCK_TICKS_PER_SECOND = clockTicks();

function clockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

/** utime + stime of a process in ms, or undefined when it is gone. */
export function cpuMsOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count fields from after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Every PostgreSQL backend of one database, by pg_stat_activity; `query` runs on a connection outside that database. */
export function databaseBackends(name: string, databaseName: string, query: (sql: string, parameters: unknown[]) => Promise<{ pid: number }[]>): ProcessGroup {
  return { name, pids: async () => (await query('SELECT pid FROM pg_stat_activity WHERE datname = $1', [databaseName])).map((row) => Number(row.pid)) };
}

export class CpuSampler {
  /** Per group, per pid: [cpu ms when the window began (0 for a pid born later), last cpu ms seen]. */
  private windows = new Map<string, Map<number, [number, number]>>();
  private timer?: NodeJS.Timeout;
  private sampling?: Promise<void>;

  constructor(private readonly groups: readonly ProcessGroup[], private readonly intervalMs = 1000) {}

  /** Starts a window: CPU is counted from now. */
  async begin(): Promise<void> {
    this.windows = new Map(this.groups.map((group) => [group.name, new Map()]));
    await this.sample(true);
    this.timer = setInterval(() => {
      this.sampling ??= this.sample(false).finally(() => (this.sampling = undefined));
    }, this.intervalMs);
  }

  /** Ends the window: CPU ms per group since begin(). */
  async end(): Promise<CpuByGroup> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.sampling;
    await this.sample(false);
    const used: CpuByGroup = {};
    for (const [group, pids] of this.windows) {
      used[group] = [...pids.values()].reduce((sum, [first, last]) => sum + (last - first), 0);
    }
    return used;
  }

  private async sample(atBegin: boolean): Promise<void> {
    for (const group of this.groups) {
      const seen = this.windows.get(group.name) as Map<number, [number, number]>;
      let pids: readonly number[];
      try {
        pids = await group.pids();
      } catch {
        continue; // e.g. the database briefly refusing: the next sample counts it
      }
      for (const pid of pids) {
        const now = cpuMsOf(pid);
        if (now === undefined) continue;
        const known = seen.get(pid);
        if (known) known[1] = now;
        else seen.set(pid, [atBegin ? now : 0, now]);
      }
    }
  }
}
