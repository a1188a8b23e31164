#!/bin/sh
# Installs what the VS Code end-to-end tests need: Debian's chromium (the browser the workbench runs in), libkrb5-dev
# (headers for code-server's `kerberos` native module) and ripgrep, then the e2e package folder itself
# (code-server@4.100.3 = VS Code 1.100.3 server build, playwright-core). The extension's own `npm ci` never runs this.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"

missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing="$missing libkrb5-dev"
command -v rg >/dev/null 2>&1 || missing="$missing ripgrep"
command -v g++ >/dev/null 2>&1 || missing="$missing g++"
command -v make >/dev/null 2>&1 || missing="$missing make"
command -v python3 >/dev/null 2>&1 || missing="$missing python3"
if [ -n "$missing" ]; then
  echo "setup.sh: installing Debian packages:$missing"
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup.sh: need root to install$missing (or install them yourself)" >&2
    exit 1
  fi
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing
fi

# Skip the npm install when node_modules already matches the lockfile.
stamp="$here/node_modules/.iom-e2e-lock"
if [ -f "$stamp" ] && cmp -s "$stamp" "$here/package-lock.json"; then
  echo "setup.sh: test/e2e/node_modules is up to date"
  exit 0
fi

# @vscode/ripgrep (a dependency of VS Code) downloads rg in its postinstall, which fails offline. It first looks in
# os.tmpdir()/vscode-ripgrep-cache-<version>/, so seed that cache with Debian's rg.
cache="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-1.15.11"
tarball="$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -f "$tarball" ]; then
  tmp="$(mktemp -d)"
  cp "$(command -v rg)" "$tmp/rg"
  mkdir -p "$cache"
  tar czf "$tarball" -C "$tmp" rg
  rm -rf "$tmp"
fi

# As root, code-server's postinstall needs unsafe-perm; node-pty's postinstall runs `npx node-gyp` (needs "yes").
export npm_config_unsafe_perm=true npm_config_yes=true
cd "$here"
if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund
else
  npm install --no-audit --no-fund
fi
cp package-lock.json "$stamp"
