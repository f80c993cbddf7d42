#!/usr/bin/env bash
# The server model's honesty test (tests/AsyncCassandra.ServerModel.Tests, PythonDriverTests) connects an independent
# client to the model: Debian's DataStax Python driver (python3-cassandra) with LZ4 (python3-lz4), run by Debian's own
# /usr/bin/python3 (a pyenv or venv python3 on PATH does not see those packages). A fresh machine has neither: install
# them from the distribution's packages, as root or through sudo. Quiet when they are already there.
set -euo pipefail
python=/usr/bin/python3
if [ -x "$python" ] && "$python" -c 'import cassandra, lz4' >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-python-driver: apt-get is missing; install Debian's python3-cassandra and python3-lz4 by hand, or the server model's Python driver test will fail." >&2
  exit 0
fi
if [ "$(id -u)" = 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1; then
  sudo="sudo"
else
  echo "ensure-python-driver: python3-cassandra/python3-lz4 are missing and this user can neither apt-get nor sudo; the server model's Python driver test will fail." >&2
  exit 0
fi
echo "ensure-python-driver: installing python3-cassandra and python3-lz4 (apt-get) for the server model's Python driver test"
$sudo apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-cassandra python3-lz4 >/dev/null
"$python" -c 'import cassandra, lz4' || { echo "ensure-python-driver: installed, but $python still cannot import cassandra and lz4." >&2; exit 1; }
