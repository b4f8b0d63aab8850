import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repositoryRoot } from '@mb/devstack';

// The short chaos run (tools/chaos, docs/reliability.md): two instances of every service on a
// private PostgreSQL cluster and Kafka broker, approvals at a steady rate for two minutes while one
// fault of each kind is injected (an instance SIGKILLed and restarted, a relay leader SIGSTOPped,
// the broker and the database restarted, a service's role read-only), then the checker. The run is
// a process of its own, as scripts/chaos.sh starts it; this journey reads its verdict.

interface ChaosVerdict {
  readonly approvalsAccepted: number;
  readonly invoicesIssued: number;
  readonly checks: { name: string; passed: boolean; detail: string }[];
  readonly recoveries: { name: string; recoveryMs?: number }[];
  readonly passed: boolean;
}

function runShortChaos(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const run = spawn(process.execPath, ['--enable-source-maps', join(repositoryRoot(), 'dist', 'tools', 'chaos', 'chaos-run.js'), '--short', '--no-docs'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    run.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      // the run's progress, live, for whoever watches the test command
      process.stdout.write(chunk);
    });
    run.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    run.once('error', reject);
    run.once('close', (code) => resolve({ code, output }));
  });
}

describe('the short chaos run', () => {
  it('loses nothing and does nothing twice while instances, the broker and the database fail', async () => {
    // given the stack under load, when every kind of fault has been injected in turn
    const { code, output } = await runShortChaos();

    // then the checker's verdict holds: every invariant, from the database, Kafka and the sinks
    const line = output.split('\n').find((candidate) => candidate.startsWith('chaos-result '));
    if (line === undefined) throw new Error(`the chaos run gave no verdict (exit ${code}):\n${output.slice(-4000)}`);
    const verdict = JSON.parse(line.slice('chaos-result '.length)) as ChaosVerdict;
    expect(verdict.checks.filter((check) => !check.passed)).toEqual([]);
    expect(verdict.checks.map((check) => check.name)).toHaveLength(7);
    expect(verdict.approvalsAccepted).toBeGreaterThan(0);
    expect(verdict.recoveries.map((recovery) => recovery.name)).toHaveLength(5);
    expect(code).toBe(0);
  }, 600_000);
});
