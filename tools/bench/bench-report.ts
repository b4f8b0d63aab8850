// What every benchmark in tools/bench/ reports the same way: the machine it ran on, the commit,
// durations and rates as docs/benchmarks.md prints them, and its own marked section of that file.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { repositoryRoot, withPgClient } from '@mb/devstack';

/** The host a benchmark ran on, as its Machine table shows it. */
export interface HostMachine {
  readonly nproc: string;
  readonly memory: string;
  readonly cpuModel: string;
  readonly kernel: string;
  readonly node: string;
}

export function hostMachine(): HostMachine {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  let nproc = String(availableParallelism());
  try {
    nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    // availableParallelism() counts the same CPUs
  }
  return {
    nproc,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    cpuModel: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown',
    kernel: `Linux ${release()}`,
    node: process.version,
  };
}

/** The installed version of an npm package, or `unknown`. */
export function installedVersion(packageName: string): string {
  const manifest = join(repositoryRoot(), 'node_modules', packageName, 'package.json');
  return existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version : 'unknown';
}

/** The commit measured, and whether the working tree differed from it. */
export function gitCommit(root: string): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head} with uncommitted changes` : head;
  } catch {
    return 'unknown';
  }
}

/** A duration for a table: `4.2 ms`, `356 ms`, `12.5 s`. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  return value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`;
}

/** A rate for a table: `1,594`. */
export function perSecond(count: number, durationMs: number): string {
  return Math.round(count / (durationMs / 1000)).toLocaleString('en-US');
}

/**
 * Writes a benchmark's section between its markers in docs/benchmarks.md, replacing the previous
 * run's; a first run goes after `afterMarker` when that is there, else at the end.
 */
export function writeMarkedSection(file: string, markers: { start: string; end: string; after?: string }, section: string): void {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(
      file,
      [
        '# Benchmarks',
        '',
        'Measurements taken by scripts in `tools/bench/`. Each section says how to rerun it, on what machine and when it',
        'ran; compare numbers only with numbers from the same machine.',
        '',
        section,
        '',
      ].join('\n'),
    );
    return;
  }
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(markers.start);
  const end = text.indexOf(markers.end);
  const after = markers.after ? text.indexOf(markers.after) : -1;
  const updated =
    start >= 0 && end > start
      ? `${text.slice(0, start)}${section}${text.slice(end + markers.end.length)}`
      : after >= 0 && markers.after
        ? `${text.slice(0, after + markers.after.length)}\n\n${section}${text.slice(after + markers.after.length)}`
        : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, updated);
}

/** A benchmark's own database on the server `adminUrl` reaches: made fresh, dropped at the end. */
export function benchDatabase(adminUrl: string, name: string) {
  return {
    url(): string {
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async recreate(): Promise<void> {
      await withPgClient(adminUrl, async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.query(`CREATE DATABASE ${name}`);
      });
    },
    async drop(): Promise<void> {
      await withPgClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
