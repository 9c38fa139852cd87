#!/usr/bin/env python3
"""Time grille against the cmark command on the same step files, side by side.

    run.py [--runs N] [--keep DIR] [--grille PATH] [--questions N] [--megabytes N]

Makes the benchmark workspace (generate.py, seeded), then runs, alternating,
`grille status --json`, `grille report` and `cmark-gfm` over the step files,
N times each (default 5), and prints the medians, the ratios to cmark and the
peak memory of each (from the kernel's accounting of each process). Nothing is
asserted: the numbers go in tests/bench/README.md."""
import argparse, os, shutil, statistics, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import sanitizers  # under a sanitizer build, a report exits 86 rather than passing for a refusal

HERE = os.path.dirname(os.path.abspath(__file__))


def measure(cmd, cwd):
    """One whole process: its wall time, and its peak memory in KiB as GNU time
    reports it. Not wait4's ru_maxrss: Linux starts a child's count at the RSS of
    the process it was forked from (this Python, which may hold hundreds of MiB),
    so the peak is read from /usr/bin/time, a small process that forks the
    command itself (Debian's `time` package)."""
    with tempfile.NamedTemporaryFile(prefix="grille-bench-rss.") as peak:
        start = time.perf_counter()
        proc = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", peak.name] + cmd, cwd=cwd,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, _ = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        kib = int((open(peak.name).read().split() or ["0"])[-1])
    proc.returncode = os.waitstatus_to_exitcode(status)
    stderr = proc.stderr.read().decode(errors="replace")
    bad = sanitizers.problem(proc.returncode, stderr)
    if bad or proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({bad or f'exit {proc.returncode}'}): {stderr}")
    return elapsed, kib


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--keep")
    p.add_argument("--grille", default=os.environ.get("GRILLE") or shutil.which("grille"))
    p.add_argument("--cmark", default=shutil.which("cmark-gfm"))
    p.add_argument("--questions", type=int, default=10000)
    p.add_argument("--megabytes", type=float, default=50)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    if not a.grille or not a.cmark:
        sys.exit("needs grille (--grille) and cmark-gfm (Debian's cmark-gfm package)")
    root = a.keep or tempfile.mkdtemp(prefix="grille-bench.")
    ws = os.path.join(root, "ws")
    if not os.path.isdir(ws):
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), ws, "--seed", str(a.seed),
                        "--questions", str(a.questions), "--megabytes", str(a.megabytes), "--grille", a.grille],
                       check=True)
    steps = sorted(f for f in os.listdir(ws) if f.startswith("etape-"))
    largest = max(os.path.getsize(os.path.join(ws, f)) for f in steps)
    total = sum(os.path.getsize(os.path.join(ws, f)) for f in steps)
    commands = {
        "cmark": [a.cmark, "-e", "table", "-e", "tasklist", "-e", "strikethrough", "-e", "autolink", *steps],
        "status": [a.grille, "status", "--json"],
        "report": [a.grille, "report", "-o", os.path.join(root, "rapport.html")],
    }
    times = {k: [] for k in commands}
    peaks = {k: 0 for k in commands}
    for _ in range(a.runs):
        for name, cmd in commands.items():  # alternating, so drift hits all alike
            t, kib = measure(cmd, ws)
            times[name].append(t)
            peaks[name] = max(peaks[name], kib)
    base = statistics.median(times["cmark"])
    budget = 10 * largest + 30 * 1024 * 1024
    print(f"workspace: {len(steps)} step files, {total / 2**20:.1f} MiB, largest {largest / 2**20:.1f} MiB; "
          f"{a.runs} runs each, alternating; cores: {os.cpu_count()}")
    print(f"{'':8} {'median':>9} {'ratio':>7} {'peak memory':>12} {'memory budget':>14}")
    for name in commands:
        m = statistics.median(times[name])
        within = "" if name == "cmark" else ("  ok" if peaks[name] * 1024 <= budget else "  over")
        print(f"{name:8} {m:8.3f}s {m / base:6.2f}x {peaks[name] / 1024:9.1f} MiB {budget / 2**20:11.1f} MiB{within}")
    if not a.keep:
        shutil.rmtree(root)


if __name__ == "__main__":
    main()
