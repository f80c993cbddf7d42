#!/usr/bin/env bash
# Runs the end-to-end workloads of ../shared/WORKLOADS.md with the load tool, one process per run, interleaved
# (rep 1 of every workload, then rep 2, ...), and prints the medians (min-max) as a markdown table beside the
# incumbents' figures of issue 4.
#
# usage: benchmarks/run-workloads.sh [-n REPS] [-o RESULTS_FILE] [--no-load] [--no-wait] [--summarize FILE] [WORKLOAD ...]
#   -n REPS          runs per workload (default 5)
#   -o FILE          where the result lines go (default benchmarks/results/workloads-<timestamp>.txt)
#   --no-load        skip `load` (the data is already there)
#   --no-wait        pass --no-wait to `load` (development only: reads then hit memtables)
#   --summarize FILE only print the table for an existing results file
#   WORKLOAD ...     tags to run (default: W1 W2 W3); e.g. W1 W2 W2p W2c W3 W1g W2g W3g
# Node: CASSANDRA_CONTACT_POINTS / CASSANDRA_PORT when set, else the tool starts (or reuses) one on 127.0.0.1:9042.
# LOADTOOL_ARGS is appended to every tool invocation (e.g. "--first-octet 8").
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
reps=5
out=""
do_load=1
load_args=()
summarize_only=""
workloads=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    -n) reps="$2"; shift 2 ;;
    -o) out="$2"; shift 2 ;;
    --no-load) do_load=0; shift ;;
    --no-wait) load_args+=(--no-wait); shift ;;
    --summarize) summarize_only="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) workloads+=("$1"); shift ;;
  esac
done
[[ ${#workloads[@]} -eq 0 ]] && workloads=(W1 W2 W3)
read -r -a extra <<< "${LOADTOOL_ARGS:-}"

summarize() {
  python3 - "$1" <<'PY'
import sys, statistics
# Issue 4: incumbents on this machine, 5 runs each, medians. (throughput, client CPU µs per op/row)
inc = {
    "W1": {"DataStax C# 3.22": (3128, 144), "Node.js": (3174, 54), "Python (C ext.)": (2674, 213)},
    "W2": {"DataStax C# 3.22": (122000, 2.8), "Node.js": (122000, 3.2), "Python (C ext.)": (130000, 2.4)},
    "W3": {"DataStax C# 3.22": (9736, 65), "Node.js": (11034, 31), "Python (C ext.)": (9325, 71)},
}
targets = {"W1": "≥4,000 ops/s, ≤25 µs/op, ≤512 B/op (generated)", "W2": "≥130k rows/s, ≤1 µs/row", "W3": "≥12,000 ops/s, ≤20 µs/op"}
runs = {}
order = []
for line in open(sys.argv[1], encoding="utf-8"):
    parts = line.split()
    if not parts or "=" in parts[0] or not parts[0][:1] == "W":
        continue
    tag = parts[0]
    kv = dict(p.split("=", 1) for p in parts[1:] if "=" in p)
    if tag not in runs:
        runs[tag] = []
        order.append(tag)
    runs[tag].append(kv)

def med(tag, key):
    vals = [float(r[key]) for r in runs[tag] if key in r]
    if not vals:
        return None
    return statistics.median(vals), min(vals), max(vals)

def fmt(v, digits=1):
    if v is None:
        return "–"
    m, lo, hi = v
    f = lambda x: f"{x:,.{digits}f}"
    return f"{f(m)} ({f(lo)}–{f(hi)})" if len(set((lo, hi))) > 1 else f(m)

print(f"results: {sys.argv[1]}\n")
print("| workload | runs | throughput (median, min–max) | client CPU µs/op | alloc B/op | p50 ms | p99 ms | rss MiB | errors (max) |")
print("|---|---|---|---|---|---|---|---|---|")
for tag in order:
    thr = med(tag, "ops_s") or med(tag, "rows_s")
    unit = "ops/s" if med(tag, "ops_s") else "rows/s"
    errs = med(tag, "errors")
    print(f"| {tag} | {len(runs[tag])} | {fmt(thr, 0)} {unit} | {fmt(med(tag, 'cpu_us_op'), 2)} | {fmt(med(tag, 'alloc_b_op'), 0)} | "
          f"{fmt(med(tag, 'p50_ms'), 2)} | {fmt(med(tag, 'p99_ms'), 2)} | {fmt(med(tag, 'rss_peak_mb'), 1)} | {'–' if errs is None else int(errs[2])} |")

print("\nRatios against the incumbents (issue 4; medians): throughput ours/theirs (higher is better), "
      "client CPU theirs/ours (how many times less CPU we spend; higher is better).\n")
names = list(inc["W1"].keys())
print("| incumbent | W1 ops/s, µs/op | W2 rows/s, µs/row | W3 ops/s, µs/op |")
print("|---|---|---|---|")
for n in names:
    print(f"| {n} | " + " | ".join(f"{inc[w][n][0]:,}, {inc[w][n][1]}" for w in ("W1", "W2", "W3")) + " |")
print()
print("| workload | ours | " + " | ".join(f"vs {n}: thr ×, CPU ÷" for n in names) + " | target |")
print("|---|---|" + "---|" * len(names) + "---|")
for tag in order:
    base = tag[:2]
    if base not in inc:
        continue
    thr = med(tag, "ops_s") or med(tag, "rows_s")
    cpu = med(tag, "cpu_us_op")
    if thr is None or cpu is None:
        continue
    cells = []
    for n in names:
        t, c = inc[base][n]
        cells.append(f"{thr[0] / t:.2f}× / {c / cpu[0]:.1f}×")
    print(f"| {tag} | {thr[0]:,.0f} /s, {cpu[0]:.2f} µs | " + " | ".join(cells) + f" | {targets[base]} |")
PY
}

if [[ -n "$summarize_only" ]]; then
  summarize "$summarize_only"
  exit 0
fi

if [[ -z "$out" ]]; then
  mkdir -p "$root/benchmarks/results"
  out="$root/benchmarks/results/workloads-$(date -u +%Y%m%dT%H%M%SZ).txt"
fi
log="${out%.txt}.log"
: > "$out"
: > "$log"

echo "building the load tool (Release)..." >&2
dotnet build -c Release "$root/benchmarks/AsyncCassandra.LoadTool/AsyncCassandra.LoadTool.csproj" -nologo -v q -nodeReuse:false >&2
tool=(dotnet "$root/benchmarks/AsyncCassandra.LoadTool/bin/Release/net10.0/AsyncCassandra.LoadTool.dll")

if [[ $do_load -eq 1 ]]; then
  echo "load ${load_args[*]:-}" >&2
  "${tool[@]}" load "${load_args[@]}" "${extra[@]}" 2>>"$log" | tee -a "$log" >&2
fi

failed=0
for ((rep = 1; rep <= reps; rep++)); do
  for w in "${workloads[@]}"; do
    set +e
    line="$("${tool[@]}" "$w" "${extra[@]}" 2>>"$log")"
    rc=$?
    set -e
    if [[ $rc -eq 3 ]]; then
      echo "rep $rep $w: not wired (skipped)" >&2
      continue
    fi
    if [[ $rc -ne 0 ]]; then
      echo "rep $rep $w: FAILED (exit $rc): $line" >&2
      echo "# FAILED rep=$rep exit=$rc $line" >> "$out"
      failed=1
      continue
    fi
    echo "rep $rep: $line" >&2
    echo "$line" >> "$out"
  done
done

summarize "$out"
exit $failed
