#!/usr/bin/python3
"""The Python cassandra-driver (Debian's python3-cassandra: Cython extensions, libev reactor) on the workloads of
../shared/WORKLOADS.md, one workload per process, exactly as the AsyncCassandra load tool runs them:

    /usr/bin/python3 benchmarks/peers/python/workloads.py <TAG> [--requests N]
    /usr/bin/python3 benchmarks/peers/python/workloads.py supports <TAG>    (exit 0: implemented, 3: not)

TAG: W1 | W2 | W3 | W1c<N> / W3c<N> (N requests in flight instead of 128, e.g. W1c8)
     | any of these with a trailing d (W1d, W1c8d, W3d, W2d): through the delay proxy at BENCH_PROXY=host:port.
Node: CASSANDRA_CONTACT_POINTS (first entry, host or host:port) and CASSANDRA_PORT, default 127.0.0.1:9042.
--requests N: timed requests of W1/W3 (default 100,000); development only, such a line is not comparable.
Exit codes: 0 ok, 1 a check failed (wrong rows, checksum or values), 2 bad usage, 3 tag not implemented here.

Use Debian's /usr/bin/python3: a python3 built elsewhere (pyenv) does not see the Debian package.
"""

import itertools
import math
import os
import random
import re
import sys
import threading
import time

KV_ROWS = 10_000
TIMED_REQUESTS = 100_000
WARMUP_REQUESTS = 5_000
IN_FLIGHT = 128
PAGE_SIZE = 5_000
EXPECTED_ROWS = 200_000
EXPECTED_CHK = 2_235_993_456

SELECT_KV = "SELECT v FROM bench.kv WHERE id = ?"
INSERT_KV2 = "INSERT INTO bench.kv2 (id, v) VALUES (?, ?)"
SCAN = "SELECT * FROM bench.wide"
SCAN_WARMUP = "SELECT * FROM bench.wide LIMIT 5000"


def parse_tag(tag):
    m = re.fullmatch(r"W([123])(?:c(\d+))?(d?)", tag or "")
    if not m:
        return None
    kind = int(m.group(1))
    if m.group(2) is not None and (kind == 2 or int(m.group(2)) < 1):
        return None
    return {
        "tag": tag,
        "kind": kind,
        "in_flight": IN_FLIGHT if m.group(2) is None else int(m.group(2)),
        "via_proxy": m.group(3) == "d",
        "requests": TIMED_REQUESTS,
    }


def parse_args(argv):
    if argv and argv[0] == "supports":
        # `supports TAG`: exit 0 when this harness implements TAG, 3 when not (the run script asks before running).
        sys.exit(0 if len(argv) == 2 and parse_tag(argv[1]) else 3)
    spec = parse_tag(argv[0] if argv else None)
    if spec is None:
        print(f"workloads.py: tag '{argv[0] if argv else ''}' is not implemented by this harness "
              "(W1, W2, W3, W1c<N>, W3c<N>, each optionally followed by d)", file=sys.stderr)
        sys.exit(2 if not argv else 3)
    i = 1
    while i < len(argv):
        if argv[i] == "--requests" and i + 1 < len(argv) and argv[i + 1].isdigit() and int(argv[i + 1]) > 0:
            spec["requests"] = int(argv[i + 1])
            i += 2
        else:
            print(f"workloads.py: unknown option '{argv[i]}'", file=sys.stderr)
            sys.exit(2)
    return spec


def endpoint(spec):
    """(host, port) of the node, or of the delay proxy for a tag ending in d."""
    if spec["via_proxy"]:
        proxy = os.environ.get("BENCH_PROXY", "")
        if not re.fullmatch(r"[^:]+:\d+", proxy):
            print(f"{spec['tag']} runs through the delay proxy: set BENCH_PROXY=host:port "
                  "(benchmarks/run-workloads.sh starts the proxy and sets it)", file=sys.stderr)
            sys.exit(2)
        host, port = proxy.split(":")
        return host, int(port)
    first = os.environ.get("CASSANDRA_CONTACT_POINTS", "127.0.0.1").split(",")[0].strip()
    if re.fullmatch(r".+:\d+", first):
        host, port = first.rsplit(":", 1)
        return host, int(port)
    return first, int(os.environ.get("CASSANDRA_PORT", "9042"))


