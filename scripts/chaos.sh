#!/usr/bin/env bash
# The chaos run (tools/chaos/): two instances of every service on a private PostgreSQL cluster and
# Kafka broker under a steady approval load, faults injected in turn, then the checker. Writes
# docs/reliability.md. Options pass through, e.g. scripts/chaos.sh --minutes 10 --rate 10, or
# --short for the two-minute run the test command makes. Build first (node tools/build.mjs).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/node-env.sh"
source "$ROOT/scripts/ensure-deps.sh"
exec node --enable-source-maps "$ROOT/dist/tools/chaos/chaos-run.js" "$@"
