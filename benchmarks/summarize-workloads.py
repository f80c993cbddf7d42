#!/usr/bin/env python3
"""Prints the table of one run of benchmarks/run-workloads.sh: per workload, the medians (min–max) of ours, the
Node.js driver and the Python driver side by side, with the same-run ratios ours/Node and ours/Python, the issue 14
targets, then a detail table (latency, RSS, allocations, errors) and the delay proxy's measured hold.

    python3 benchmarks/summarize-workloads.py benchmarks/results/workloads-<time>.txt

Only figures of the file given are printed: nothing measured on another day is ever set beside them.
Result lines without driver= (files from before the peers were in the run) count as ours.
"""

import re
import statistics
import sys

DRIVERS = [("ours", "ours"), ("node", "Node.js"), ("python", "Python")]

# Issue 14's targets, as ratios to the Node.js driver in the same run: (max CPU ratio, min throughput ratio).
TARGETS = {
    "W1": (0.5, 1.0), "W1g": (0.5, 1.0),
    "W3": (0.5, 1.0), "W3g": (0.5, 1.0),
    "W2": (0.3, None), "W2r": (0.3, None), "W2g": (0.3, None),
    "W1c8": (0.75, None),
}
ALLOC_TARGET = {"W1": 512}


def parse(path):
    meta, runs, order, proxy, failed = {}, {}, [], {}, []
    for raw in open(path, encoding="utf-8"):
        line = raw.strip()
        if line.startswith("# meta "):
            key, _, value = line[len("# meta "):].partition(": ")
            meta[key] = value
            continue
        if line.startswith("# proxy "):
            kv = dict(p.split("=", 1) for p in line[2:].split()[1:] if "=" in p)
            proxy.setdefault((kv.get("tag"), kv.get("driver")), []).append(kv)
            continue
        if line.startswith("# FAILED"):
            kv = dict(p.split("=", 1) for p in line.split()[2:6] if "=" in p)
            failed.append((kv.get("tag", "?"), kv.get("driver", "?"), line))
            continue
        parts = line.split()
        if not parts or not parts[0].startswith("W") or "=" in parts[0]:
            continue
        kv = dict(p.split("=", 1) for p in parts[1:] if "=" in p)
        tag, driver = parts[0], kv.get("driver", "ours")
        if tag not in order:
            order.append(tag)
        runs.setdefault((tag, driver), []).append(kv)
    return meta, runs, order, proxy, failed


def values(rows, key):
    out = []
    for r in rows:
        if key in r:
            out.append(float(r[key]))
        elif key == "cpu_us_op" and "cpu_s" in r and "wall_s" in r:
            count = float(r.get("rows") or float(r.get("ops_s", 0)) * float(r["wall_s"]))
            if count:
                out.append(float(r["cpu_s"]) * 1e6 / count)
    return out


def stat(rows, key):
    v = values(rows or [], key)
    return (statistics.median(v), min(v), max(v)) if v else None


def throughput(rows):
    return stat(rows, "ops_s") or stat(rows, "rows_s")


def fmt(s, digits):
    if s is None:
        return "–"
    m, lo, hi = s
    f = lambda x: f"{x:,.{digits}f}"  # noqa: E731
    return f"{f(m)} ({f(lo)}–{f(hi)})" if f(lo) != f(hi) else f(m)


def peer_rows(runs, tag, driver):
    """The peer's runs of this tag, else of the workload it varies (W1u, W1g -> W1; W2p -> W2): (rows, tag used)."""
    if (tag, driver) in runs:
        return runs[(tag, driver)], tag
    base = re.match(r"W\d(?:c\d+)?", tag)
    base_tag = (base.group(0) if base else tag) + ("d" if tag.endswith("d") else "")
    return runs.get((base_tag, driver)), base_tag


def ratio(a, b):
    return None if a is None or b is None or b[0] == 0 else a[0] / b[0]


