#!/bin/sh
# Installs the browser the end-to-end tests drive: Debian's chromium at /usr/bin/chromium.
# Playwright's own browser downloads are never used (the tests pass executable_path).
# Does nothing when /usr/bin/chromium is already there.
set -eu

if [ -x /usr/bin/chromium ]; then
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "setup-browser.sh: /usr/bin/chromium is missing and this is not root (no sudo either);" >&2
    echo "install it with: apt-get update && apt-get install -y chromium" >&2
    exit 1
fi

$SUDO apt-get update
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
