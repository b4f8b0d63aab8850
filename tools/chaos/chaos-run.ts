// The chaos run: the whole product twice over (two instances of every service) under a steady
// approval load, while faults are injected in turn; then a checker proves from the database,
// Kafka, the SMTP sink and the webhook receiver that nothing was lost or done twice, and the
// recovery time of each fault is reported.
//   scripts/chaos.sh [--minutes 10] [--rate 10] [--short] [--no-docs] [--settle-seconds 300]
// --short: two minutes, one fault of each kind (what the test command runs).
// Prints one line `chaos-result {json}` at the end; exits 1 when an invariant does not hold.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { BillingApiClient, LOCAL_SERVICES, repositoryRoot } from '@mb/devstack';
import { gitCommit, hostMachine, writeMarkedSection } from '../bench/bench-report';
import { ApprovalLoad } from './approval-load';
import { ChaosStack, CHAOS_PORTS } from './chaos-stack';
import { type CheckerSources, type CheckResult, checkInvariants, flowHasSettled, topicTimestamps } from './checker';
import { faultName, faultPlan, pauseBetweenFaults, type PlannedFault } from './fault-plan';
import { type FaultRecovery, type InjectedFault, perSecond, recoveryPerFault } from './recovery';

const say = (line: string) => console.log(`[chaos ${new Date().toISOString().slice(11, 19)}] ${line}`);
const LEAD_MS = 8_000;
/** Load kept on after the last fault, so that its recovery can be seen. */
const TAIL_MS = 20_000;
/** Milestones prepared beyond rate × duration: a slow fault stretches the run and the load with it. */
const PREPARED_MARGIN = 1.3;
const RECOVERY_TARGET_MS = 10_000;

interface ChaosSettings {
  readonly short: boolean;
  readonly durationMs: number;
  readonly ratePerSecond: number;
  readonly settleMs: number;
  readonly writeDocs: boolean;
}

export interface ChaosResult {
  readonly settings: ChaosSettings;
  readonly approvalsSent: number;
  readonly approvalsAccepted: number;
  readonly approvalsRefused: Record<string, number>;
  readonly invoicesIssued: number;
  readonly settledAfterMs?: number;
  /** Instances that exited without being killed by the run, restarted by its supervision. */
  readonly unexpectedExits: string[];
  readonly checks: CheckResult[];
  readonly recoveries: FaultRecovery[];
  /** Per second of the run: approvals accepted, invoices first issued. */
  readonly timeline: { readonly accepted: number[]; readonly issued: number[] };
  readonly passed: boolean;
}

function settingsFrom(argv: string[]): ChaosSettings {
  const { values } = parseArgs({
    args: argv,
    allowNegative: true,
    options: { minutes: { type: 'string' }, rate: { type: 'string' }, short: { type: 'boolean', default: false }, docs: { type: 'boolean', default: true }, 'settle-seconds': { type: 'string' } },
  });
  const short = values.short ?? false;
  return {
    short,
    durationMs: Number(values.minutes ?? (short ? 2 : 10)) * 60_000,
    ratePerSecond: Number(values.rate ?? (short ? 5 : 10)),
    settleMs: Number(values['settle-seconds'] ?? (short ? 90 : 300)) * 1000,
    writeDocs: values.docs ?? true,
  };
}

async function main(): Promise<void> {
  const settings = settingsFrom(process.argv.slice(2));
  const root = repositoryRoot();
  const stack = new ChaosStack(root, join(root, '.data', 'chaos'), say);
  let result: ChaosResult | undefined;
  // Interrupted (Ctrl-C, or the test command ending early): the stack's processes, cluster and
  // broker are stopped rather than left running without their parent.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      say(`${signal}: stopping the stack ...`);
      void stack
        .stop()
        .catch((error: Error) => say(`stopping: ${error.message}`))
        .finally(() => process.exit(130));
    });
  }
  try {
    await stack.start();
    result = await runUnderFaults(stack, settings);
  } finally {
    say('stopping the stack ...');
    await stack.stop().catch((error: Error) => say(`stopping: ${error.message}`));
  }
  printResult(result);
  if (settings.writeDocs) writeReliabilityDoc(root, result);
  console.log(`chaos-result ${JSON.stringify(result)}`);
  process.exit(result.passed ? 0 : 1);
}

