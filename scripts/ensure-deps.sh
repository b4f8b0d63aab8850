#!/usr/bin/env bash
# Installs the npm dependencies when node_modules is missing or older than package-lock.json, then
# compiles the workspace to dist/. Sourced by bin/start and bin/test after node-env.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
stamp="node_modules/.installed-lock.sha256"
wanted="$(sha256sum package-lock.json | cut -d' ' -f1)-$(node --version)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  echo "==> npm ci (dependencies changed or not installed yet)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$wanted" > "$stamp"
fi
echo "==> building"
node tools/build.mjs
