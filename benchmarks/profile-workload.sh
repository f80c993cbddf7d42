#!/usr/bin/env bash
# Samples where the client's CPU goes during the timed phase of one workload, with Linux perf (cpu-clock, call
# graphs) and the runtime's perf map for JIT-compiled code. Prints the top self-time symbols, the split by area
# (kernel, GC, JIT, runtime, managed code by namespace) and writes the raw samples for further digging.
#
# usage: benchmarks/profile-workload.sh W1 [perf-frequency-hz] [out-dir]
# needs: perf (kernel.perf_event_paranoid <= 1, or root), python3; the data loaded (`load`).
# The profiled run is slower than a measured one (perf overhead, W^X off so perf can resolve JIT code through the
# perf map): never compare its result line with measured runs. Hot framework methods are re-jitted at tier 1 and so
# get symbols; cold ReadyToRun code shows as its .dll.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tag="${1:?workload tag, e.g. W1}"
freq="${2:-1999}"
out="${3:-$root/benchmarks/results/profile-$tag-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"

dotnet build -c Release "$root/benchmarks/AsyncCassandra.LoadTool/AsyncCassandra.LoadTool.csproj" -nologo -v q -nodeReuse:false >&2
export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
read -r -a extra <<< "${LOADTOOL_ARGS:-}"
# perf starts with its events disabled (-D -1) and is switched on and off through a control fifo when the tool
# announces the timed phase on stderr, so that start-up, connect and warm-up are not sampled.
rm -f "$out/ctl" "$out/ack"
mkfifo "$out/ctl" "$out/ack"
perf record -D -1 --control "fifo:$out/ctl,$out/ack" -e cpu-clock -F "$freq" -g -o "$out/perf.data" -- \
  dotnet "$root/benchmarks/AsyncCassandra.LoadTool/bin/Release/net10.0/AsyncCassandra.LoadTool.dll" "$tag" "${extra[@]}" \
  > "$out/result.txt" 2> "$out/tool.log" &
perf_pid=$!
exec 7> "$out/ctl" 8< "$out/ack"
switched=0
while kill -0 "$perf_pid" 2>/dev/null; do
  if [[ $switched -eq 0 ]] && grep -q "timed phase starts" "$out/tool.log"; then
    echo enable >&7; read -r -t 5 _ <&8 || true; switched=1
  elif [[ $switched -eq 1 ]] && grep -q "timed phase done" "$out/tool.log"; then
    echo disable >&7; read -r -t 5 _ <&8 || true; switched=2
  fi
  sleep 0.01
done
wait "$perf_pid" || true
exec 7>&- 8<&-
rm -f "$out/ctl" "$out/ack"
cat "$out/result.txt"
perf script -i "$out/perf.data" -F comm,tid,period,ip,sym,dso 2>/dev/null > "$out/perf.script"
python3 "$root/benchmarks/perf-summary.py" "$out/perf.script" | tee "$out/summary.txt"
echo "raw: $out/perf.data (perf report -i ... --no-children), samples: $out/perf.script" >&2
