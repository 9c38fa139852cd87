#!/usr/bin/env python3
"""Time two builds of grille on one workspace, alternating run by run.

    compare.py WS RUNS BEFORE AFTER

Runs `status --json`, `report` (HTML, to a file beside WS) and `log` with
each build, RUNS times, and prints the medians, the peak memory of the runs
(from the kernel's accounting of each process) and the ratios. Nothing is
asserted: the numbers go in tests/bench/README.md."""
import os, statistics, subprocess, sys, time


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    ws, runs = sys.argv[1], int(sys.argv[2])
    builds = {"before": sys.argv[3], "after": sys.argv[4]}
    report = os.path.join(os.path.dirname(os.path.abspath(ws)), "rapport.html")
    commands = {"status": ["status", "--json"], "report": ["report", "-o", report], "log": ["log"]}
    times = {(b, c): [] for b in builds for c in commands}
    peaks = {k: 0 for k in times}
    for _ in range(runs):
        for c, args in commands.items():
            for b, exe in builds.items():  # alternating, so drift hits both alike
                start = time.perf_counter()
                proc = subprocess.Popen([exe] + args, cwd=ws, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                _, status, usage = os.wait4(proc.pid, 0)
                times[(b, c)].append(time.perf_counter() - start)
                peaks[(b, c)] = max(peaks[(b, c)], usage.ru_maxrss)
                if os.waitstatus_to_exitcode(status) != 0:
                    sys.exit(f"{b} {c} failed: {proc.stderr.read().decode(errors='replace')}")
    for c in commands:
        mb, ma = statistics.median(times[("before", c)]), statistics.median(times[("after", c)])
        print(f"{c:7} before {mb:7.3f}s ({peaks[('before', c)] / 1024:.0f} MiB)  "
              f"after {ma:7.3f}s ({peaks[('after', c)] / 1024:.0f} MiB)  ratio {ma / mb:.2f}")


if __name__ == "__main__":
    main()
