#!/usr/bin/env bash
# Same-run A/B of two builds of AsyncCassandra on the end-to-end workloads (../shared/WORKLOADS.md): the load tool is
# built at BASE_REF (in a temporary git worktree) and from the working tree, the data is loaded once, then every
# (workload, build) runs in its own process, interleaved (rep 1 of base and new for every workload, then rep 2, ...,
# the build order alternating from rep to rep), against the same node. Prints medians (min-max) and new/base ratios.
# A change to the runtime is judged by this table, never by figures from another run.
#
# usage: benchmarks/ab-workloads.sh [-n REPS] [--no-load] [-o FILE] BASE_REF [TAG ...]
#   BASE_REF   a commit, branch or tag of this repository (e.g. main~3, 05b618c)
#   TAG ...    load tool workloads (default: W1 W2 W3)
#   -n REPS    runs per (workload, build) (default 5)
#   --no-load  the data is loaded already
#   -o FILE    result lines (default benchmarks/results/ab-<UTC time>.txt)
# Node: as run-workloads.sh (the load tool starts or reuses the fixture's node on 127.0.0.1, which logs at INFO).
set -euo pipefail

for fd_path in /proc/$$/fd/*; do
  fd="${fd_path##*/}"
  if [[ "$fd" -gt 2 && "$(readlink "$fd_path" 2>/dev/null)" == *.lock ]]; then eval "exec $fd>&-"; fi
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
reps=5
do_load=1
out=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    -n) reps="$2"; shift 2 ;;
    --no-load) do_load=0; shift ;;
    -o) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
[[ $# -ge 1 ]] || { sed -n '2,14p' "$0" >&2; exit 2; }
base_ref="$1"; shift
workloads=("$@")
[[ ${#workloads[@]} -gt 0 ]] || workloads=(W1 W2 W3)
mkdir -p "$root/benchmarks/results"
out="${out:-$root/benchmarks/results/ab-$(date -u +%Y%m%dT%H%M%SZ).txt}"
log="${out%.txt}.log"

base_commit="$(git -C "$root" rev-parse --verify "$base_ref^{commit}")"
new_commit="$(git -C "$root" rev-parse HEAD)$(git -C "$root" diff --quiet HEAD -- src benchmarks || echo '+changes')"
base_dir="$(mktemp -d)"
trap 'git -C "$root" worktree remove --force "$base_dir" >/dev/null 2>&1 || rm -rf "$base_dir"' EXIT
git -C "$root" worktree add --detach "$base_dir" "$base_commit" >/dev/null
echo "building the load tool: base $base_commit, new $new_commit" >&2
dotnet build -c Release "$base_dir/benchmarks/AsyncCassandra.LoadTool/AsyncCassandra.LoadTool.csproj" -nologo -v q -nodeReuse:false >&2
dotnet build -c Release "$root/benchmarks/AsyncCassandra.LoadTool/AsyncCassandra.LoadTool.csproj" -nologo -v q -nodeReuse:false >&2
base_tool=(dotnet "$base_dir/benchmarks/AsyncCassandra.LoadTool/bin/Release/net10.0/AsyncCassandra.LoadTool.dll")
new_tool=(dotnet "$root/benchmarks/AsyncCassandra.LoadTool/bin/Release/net10.0/AsyncCassandra.LoadTool.dll")

{
  echo "# ab base=$base_commit new=$new_commit reps=$reps started=$(date -u +%Y-%m-%dT%H:%M:%SZ) host=$(hostname) cores=$(nproc)"
} > "$out"
: > "$log"
if [[ $do_load -eq 1 ]]; then
  "${new_tool[@]}" load >> "$log" 2>&1
fi

for ((rep = 1; rep <= reps; rep++)); do
  for w in "${workloads[@]}"; do
    if (( rep % 2 )); then order=(base new); else order=(new base); fi
    for b in "${order[@]}"; do
      if [[ $b == base ]]; then cmd=("${base_tool[@]}" "$w"); else cmd=("${new_tool[@]}" "$w"); fi
      line="$(timeout 1200 "${cmd[@]}" 2>>"$log" | tail -n 1)" || true
      echo "rep $rep $w $b: $line" >&2
      [[ "${line%% *}" == "$w" ]] && echo "$line build=$b rep=$rep" >> "$out" || echo "# FAILED $w build=$b rep=$rep: $line" >> "$out"
    done
  done
done

python3 - "$out" <<'PY'
import sys, statistics
rows = {}
for line in open(sys.argv[1], encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    parts = line.split()
    kv = dict(p.split("=", 1) for p in parts[1:] if "=" in p)
    rows.setdefault((parts[0], kv["build"]), []).append(kv)

def per_unit(tag, kv):
    units = float(kv.get("rows", 0) or 0) if tag.startswith("W2") else float(kv.get("requests", 100000) or 100000)
    return float(kv["cpu_s"]) * 1e6 / units if units else float("nan")

def med(values):
    values = sorted(values)
    return statistics.median(values), values[0], values[-1]

print("| workload | build | throughput (median, min-max) | client CPU µs per op/row | alloc B per op/row (median, min-max) | new/base CPU | new/base throughput | new/base alloc |")
print("|---|---|---|---|---|---|---|---|")
for tag in dict.fromkeys(t for t, _ in rows):
    stats = {}
    for build in ("base", "new"):
        runs = rows.get((tag, build), [])
        if not runs:
            continue
        rate_key = "rows_s" if "rows_s" in runs[0] else "ops_s"
        stats[build] = (med([float(r[rate_key]) for r in runs]), med([per_unit(tag, r) for r in runs]),
                        med([float(r["alloc_b_op"]) for r in runs]) if all("alloc_b_op" in r for r in runs) else (float("nan"),) * 3)
    for build in ("base", "new"):
        if build not in stats:
            continue
        (rate, rlo, rhi), (cpu, clo, chi), (alloc, alo, ahi) = stats[build]
        ratio_cpu = ratio_rate = ratio_alloc = ""
        if build == "new" and "base" in stats:
            ratio_cpu = f"{cpu / stats['base'][1][0]:.2f}x"
            ratio_rate = f"{rate / stats['base'][0][0]:.2f}x"
            ratio_alloc = f"{alloc / stats['base'][2][0]:.2f}x"
        print(f"| {tag} | {build} | {rate:,.0f} ({rlo:,.0f}-{rhi:,.0f}) | {cpu:.2f} ({clo:.2f}-{chi:.2f}) | {alloc:,.0f} ({alo:,.0f}-{ahi:,.0f}) | {ratio_cpu} | {ratio_rate} | {ratio_alloc} |")
PY
echo "results: $out" >&2
