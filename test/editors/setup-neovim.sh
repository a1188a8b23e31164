#!/bin/sh
# Installs Debian's Neovim (0.7.2 on Debian 12) for the Neovim check (test/editors/neovim.test.ts) when it is missing.
# .ci/run installs it too; the test calls this script when `nvim` is not on PATH.
set -eu
if command -v nvim >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
    echo "setup-neovim.sh: nvim is missing and installing it needs root: apt-get install neovim" >&2
    exit 1
fi
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends neovim
