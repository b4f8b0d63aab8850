#!/usr/bin/env bash
# Benchmarks the whole system end to end: approvals over REST → invoice.issued on Kafka at a sweep of
# constant rates (open model), CPU per process, pgbench beside it, then GET invoice / GET contract at a
# constant rate; writes the results to docs/benchmarks.md. Starts its own broker, database and five
# services (ports 41000–41031 unless --port-base) and removes them after. Never run by the test suite.
# Options pass through, e.g. scripts/bench-e2e.sh --rates 700 --seconds 300 --no-docs (see tools/bench/e2e-benchmark.ts).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/node-env.sh"
source "$ROOT/scripts/ensure-deps.sh"
exec node --enable-source-maps "$ROOT/dist/tools/bench/e2e-benchmark.js" "$@"
