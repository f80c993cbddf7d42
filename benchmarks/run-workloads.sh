#!/usr/bin/env bash
# Runs the end-to-end workloads of ../shared/WORKLOADS.md for AsyncCassandra and its peers (the Node.js driver and
# the Python driver) against one node: the data is loaded once, then every (workload, driver) runs in its own process,
# interleaved (rep 1 of every workload and driver, then rep 2, ...; the driver order rotates from rep to rep), and
# one table shows the medians (min–max) side by side with the same-run ratios ours/Node and ours/Python.
#
# usage: benchmarks/run-workloads.sh [options] [TAG ...]
#   TAG ...             workloads (default: W1 W2 W3 W1c8 W1d W1u). Ours: the load tool's tags (its `list`) and W1u
#                       (the plain user program, benchmarks/AsyncCassandra.UserProgram); Node: W1 W2 W3 W2e W1c<N>
#                       W3c<N>; Python: W1 W2 W3 W1c<N> W3c<N>. A trailing d (W1d, W3d) runs through the delay proxy
#                       (benchmarks/AsyncCassandra.DelayProxy). A driver that lacks a tag is left out of its row.
#   -n REPS             runs per (workload, driver) (default 5)
#   --drivers LIST      comma-separated subset of ours,node,python (default: all three)
#   -o FILE             result lines (default benchmarks/results/workloads-<UTC time>.txt; the runs' stderr in .log)
#   --no-load           skip loading the data (it is there already)
#   --no-wait           load without the 75 s flush wait (development only: reads then hit memtables)
#   --requests N        timed requests of the W1/W3 kinds instead of 100,000 (development only; the table says so)
#   --proxy-delay-us U  the delay proxy's delay per direction (default 500: ~1 ms added round trip)
#   --allow-unverified-log-level
#                       measure although the node's log level cannot be checked (the table then says UNVERIFIED);
#                       a node found logging at DEBUG is always refused
#   --stop-node         stop the node at the end (only one the load tool started; never an external one)
#   --summarize FILE    only print the table of an existing results file
# Node: CASSANDRA_CONTACT_POINTS / CASSANDRA_PORT when set (an external node: measured only when its log level can be
# checked on this machine, or with --allow-unverified-log-level); else the load tool starts (or reuses) one on
# 127.0.0.1:9042 with the test fixture, which logs at INFO. Either way the node's logback configuration is checked.
# LOADTOOL_ARGS is appended to every load tool invocation (e.g. "--first-octet 8").
# Installs what the peers need when missing: `npm ci` in benchmarks/peers/node, `apt-get install python3-cassandra`.
set -euo pipefail

# Run under `flock LOCKFILE benchmarks/run-workloads.sh`, this script inherits the lock's file descriptor; a node
# started from here (kept running for the next process) would inherit it too and hold the lock for as long as it
# lives. The flock process keeps the lock for the whole run; this script's copies of such descriptors are closed.
for fd_path in /proc/$$/fd/*; do
  fd="${fd_path##*/}"
  if [[ "$fd" -gt 2 && "$(readlink "$fd_path" 2>/dev/null)" == *.lock ]]; then eval "exec $fd>&-"; fi
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/benchmarks"
reps=5
out=""
do_load=1
load_args=()
summarize_only=""
requests=""
proxy_delay_us=500
allow_unverified=0
stop_node=0
drivers_csv="ours,node,python"
workloads=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    -n) reps="$2"; shift 2 ;;
    -o) out="$2"; shift 2 ;;
    --drivers) drivers_csv="$2"; shift 2 ;;
    --no-load) do_load=0; shift ;;
    --no-wait) load_args+=(--no-wait); shift ;;
    --requests) requests="$2"; shift 2 ;;
    --proxy-delay-us) proxy_delay_us="$2"; shift 2 ;;
    --allow-unverified-log-level) allow_unverified=1; shift ;;
    --stop-node) stop_node=1; shift ;;
    --summarize) summarize_only="$2"; shift 2 ;;
    -h|--help) sed -n '2,28p' "$0"; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) workloads+=("$1"); shift ;;
  esac
