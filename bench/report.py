#!/usr/bin/env python3
"""report.py - the benchmark's table (medians of the runs) and its last line: the ratios of the targets.

Usage: report.py RESULTS.tsv SIZE DATA_BYTES NEW_BYTES RUNS VERSION_JSON LOAD_BEFORE LOAD_AFTER CPUS
RESULTS.tsv lines: tool, operation, run, measure.py JSON, stored bytes, objects.
"""
import json
import statistics
import sys

OPS = ["backup", "incremental", "restore", "verify"]


def main():
    path, size, data_bytes, new_bytes, runs, version_json, load_before, load_after, cpus = sys.argv[1:10]
    data_bytes, new_bytes = int(data_bytes), int(new_bytes)
    rows = {}
    for line in open(path):
        tool, op, _run, js, stored, objects = line.rstrip("\n").split("\t")
        m = json.loads(js)
        if stored:
            m["stored"] = int(stored)
            m["objects"] = int(objects)
        rows.setdefault((tool, op), []).append(m)
    tools = list(dict.fromkeys(t for t, _ in rows))

    def med(tool, op, key):
        values = [m[key] for m in rows.get((tool, op), []) if m.get(key) is not None]
        return statistics.median(values) if values else None

    mb = 1e6
    print(f"\npromdr benchmark, data set {size}: {data_bytes / mb:.0f} MB in blocks (new block {new_bytes / mb:.1f} MB), "
          f"medians of {runs}, {cpus} CPUs, load average {load_before} before / {load_after} after")
    header = f"{'tool':<12} {'operation':<12} {'wall s':>8} {'MB/s':>8} {'stored MB':>10} {'objects':>8} " \
             f"{'client CPU s':>13} {'server CPU s':>13} {'peak RSS MB':>12}"
    print(header)
    print("-" * len(header))
    for tool in tools:
        for op in OPS:
            if (tool, op) not in rows:
                continue
            wall = med(tool, op, "wall_s")
            volume = new_bytes if op == "incremental" else data_bytes
            stored = med(tool, op, "stored")
            objects = med(tool, op, "objects")
            print(f"{tool:<12} {op:<12} {wall:>8.2f} {volume / mb / wall:>8.0f} "
                  f"{'' if stored is None else f'{stored / mb:.0f}':>10} {'' if objects is None else f'{objects:.0f}':>8} "
                  f"{med(tool, op, 'cpu_s'):>13.2f} {med(tool, op, 'server_cpu_s'):>13.2f} {med(tool, op, 'peak_rss_mb'):>12.0f}")
    version = json.loads(version_json)
    print(f"promdr --version: {version['wall_s']:.2f} s wall, {version['peak_rss_mb']:.0f} MB")
    print("(MB/s: data-set bytes / wall time; incremental: new-block bytes / wall time; incremental 'stored MB': bytes added;"
          " the S3 server is S3Proxy on the same cores)")

    def speed(tool, op):
        w = med(tool, op, "wall_s")
        return None if w is None else data_bytes / w

    def ratio(a, b, fmt="{:.2f}"):
        return "n/a" if a is None or b is None or b == 0 else fmt.format(a / b)

    checks = []

    def check(name, value, target, ok):
        checks.append(f"{name} {value} ({target}{'' if value == 'n/a' else ' ok' if ok else ' MISSED'})")

    p, pf = "promdr", "promdr-fast"
    r = ratio(speed(p, "backup"), speed("pipeline", "backup"))
    check("full/pipeline", r, ">=1.30", r != "n/a" and float(r) >= 1.30)
    r = ratio(speed(p, "backup"), speed("restic", "backup"))
    check("full/restic", r, ">=1.75", r != "n/a" and float(r) >= 1.75)
    r = ratio(med(p, "backup", "stored"), med("pipeline", "backup", "stored"), "{:.3f}")
    check("stored/pipeline", r, "<=1.020", r != "n/a" and float(r) <= 1.02)
    r = ratio(speed(pf, "backup"), speed("rclone", "backup"))
    check("fast/rclone", r, ">1.00", r != "n/a" and float(r) > 1.0)
    r = ratio(med(pf, "backup", "stored"), med("rclone", "backup", "stored"))
    check("fast stored/rclone", r, "<=0.85", r != "n/a" and float(r) <= 0.85)
    r = ratio(med(p, "incremental", "wall_s"), med("restic", "incremental", "wall_s"))
    check("incr time/restic", r, "<=1.00", r != "n/a" and float(r) <= 1.0)
    r = ratio(speed(p, "restore"), speed("rclone", "restore"))
    check("restore/rclone", r, ">=1.00", r != "n/a" and float(r) >= 1.0)
    rss = max((m["peak_rss_mb"] for (t, _), ms in rows.items() if t.startswith("promdr") for m in ms), default=None)
    check("promdr peak RSS MB", "n/a" if rss is None else f"{rss:.0f}", "<256", rss is not None and rss < 256)
    r = ratio(med(p, "backup", "cpu_s"), med("pipeline", "backup", "cpu_s"))
    check("CPU/GB vs pipeline", r, "<1.00", r != "n/a" and float(r) < 1.0)
    check("--version s", f"{version['wall_s']:.2f}", "<1.00", version["wall_s"] < 1.0)
    print("ratios: " + "; ".join(checks))


if __name__ == "__main__":
    main()