def target_cell(tag, ours_cpu_ratio, ours_thr_ratio, runs):
    cells = []
    if tag in TARGETS:
        max_cpu, min_thr = TARGETS[tag]
        if ours_cpu_ratio is not None:
            cells.append(f"CPU ≤{max_cpu:.2f}× Node: {'met' if ours_cpu_ratio <= max_cpu else 'MISSED'}")
        if min_thr is not None and ours_thr_ratio is not None:
            cells.append(f"throughput ≥ Node: {'met' if ours_thr_ratio >= min_thr else 'MISSED'}")
    if tag in ALLOC_TARGET:
        alloc = stat(runs.get((tag, "ours")), "alloc_b_op")
        if alloc is not None:
            cells.append(f"≤{ALLOC_TARGET[tag]} B/op: {'met' if alloc[0] <= ALLOC_TARGET[tag] else 'MISSED'} ({alloc[0]:.0f})")
    if tag.endswith("u") and (tag[:-1], "ours") in runs and (tag, "ours") in runs:
        same = ratio(stat(runs[(tag, "ours")], "cpu_us_op"), stat(runs[(tag[:-1], "ours")], "cpu_us_op"))
        if same is not None:
            cells.append(f"CPU = {same:.2f}× the load tool's {tag[:-1]}")
    return "; ".join(cells) or "–"


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[3].strip(), file=sys.stderr)
        return 2
    meta, runs, order, proxy, failed = parse(sys.argv[1])
    present = [(d, name) for d, name in DRIVERS if any(k[1] == d for k in runs)]

    print(f"results: {sys.argv[1]}")
    for key, label in (("date", "run"), ("commit", "commit"), ("node", "node"), ("log_level", "node log level"),
                       ("reps", "runs per workload and driver"), ("machine", "machine"),
                       ("version_ours", "ours"), ("version_node", "Node.js"), ("version_python", "Python")):
        if key in meta:
            print(f"{label}: {meta[key]}")
    if meta.get("log_level", "").startswith("UNVERIFIED") or "log_level" not in meta:
        print("WARNING: the node's log level was not verified: a node logging at DEBUG inflates every client's CPU "
              "per request; do not quote these figures.")
    if meta.get("requests", "100000") != "100000":
        print(f"DEVELOPMENT RUN: {meta['requests']} timed requests per W1/W3 run instead of 100,000; not comparable.")
    print()

    print("Medians (min–max) of the same run, interleaved. Throughput in ops/s (W2: rows/s); client CPU of the timed "
          "phase in µs per request (W2: per row). Ratios: ours ÷ peer (CPU: lower is better; throughput: higher is "
          "better). † the peer has no such variant: its base workload of the same run.\n")
    head = ["workload"]
    for d, name in present:
        head += [f"{name} throughput", f"{name} CPU µs/op"]
    peers = [(d, name) for d, name in present if d != "ours"]
    if any(d == "ours" for d, _ in present):
        for d, name in peers:
            head += [f"ours/{name} CPU", f"ours/{name} throughput"]
        head.append("issue 14 target (ours)")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for tag in order:
        cells = [tag]
        stats = {}
        for d, _ in present:
            rows, used = (runs.get((tag, d)), tag) if d == "ours" else peer_rows(runs, tag, d)
            mark = " †" if rows and used != tag else ""
            thr, cpu = throughput(rows), stat(rows, "cpu_us_op")
            stats[d] = (thr, cpu)
            cells += [fmt(thr, 0) + (mark if thr else ""), fmt(cpu, 2) + (mark if cpu else "")]
        if "ours" in stats:
            ours_thr, ours_cpu = stats["ours"]
            node_cpu_ratio = node_thr_ratio = None
            for d, _ in peers:
                c = ratio(ours_cpu, stats[d][1])
                t = ratio(ours_thr, stats[d][0])
                if d == "node":
                    node_cpu_ratio, node_thr_ratio = c, t
                cells += ["–" if c is None else f"{c:.2f}×", "–" if t is None else f"{t:.2f}×"]
            cells.append(target_cell(tag, node_cpu_ratio, node_thr_ratio, runs))
        print("| " + " | ".join(cells) + " |")

    print("\n| workload | driver | runs | p50 ms | p99 ms | rss MiB | alloc B/op | errors (max) | checksum |")
    print("|---|---|---|---|---|---|---|---|---|")
    for tag in order:
        for d, name in present:
            rows = runs.get((tag, d))
            if not rows:
                continue
            errs = stat(rows, "errors")
            chks = sorted({r["chk"] for r in rows if "chk" in r})
            print(f"| {tag} | {name} | {len(rows)} | {fmt(stat(rows, 'p50_ms'), 2)} | {fmt(stat(rows, 'p99_ms'), 2)} | "
                  f"{fmt(stat(rows, 'rss_peak_mb'), 1)} | {fmt(stat(rows, 'alloc_b_op'), 0)} | "
                  f"{'–' if errs is None else int(errs[2])} | {', '.join(chks) or '–'} |")

    if proxy:
        print(f"\nDelay proxy ({meta.get('proxy_delay_us', '?')} µs per direction asked): measured hold per chunk "
              "(receive to send), client→node + node→client, medians over the runs of each run's mean and p50.")
        for (tag, d), entries in sorted(proxy.items()):
            def med(key):
                v = [float(e[key]) for e in entries if key in e]
                return statistics.median(v) if v else float("nan")
            mean_rt = med("up_hold_mean_us") + med("down_hold_mean_us")
            p50_rt = med("up_hold_p50_us") + med("down_hold_p50_us")
            print(f"- {tag} {d}: added round trip mean {mean_rt:.0f} µs, p50 {p50_rt:.0f} µs ({len(entries)} runs)")
    if failed:
        print(f"\nFAILED runs ({len(failed)}), not in the medians:")
        for tag, d, line in failed:
            print(f"- {tag} {d}: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
