#!/usr/bin/env bash
# Benchmarks the receivables reports (aging, DSO/CEI, unbilled, forecast, the invoice list) over
# 100,000 seeded invoices on this machine and writes the results to docs/benchmarks.md. Creates its
# own database and drops it after; needs no broker. Never run by the test suite.
# Options pass through, e.g. scripts/bench-receivables.sh --invoices 300000 --runs 9 --no-docs.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/node-env.sh"
source "$ROOT/scripts/ensure-deps.sh"
exec node --enable-source-maps "$ROOT/dist/tools/bench/receivables-benchmark.js" "$@"
