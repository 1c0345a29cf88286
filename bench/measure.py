#!/usr/bin/env python3
"""measure.py - run one command and report what it cost, as one JSON line on stdout.

Usage: measure.py [--server-pid PID] -- COMMAND [ARGS...]

Reports wall seconds, client CPU seconds (user + system of the command and every descendant it
waited for, from wait4), the peak RSS of the whole process tree (the sum over the command and its
descendants, sampled from /proc every 50 ms: a pipeline's tar, zstd and aws count together), and
with --server-pid the CPU seconds that process (the S3 server) burnt meanwhile. The command's
stdout goes to stderr so the JSON line stays alone on stdout. A failing command exits with its code and prints no JSON.
"""
import json
import os
import sys
import threading
import time

TICK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def children_map():
    kids = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        kids.setdefault(ppid, []).append(int(name))
    return kids


def tree_rss(root):
    kids = children_map()
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/statm") as f:
                total += int(f.read().split()[1]) * PAGE
        except OSError:
            pass
        todo.extend(kids.get(pid, []))
    return total


def cpu_of(pid):
    with open(f"/proc/{pid}/stat", "rb") as f:
        fields = f.read().rsplit(b")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def main():
    args = sys.argv[1:]
    server = None
    if args[:1] == ["--server-pid"]:
        server, args = int(args[1]), args[2:]
    if args[:1] != ["--"] or len(args) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    command = args[1:]
    server_before = cpu_of(server) if server else 0.0
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        os.dup2(2, 1)
        try:
            os.execvp(command[0], command)
        finally:
            os._exit(127)
    peak = [0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss(pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(pid, 0)
    wall = time.monotonic() - start
    done.set()
    sampler.join()
    result = {
        "wall_s": round(wall, 3),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),
        "peak_rss_mb": round(max(peak[0], usage.ru_maxrss * 1024) / 1e6, 1),
        "server_cpu_s": round(cpu_of(server) - server_before, 3) if server else None,
    }
    code = os.waitstatus_to_exitcode(status)
    if code == 0:
        print(json.dumps(result))
    else:
        print(f"measure: command failed with exit code {code}: {' '.join(command)}", file=sys.stderr)
        sys.exit(code if code > 0 else 1)


if __name__ == "__main__":
    main()
