#!/usr/bin/env bash
# Benchmarks the event backbone (outbox → Kafka → consumer with inbox) on this machine and writes
# the results to docs/benchmarks.md. Starts its own broker and database and removes both after.
# Options pass through, e.g. scripts/bench.sh --events 20000 --writers 8 (see tools/bench/).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/node-env.sh"
source "$ROOT/scripts/ensure-deps.sh"
exec node --enable-source-maps "$ROOT/dist/tools/bench/backbone-benchmark.js" "$@"
