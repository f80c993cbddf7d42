#!/usr/bin/env python3
"""Summarises `perf script -F comm,tid,period,ip,sym,dso` output of a .NET process (with DOTNET_PerfMapEnabled=1):
self time by symbol, by area, by thread name, and inclusive time of managed methods of interest."""
import re
import sys
from collections import Counter, defaultdict

samples = []  # (thread, [frames leaf..root]) ; frame = (sym, dso)
cur = None
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    if not line.strip():
        if cur:
            samples.append(cur)
        cur = None
        continue
    if not line.startswith((" ", "\t")):
        # header: comm tid period
        h = re.match(r"^(.*?)\s+(\d+)\s+(\d+)\s*$", line.rstrip("\n"))
        cur = ((h.group(1) if h else line.split()[0]).strip(), [])
        continue
    m = re.match(r"\s*([0-9a-f]+)\s+(.*)\s+\((.*)\)\s*$", line)
    if m and cur is not None:
        sym = m.group(2).strip()
        sym = re.sub(r"\+0x[0-9a-f]+$", "", sym)
        cur[1].append((sym, m.group(3)))
if cur:
    samples.append(cur)

total = len(samples)
if total == 0:
    print("no samples")
    sys.exit(0)

def norm(sym):
    """'instance void [Asm] Ns.Type+<M>d__1::MoveNext()[OptimizedTier1]' -> 'Ns.Type+<M>d__1::MoveNext'"""
    m = re.search(r"\]\s*([^\s\[\]]+::[^\s(\[]+)", sym)
    if m:
        return m.group(1)
    return sym


def area(sym, dso):
    sym = norm(sym)
    d = dso.rsplit("/", 1)[-1]
    if "kernel" in d or d.startswith("[k") or sym.startswith(("__x64_sys", "entry_SYSCALL", "do_syscall")):
        return "kernel"
    if d.startswith("libclrjit"):
        return "JIT compiler"
    if d.startswith("libcoreclr"):
        if re.search(r"(?i)gc|WKS::|SVR::|memclr|Alloc", sym):
            return "runtime: GC/allocation"
        return "runtime: other (coreclr)"
    if d.startswith("libSystem.Native"):
        return "System.Native (socket/epoll shims)"
    if d.startswith(("libc", "libpthread", "ld-")):
        return "libc"
    if d.endswith(".dll"):
        return "managed: ReadyToRun code in " + d
    if d.startswith("perf-") or d.endswith(".map") or "[JIT]" in d or d.startswith("memfd"):
        ns = sym.split("[")[0]
        if ns.startswith("AsyncCassandra.LoadTool"):
            return "managed: load tool (harness)"
        if ns.startswith("AsyncCassandra"):
            return "managed: AsyncCassandra"
        if ns.startswith("System.Threading") or ns.startswith("System.Runtime.CompilerServices"):
            return "managed: threading/async machinery"
        if ns.startswith(("System.Net", "System.IO")):
            return "managed: sockets/streams"
        return "managed: other BCL"
    return "other: " + d

self_sym = Counter()
self_area = Counter()
by_thread = Counter()
incl = Counter()
for thread, frames in samples:
    if not frames:
        continue
    sym, dso = frames[0]
    self_sym[(norm(sym), dso.rsplit("/", 1)[-1])] += 1
    self_area[area(sym, dso)] += 1
    by_thread[thread] += 1
    seen = set()
    for s, d in frames:
        key = norm(s)
        if key not in seen and "::" in key:
            seen.add(key)
            incl[key] += 1

print(f"samples: {total}\n")
print("## self time by area")
for k, v in self_area.most_common():
    print(f"  {100.0 * v / total:5.1f}%  {k}")
print("\n## self time by thread (comm)")
for k, v in by_thread.most_common(12):
    print(f"  {100.0 * v / total:5.1f}%  {k}")
print("\n## top self-time symbols")
for (s, d), v in self_sym.most_common(45):
    print(f"  {100.0 * v / total:5.1f}%  {s[:150]}  ({d})")
print("\n## inclusive time of managed methods (top 60)")
for k, v in incl.most_common(60):
    print(f"  {100.0 * v / total:5.1f}%  {k[:160]}")