done
[[ ${#workloads[@]} -eq 0 ]] && workloads=(W1 W2 W3 W1c8 W1d W1u)
IFS=',' read -r -a drivers <<< "$drivers_csv"
for d in "${drivers[@]}"; do
  [[ "$d" =~ ^(ours|node|python)$ ]] || { echo "unknown driver '$d' (ours, node, python)" >&2; exit 2; }
done
[[ -z "$requests" || "$requests" =~ ^[1-9][0-9]*$ ]] || { echo "--requests needs a positive number" >&2; exit 2; }
read -r -a extra <<< "${LOADTOOL_ARGS:-}"

summarize() { python3 "$bench/summarize-workloads.py" "$1"; }

if [[ -n "$summarize_only" ]]; then
  summarize "$summarize_only"
  exit 0
fi

if [[ -z "$out" ]]; then
  mkdir -p "$bench/results"
  out="$bench/results/workloads-$(date -u +%Y%m%dT%H%M%SZ).txt"
fi
log="${out%.txt}.log"
: > "$out"
: > "$log"
meta() { echo "# meta $1: $2" >> "$out"; }

has_driver() { [[ ",$drivers_csv," == *",$1,"* ]]; }
is_user_tag() { [[ "$1" =~ ^W1(c[0-9]+)?u$ ]]; }
is_proxy_tag() { [[ "$1" =~ ^W[0-9].*d$ ]]; }

# --- build and install what the selected drivers need -------------------------------------------------------------
build() {
  echo "building $1 (Release)..." >&2
  dotnet build -c Release "$bench/$1/$1.csproj" -nologo -v q -nodeReuse:false >&2
}
build AsyncCassandra.LoadTool
tool=(dotnet "$bench/AsyncCassandra.LoadTool/bin/Release/net10.0/AsyncCassandra.LoadTool.dll")
user_program=(dotnet "$bench/AsyncCassandra.UserProgram/bin/Release/net10.0/AsyncCassandra.UserProgram.dll")
proxy=(dotnet "$bench/AsyncCassandra.DelayProxy/bin/Release/net10.0/AsyncCassandra.DelayProxy.dll")
need_user=0
need_proxy=0
for w in "${workloads[@]}"; do
  is_user_tag "$w" && need_user=1
  is_proxy_tag "$w" && need_proxy=1
done
if has_driver ours && [[ $need_user -eq 1 ]]; then build AsyncCassandra.UserProgram; fi
if [[ $need_proxy -eq 1 ]]; then build AsyncCassandra.DelayProxy; fi

node_dir="$bench/peers/node"
if has_driver node; then
  command -v node >/dev/null || { echo "node is not on PATH (Debian: apt-get install nodejs npm)" >&2; exit 2; }
  want="$(node -p "require('$node_dir/package-lock.json').packages['node_modules/cassandra-driver'].version")"
  have="$(node -p "try { require('$node_dir/node_modules/cassandra-driver/package.json').version } catch { '' }")"
  if [[ "$have" != "$want" ]]; then
    echo "installing the Node.js cassandra-driver $want (npm ci)..." >&2
    (cd "$node_dir" && npm ci --no-audit --no-fund >&2)
  fi
fi

python=/usr/bin/python3 # Debian's: python3-cassandra is installed for it, not for a pyenv python3 on PATH
if has_driver python; then
  if ! "$python" -c 'import cassandra' 2>/dev/null; then
    echo "installing Debian's python3-cassandra (apt-get)..." >&2
    sudo_cmd=()
    [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get install -y -q python3-cassandra >&2 ||
      { "${sudo_cmd[@]}" apt-get update -q >&2 && "${sudo_cmd[@]}" apt-get install -y -q python3-cassandra >&2; }
  fi
fi

# --- the node: start or reuse it, then vouch for its log level ----------------------------------------------------
where="$("${tool[@]}" node "${extra[@]}" 2>>"$log" | tail -n 1 || true)"
[[ "$where" =~ ^CASSANDRA_CONTACT_POINTS=([^ ]+)\ CASSANDRA_PORT=([0-9]+)$ ]] ||
  { echo "the load tool did not report the node ('$where'; see $log)" >&2; exit 1; }
contact_points="${BASH_REMATCH[1]}"
node_port="${BASH_REMATCH[2]}"
node_host="${contact_points%%,*}"
if [[ "$node_host" =~ ^(.+):([0-9]+)$ ]]; then node_host="${BASH_REMATCH[1]}"; node_port="${BASH_REMATCH[2]}"; fi
set +e
log_level="$(python3 "$bench/check-node-log-level.py" "$node_host" "$node_port")"
level_rc=$?
set -e
echo "node $node_host:$node_port log level: $log_level" >&2
if [[ $level_rc -eq 1 ]]; then
  echo "refusing to measure: the node logs at DEBUG, which inflates every client's CPU per request (WORKLOADS.md)." >&2
  exit 2
elif [[ $level_rc -ne 0 ]]; then
  if [[ $allow_unverified -eq 0 ]]; then
    echo "refusing to measure: the node's log level cannot be verified; point CASSANDRA_CONTACT_POINTS at a node on" \
      "this machine, or pass --allow-unverified-log-level (the table then says the level is UNVERIFIED)." >&2
    exit 2
  fi
  log_level="UNVERIFIED (--allow-unverified-log-level): ${log_level#UNVERIFIED: }"
fi

node_env=(CASSANDRA_CONTACT_POINTS="$contact_points" CASSANDRA_PORT="$node_port")
requests_args=()
[[ -n "$requests" ]] && requests_args=(--requests "$requests")

meta date "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
meta commit "$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet HEAD 2>/dev/null || echo ' (uncommitted changes)')"
meta node "$node_host:$node_port"
meta log_level "$log_level"
meta reps "$reps"
meta requests "${requests:-100000}"
meta proxy_delay_us "$proxy_delay_us"
meta machine "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
has_driver ours && meta version_ours "AsyncCassandra (this commit) on .NET $(dotnet --list-runtimes | sed -n 's/^Microsoft.NETCore.App \([^ ]*\).*/\1/p' | tail -n 1)"
has_driver node && meta version_node "cassandra-driver $(node -p "require('$node_dir/node_modules/cassandra-driver/package.json').version") on Node.js $(node --version)"
has_driver python && meta version_python "cassandra-driver $("$python" -c 'import cassandra, platform; print(cassandra.__version__, "(Debian python3-cassandra) on CPython", platform.python_version())')"

if [[ $do_load -eq 1 ]]; then
  echo "load ${load_args[*]:-}" >&2
  "${tool[@]}" load "${load_args[@]}" "${extra[@]}" 2>>"$log" | tee -a "$log" >&2
fi

# --- which driver runs which tag ----------------------------------------------------------------------------------
mapfile -t our_tags < <("${tool[@]}" list | sed -n 's/^  \(W[^ ]*\) .*/\1/p')
supports() { # driver tag
  case "$1" in
    ours) is_user_tag "$2" || printf '%s\n' "${our_tags[@]}" | grep -qix "$2" ;;
    node) node "$node_dir/workloads.js" supports "$2" ;;
    python) "$python" "$bench/peers/python/workloads.py" supports "$2" ;;
  esac
}
declare -A runs_of
planned=0
for w in "${workloads[@]}"; do
  list=()
  for d in "${drivers[@]}"; do
    if supports "$d" "$w"; then list+=("$d"); planned=$((planned + reps)); fi
  done
  [[ ${#list[@]} -gt 0 ]] || { echo "no selected driver implements '$w'" >&2; exit 2; }
  runs_of[$w]="${list[*]}"
  echo "$w: ${list[*]}" >&2
done
echo "$planned runs planned; results: $out" >&2

command_for() { # driver tag -> the harness command in the array cmd
  case "$1" in
    ours)
      if is_user_tag "$2"; then
        local tasks=128
        [[ "$2" =~ ^W1c([0-9]+)u$ ]] && tasks="${BASH_REMATCH[1]}"
        cmd=(env "${node_env[@]}" "${user_program[@]}" --tasks "$tasks" "${requests_args[@]}")
      else
        cmd=("${tool[@]}" "$2" "${extra[@]}" "${requests_args[@]}")
      fi ;;
    node) cmd=(env "${node_env[@]}" node "$node_dir/workloads.js" "$2" "${requests_args[@]}") ;;
    python) cmd=(env "${node_env[@]}" "$python" "$bench/peers/python/workloads.py" "$2" "${requests_args[@]}") ;;
  esac
}

proxy_pid=""
start_proxy() {
  local endpoint_file="$1"
  "${proxy[@]}" --target "$node_host:$node_port" --delay-us "$proxy_delay_us" > "$endpoint_file" 2> "$endpoint_file.err" &
  proxy_pid=$!
  for _ in $(seq 1 100); do
    grep -q '^BENCH_PROXY=' "$endpoint_file" 2>/dev/null && break
    sleep 0.1
  done
  export BENCH_PROXY="$(sed -n 's/^BENCH_PROXY=//p' "$endpoint_file")"
  [[ -n "$BENCH_PROXY" ]] || { echo "the delay proxy did not start (see $endpoint_file.err)" >&2; exit 1; }
}
stop_proxy() {
  [[ -n "$proxy_pid" ]] || return 0
  kill -TERM "$proxy_pid" 2>/dev/null || true
  wait "$proxy_pid" 2>/dev/null || true
  proxy_pid=""
  unset BENCH_PROXY
}
trap stop_proxy EXIT

# --- the runs -----------------------------------------------------------------------------------------------------
failed=0
done_runs=0
started=$SECONDS
proxy_file="$(mktemp)"
run_file="$(mktemp)"
for ((rep = 1; rep <= reps; rep++)); do
  for w in "${workloads[@]}"; do
    read -r -a order <<< "${runs_of[$w]}"
    n=${#order[@]}
    for ((k = 0; k < n; k++)); do
      d="${order[$(((k + rep - 1) % n))]}"
      command_for "$d" "$w"
      echo "=== rep $rep $w $d: ${cmd[*]}" >> "$log"
      is_proxy_tag "$w" && start_proxy "$proxy_file"
      set +e
      timeout 1200 "${cmd[@]}" > "$run_file" 2>>"$log"
      rc=$?
      set -e
      cat "$run_file" >> "$log"
      line="$(tail -n 1 "$run_file")"
      if is_proxy_tag "$w"; then
        stop_proxy
        stats="$(grep '^proxy ' "$proxy_file.err" | tail -n 1 || true)"
        cat "$proxy_file.err" >> "$log"
        echo "# $stats tag=$w driver=$d rep=$rep" >> "$out"
      fi
      done_runs=$((done_runs + 1))
      progress="[$done_runs/$planned, $((SECONDS - started)) s]"
      if [[ $rc -ne 0 || "${line%% *}" != "$w" ]]; then
        echo "$progress rep $rep $w $d: FAILED (exit $rc): $line" >&2
        echo "# FAILED rep=$rep driver=$d tag=$w exit=$rc $line" >> "$out"
        failed=1
        continue
      fi
      echo "$progress rep $rep $d: $line" >&2
      echo "$line driver=$d rep=$rep" >> "$out"
    done
  done
done
rm -f "$proxy_file" "$proxy_file.err" "$run_file"

summarize "$out"
if [[ $stop_node -eq 1 && -z "${CASSANDRA_CONTACT_POINTS:-}" ]]; then
  "${tool[@]}" stop-node "${extra[@]}" 2>&1 | tail -n 1 >&2
fi
exit $failed