async function runUnderFaults(stack: ChaosStack, settings: ChaosSettings): Promise<ChaosResult> {
  const fronts = stack.frontUrls();
  const load = new ApprovalLoad(
    { contract: fronts.contract, milestone: fronts.milestone, notification: fronts.notification },
    {
      service: await stack.issuer.issue({ role: 'service', subject: 'chaos-erp', expiresInSeconds: 4 * 3600 }),
      client: (clientId) => stack.issuer.issue({ role: 'client', clientId, expiresInSeconds: 4 * 3600 }),
    },
    say,
  );
  const needed = Math.ceil((PREPARED_MARGIN * settings.ratePerSecond * settings.durationMs) / 1000);
  const projectManager = new BillingApiClient(fronts, await stack.issuer.issue({ role: 'project_manager', expiresInSeconds: 4 * 3600 }));
  const prepared = await load.prepare(projectManager, stack.issuer, needed, `http://127.0.0.1:${CHAOS_PORTS.webhooks}/hooks/erp`);

  const originEpoch = Date.now();
  const origin = performance.now();
  const at = () => performance.now() - origin;
  say(`approving ${settings.ratePerSecond}/s for ${settings.durationMs / 1000} s while injecting faults`);
  // The load goes on while faults are injected, and at least for the planned duration; a fault that
  // takes longer than planned on a busy machine stretches it, so that every fault is under load.
  let loadUntil = Number.POSITIVE_INFINITY;
  const approvals = load.run(prepared, settings.ratePerSecond, origin, (dueAt) => dueAt < loadUntil);
  const plan = faultPlan(settings.short);
  const pauseMs = pauseBetweenFaults(plan, settings.durationMs, LEAD_MS, 10_000);
  const injected: InjectedFault[] = [];
  await sleep(LEAD_MS);
  for (const fault of plan) {
    const startedAt = at();
    let endedAt: number | undefined;
    await inject(stack, fault, () => (endedAt = at()));
    endedAt ??= at();
    injected.push({ name: faultName(fault), startedAt, endedAt });
    say(`${faultName(fault)}: ${((endedAt - startedAt) / 1000).toFixed(1)} s`);
    await sleep(pauseMs);
  }
  loadUntil = Math.max(settings.durationMs, at() - pauseMs + TAIL_MS);
  const outcomes = await approvals;
  // The last approval's slot: seconds past it are not judged.
  const loadEndsAt = outcomes.reduce((latest, outcome) => Math.max(latest, outcome.dueAt), 0) + 1000 / settings.ratePerSecond;
  const accepted = outcomes.filter((outcome) => outcome.status === 200);
  const refused: Record<string, number> = {};
  for (const outcome of outcomes.filter((candidate) => candidate.status !== 200)) refused[String(outcome.status)] = (refused[String(outcome.status)] ?? 0) + 1;
  say(`load done: ${outcomes.length} approvals sent, ${accepted.length} accepted; refused by status: ${JSON.stringify(refused)}`);

  const sources: CheckerSources = {
    databaseUrl: stack.databaseUrl,
    kafka: stack.adminKafka('chaos-checker'),
    emails: () => stack.mailSink.messages,
    webhooks: () => stack.webhooks.received,
  };
  const settleStarted = at();
  let settledAfterMs: number | undefined;
  for (let last = ''; ; ) {
    const { settled, waitingFor } = await flowHasSettled(sources).catch((error: Error) => ({ settled: false, waitingFor: [error.message] }));
    if (settled) {
      settledAfterMs = at() - settleStarted;
      break;
    }
    if (at() - settleStarted > settings.settleMs) {
      say(`not settled after ${settings.settleMs / 1000} s: ${waitingFor.join('; ')}`);
      break;
    }
    if (waitingFor.join() !== last) say(`settling: ${waitingFor.join('; ')}`);
    last = waitingFor.join();
    await sleep(2_000);
  }
  // Late duplicates would come within the webhook retry and lease times: a short grace to catch them.
  await sleep(5_000);
  const checks = await checkInvariants(sources);
  const issuedAt = (await topicTimestamps(sources.kafka, 'invoice.issued')).map((epoch) => epoch - originEpoch);
  const recoveries = recoveryPerFault(injected, { approvalsAccepted: accepted.map((outcome) => outcome.answeredAt as number), invoicesIssued: issuedAt }, settings.ratePerSecond, loadEndsAt);
  return {
    settings,
    approvalsSent: outcomes.length,
    approvalsAccepted: accepted.length,
    approvalsRefused: refused,
    invoicesIssued: issuedAt.length,
    settledAfterMs,
    unexpectedExits: [...stack.unexpectedExits],
    checks,
    recoveries,
    timeline: { accepted: secondsOf(accepted.map((outcome) => outcome.answeredAt as number), loadEndsAt), issued: secondsOf(issuedAt, loadEndsAt) },
    passed: checks.every((check) => check.passed),
  };
}

/**
 * Injects one fault and resolves when it is over. A fault is over when what failed is back: the
 * killed instance started again (its own start-up counts towards its recovery), the frozen
 * process thawed, the broker or database answering, the role writable. A fault that ends before
 * the call resolves (a restarted instance, still starting) says so through `ended`.
 */
