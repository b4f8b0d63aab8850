// The end-to-end load generator's pieces, for tools/bench/e2e-benchmark.ts and tools/chaos/:
//
//   const stack = await startBenchStack({ portBase: 41000, databaseName: 'mb_bench_e2e', dataDirName: 'bench-e2e', log });
//   const { milestones, approver } = await prepareSubmittedMilestones(stack.api, stack.issuer, { count: 1000 });
//   const watcher = new InvoiceIssuedWatcher(stack.brokers, stack.kafkaAdmin);
//   await watcher.start();                                // before approving: it reads from the latest offsets
//   const run = await approveAtRate({ approver, milestones, rate: 20, watcher, onProgress: log });
//   // run.approvals[i]: status, scheduledAt, answeredAt, invoicedAt (performance.now() ms)
//   await watcher.stop(); await stack.stop();
//
// A chaos run may bring its own stack and pass its own BillingApiClient (approver) and brokers.
export { type ApprovalRun, type ApproveAtRateOptions, approveAtRate, type TimedApproval } from './approvals';
export { type BenchStack, type BenchStackOptions, startBenchStack, type StackProcess } from './bench-stack';
export { type CpuByGroup, CpuSampler, cpuMsOf, databaseBackends, type ProcessGroup } from './cpu-sampler';
export { type IssuedInvoice, InvoiceIssuedWatcher } from './invoice-issued-watcher';
export { percentile } from './latency';
export { inParallel, type MilestonePreparationOptions, type PreparedMilestones, prepareSubmittedMilestones, type SubmittedMilestone } from './milestone-preparation';
export { type OpenModelOptions, type OpenModelProgress, type OpenModelResult, runOpenModel, type TimedRequest } from './open-model';
export { type PgbenchResult, runPgbenchInsert } from './pgbench';