def kv_value(id_):
    return f"{id_:010d}" * 10


def rss_peak_mib():
    """VmHWM of /proc/self/status in MiB (0 where /proc is unavailable)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class Meter:
    """Wall clock and whole-process user+sys CPU (os.times) of the timed phase."""

    def start(self):
        t = os.times()
        self.cpu0 = t.user + t.system
        self.t0 = time.perf_counter()

    def stop(self):
        t1 = time.perf_counter()
        t = os.times()
        self.wall_s = t1 - self.t0
        self.cpu_s = t.user + t.system - self.cpu0
        self.rss_mib = rss_peak_mib()


def nearest_rank(sorted_values, p):
    rank = min(max(math.ceil(p * len(sorted_values)), 1), len(sorted_values))
    return sorted_values[rank - 1]


def result_line(tag, pairs):
    return " ".join([tag] + [f"{k}={v}" for k, v in pairs])


class RequestPhase:
    """count requests with exactly in_flight outstanding: in_flight callback chains, each issuing its next request
    from the completion callback of its previous one (the driver's event loop thread)."""

    def __init__(self, session, count, in_flight, statement_for, check, latencies):
        self.session = session
        self.count = count
        self.workers = min(in_flight, count)
        self.statement_for = statement_for
        self.check = check
        self.latencies = latencies
        self.next = itertools.count()
        self.lock = threading.Lock()
        self.finished_workers = 0
        self.errors = 0
        self.checked = 0
        self.first_error = None
        self.done = threading.Event()

    def run(self):
        for _ in range(self.workers):
            self._issue()
        self.done.wait()
        return self

    def _issue(self):
        i = next(self.next)
        if i >= self.count:
            with self.lock:
                self.finished_workers += 1
                if self.finished_workers == self.workers:
                    self.done.set()
            return
        start = time.perf_counter()
        future = self.session.execute_async(self.statement_for(i))
        future.add_callbacks(self._completed, self._failed, callback_args=(i, start), errback_args=(i, start))

    def _completed(self, rows, i, start):
        end = time.perf_counter()
        if self.latencies is not None:
            self.latencies[i] = end - start
        ok = self.check(rows)
        with self.lock:
            if ok:
                self.checked += 1
            else:
                self.errors += 1
                self.first_error = self.first_error or f"request {i} returned an unexpected result"
        self._issue()

    def _failed(self, exc, i, start):
        end = time.perf_counter()
        if self.latencies is not None:
            self.latencies[i] = end - start
        with self.lock:
            self.errors += 1
            self.first_error = self.first_error or repr(exc)
        self._issue()


def request_workload(session, spec):
    if spec["kind"] == 1:
        prepared = session.prepare(SELECT_KV)
        warmup_ids = [random.randrange(KV_ROWS) for _ in range(WARMUP_REQUESTS)]
        timed_ids = [random.randrange(KV_ROWS) for _ in range(spec["requests"])]

        def check(rows):
            return len(rows) == 1 and isinstance(rows[0].v, str) and len(rows[0].v) == 100

        warmup_statement = lambda i: prepared.bind((warmup_ids[i],))  # noqa: E731
        timed_statement = lambda i: prepared.bind((timed_ids[i],))  # noqa: E731
    else:
        session.execute("TRUNCATE bench.kv2", timeout=60)
        prepared = session.prepare(INSERT_KV2)

        def check(rows):
            return True

        warmup_statement = lambda i: prepared.bind((i, kv_value(i)))  # noqa: E731
        timed_statement = warmup_statement

    warm = RequestPhase(session, WARMUP_REQUESTS, spec["in_flight"], warmup_statement, check, None).run()
    if warm.errors:
        print(f"{spec['tag']} warm-up: {warm.errors} error(s); first: {warm.first_error}", file=sys.stderr)

    n = spec["requests"]
    latencies = [0.0] * n
    print(f"[{spec['tag']}] warm-up done; timed phase starts", file=sys.stderr)
    meter = Meter()
    meter.start()
    res = RequestPhase(session, n, spec["in_flight"], timed_statement, check, latencies).run()
    meter.stop()
    latencies.sort()
    if res.errors:
        print(f"{spec['tag']}: {res.errors} error(s); first: {res.first_error}", file=sys.stderr)
    print(result_line(spec["tag"], [
        ("ops_s", f"{n / meter.wall_s:.1f}"),
        ("p50_ms", f"{nearest_rank(latencies, 0.50) * 1000:.3f}"),
        ("p99_ms", f"{nearest_rank(latencies, 0.99) * 1000:.3f}"),
        ("cpu_s", f"{meter.cpu_s:.3f}"),
        ("wall_s", f"{meter.wall_s:.3f}"),
        ("rss_peak_mb", f"{meter.rss_mib:.1f}"),
        ("errors", res.errors),
        ("cpu_us_op", f"{meter.cpu_s * 1e6 / n:.2f}"),
    ]), flush=True)
    return None if res.checked + res.errors == n else f"{res.checked} checked + {res.errors} errors != {n}"


def scan(session, prepared):
    """Every row of the prepared statement, page size 5,000, automatic paging; every column as its typed value."""
    bound = prepared.bind(())
    bound.fetch_size = PAGE_SIZE
    rows = 0
    chk = 0
    for row in session.execute(bound):
        chk += (row.pk + row.ck + len(row.a) + row.b % 1000 + math.floor(row.c) % 1000 + row.d.bytes[15]
                + row.e.second)
        rows += 1
    return rows, chk


def scan_workload(session, spec):
    full = session.prepare(SCAN)
    limited = session.prepare(SCAN_WARMUP)
    warm_rows, _ = scan(session, limited)
    if warm_rows != 5000:
        print(f"{spec['tag']} warm-up read {warm_rows} rows instead of 5000: is the data loaded?", file=sys.stderr)
    print(f"[{spec['tag']}] warm-up done; timed phase starts", file=sys.stderr)
    meter = Meter()
    meter.start()
    rows, chk = scan(session, full)
    meter.stop()
    print(result_line(spec["tag"], [
        ("rows_s", f"{rows / meter.wall_s:.1f}"),
        ("rows", rows),
        ("chk", chk),
        ("cpu_s", f"{meter.cpu_s:.3f}"),
        ("wall_s", f"{meter.wall_s:.3f}"),
        ("rss_peak_mb", f"{meter.rss_mib:.1f}"),
        ("cpu_us_op", f"{(meter.cpu_s * 1e6 / rows) if rows else 0:.3f}"),
    ]), flush=True)
    if rows == EXPECTED_ROWS and chk == EXPECTED_CHK:
        return None
    return f"expected rows={EXPECTED_ROWS} chk={EXPECTED_CHK}, got rows={rows} chk={chk}"


def main():
    spec = parse_args(sys.argv[1:])
    try:
        from cassandra import ConsistencyLevel
        from cassandra.cluster import EXEC_PROFILE_DEFAULT, Cluster, ExecutionProfile
    except ImportError:
        print("workloads.py: the cassandra driver is missing: apt-get install python3-cassandra, and run this with "
              "Debian's /usr/bin/python3", file=sys.stderr)
        return 2

    host, port = endpoint(spec)
    # WORKLOADS.md: protocol v3 forced, LOCAL_ONE, one connection (the driver's default for v3+), defaults otherwise.
    profile = ExecutionProfile(consistency_level=ConsistencyLevel.LOCAL_ONE)
    cluster = Cluster(contact_points=[host], port=port, protocol_version=3,
                      execution_profiles={EXEC_PROFILE_DEFAULT: profile})
    try:
        session = cluster.connect()
        failure = scan_workload(session, spec) if spec["kind"] == 2 else request_workload(session, spec)
    finally:
        cluster.shutdown()
    if failure:
        print(f"{spec['tag']} FAILED: {failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