async function inject(stack: ChaosStack, fault: PlannedFault, ended: () => void): Promise<void> {
  switch (fault.kind) {
    case 'sigkill': {
      const instance = stack.instance(fault.serviceName, fault.replica);
      await stack.kill(instance);
      await stack.restart(instance);
      ended();
      // Its readiness is logged, not awaited: the run goes on as a cluster would.
      const restartedAt = performance.now();
      void stack.waitReady(instance).then(
        () => say(`${instance.label} ready ${((performance.now() - restartedAt) / 1000).toFixed(1)} s after its restart`),
        (error: Error) => say(error.message),
      );
      return;
    }
    case 'sigstop-relay-leader': {
      const service = LOCAL_SERVICES.find((candidate) => candidate.name === fault.serviceName);
      const leader = service && (await stack.relayLeader(service));
      if (!leader) throw new Error(`no relay leader of ${fault.serviceName} found`);
      say(`freezing ${leader.label} (its relay leads ${fault.serviceName}'s outbox)`);
      stack.freeze(leader);
      await sleep(fault.holdMs);
      stack.thaw(leader);
      return;
    }
    case 'kafka-restart':
      await stack.restartBroker();
      return;
    case 'postgres-restart':
      await stack.restartPostgres();
      return;
    case 'read-only-role': {
      const service = LOCAL_SERVICES.find((candidate) => candidate.name === fault.serviceName);
      if (!service) throw new Error(`unknown service ${fault.serviceName}`);
      await stack.makeReadOnly(service);
      await sleep(fault.holdMs);
      await stack.makeWritable(service);
      return;
    }
  }
}

function printResult(result: ChaosResult): void {
  for (const check of result.checks) say(`${check.passed ? 'PASS' : 'FAIL'} ${check.name}: ${check.detail}`);
  say(`approvals accepted per second: ${result.timeline.accepted.join(' ')}`);
  say(`invoices issued per second:     ${result.timeline.issued.join(' ')}`);
  for (const recovery of result.recoveries) say(`recovery ${recovery.name}: ${recovery.recoveryMs === undefined ? 'not within the run' : `${(recovery.recoveryMs / 1000).toFixed(1)} s`}`);
  say(result.passed ? 'all invariants hold' : 'INVARIANTS BROKEN');
}

const seconds = (ms: number | undefined) => (ms === undefined ? 'not within the run' : `${(ms / 1000).toFixed(1)} s`);

function writeReliabilityDoc(root: string, result: ChaosResult): void {
  const machine = hostMachine();
  const kind = result.settings.short ? 'short' : 'full';
  const lines = [
    `<!-- chaos-${kind}:start -->`,
    `### ${result.settings.short ? 'Short run (the test command\'s)' : 'Full run'}: ${result.settings.durationMs / 60_000} min at ${result.settings.ratePerSecond} approvals/s`,
    '',
    `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${gitCommit(root)}; ${machine.nproc} cores (${machine.cpuModel}), ${machine.memory}, ${machine.kernel}, Node ${machine.node}.`,
    `${result.approvalsSent} approvals sent, ${result.approvalsAccepted} accepted (refused by status: ${JSON.stringify(result.approvalsRefused)}), ${result.invoicesIssued} invoice.issued on Kafka; settled ${seconds(result.settledAfterMs)} after the load. Instances that exited on their own (restarted by the run's supervision): ${result.unexpectedExits.length ? result.unexpectedExits.join(', ') : 'none'}.`,
    '',
    '| fault | injected at | lasted | recovery to full flow | target ≤ 10 s |',
    '|---|---|---|---|---|',
    ...result.recoveries.map(
      (recovery) =>
        `| ${recovery.name} | ${seconds(recovery.startedAt)} | ${seconds(recovery.endedAt - recovery.startedAt)} | ${seconds(recovery.recoveryMs)} | ${recovery.recoveryMs !== undefined && recovery.recoveryMs <= RECOVERY_TARGET_MS ? 'met' : 'missed'} |`,
    ),
    '',
    '| invariant | held | detail |',
    '|---|---|---|',
    ...result.checks.map((check) => `| ${check.name} | ${check.passed ? 'yes' : '**no**'} | ${check.detail.replace(/\|/g, '/')} |`),
    `<!-- chaos-${kind}:end -->`,
  ];
  writeMarkedSection(join(root, 'docs', 'reliability.md'), { start: `<!-- chaos-${kind}:start -->`, end: `<!-- chaos-${kind}:end -->`, after: '## Results' }, lines.join('\n'));
}

function secondsOf(instants: readonly number[], untilMs: number): number[] {
  const counts = perSecond(instants);
  return Array.from({ length: Math.ceil(untilMs / 1000) }, (_, second) => counts.get(second) ?? 0);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

main().catch((error: Error) => {
  console.error(`chaos: ${error.stack ?? error.message}`);
  process.exit(2);
});
