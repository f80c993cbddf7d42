#!/usr/bin/env bash
# The Realtime sample's end-to-end test drives Debian's chromium (/usr/bin/chromium) through Playwright for .NET.
# A fresh machine has none: install it from the distribution's packages when we may (root with apt-get).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "ensure-chromium: installing chromium (apt-get install chromium) for the browser test"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "ensure-chromium: /usr/bin/chromium is missing and cannot be installed here (needs root and apt-get); the Realtime browser test will fail. Install Debian's 'chromium' package." >&2
fi
