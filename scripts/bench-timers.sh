#!/usr/bin/env bash
# Benchmarks the durable timers (10,000 due at one instant, fired by two instances) on this machine
# and writes the results to docs/benchmarks.md. Creates its own database and drops it after; needs no
# broker. Stops by itself after --timeout-seconds (1200 unless told).
# Options pass through, e.g. scripts/bench-timers.sh --timers 20000 --polling-interval 1 (see tools/bench/).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/node-env.sh"
source "$ROOT/scripts/ensure-deps.sh"
exec node --enable-source-maps "$ROOT/dist/tools/bench/timers-benchmark.js" "$@"
