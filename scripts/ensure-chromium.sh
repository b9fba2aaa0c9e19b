#!/usr/bin/env bash
# Make sure Debian's Chromium is there for the browser tests: install it through apt when we are root,
# otherwise stop and say how. Playwright drives this browser; it never downloads one of its own.
set -euo pipefail
CHROMIUM=${PLAYBOOK_CHROMIUM:-/usr/bin/chromium}
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Chromium is missing: installing Debian's chromium package..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "The browser tests need Chromium at $CHROMIUM." >&2
echo "Install it with:  sudo apt-get install chromium   (or set PLAYBOOK_CHROMIUM to another Chromium)." >&2
exit 1
