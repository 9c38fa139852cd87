#!/usr/bin/env python3
"""Issue 14's table: each of grille's costs side by side with the tool a user
would otherwise run, as ratios, and how the costs grow.

    table.py [--runs N] [--grille PATH] [--cmark PATH] [--keep DIR]
             [--megabytes N] [--commits N] [--scaling] [--only ROW,...]

Every row runs its grille command and its yardstick alternately, N times each
(default 7), whole processes, and takes the medians; peak memory is the
kernel's accounting of each process (ru_maxrss). The workspaces are made
first, seeded, with their answers committed: a large one (generate.py, 47 MB
by default), the default grid at level 3 with a third of its questions
answered, a history of N commits (default 2,000) made with git fast-import,
and a step file of 200 MB without headings. --scaling adds the table of
status (cold and warm), report and log at 1, 10, 50 and 200 MB, and of log
at 100, 1,000 and 10,000 commits. Nothing is asserted: the numbers go in
tests/bench/README.md with the machine and the date."""
import argparse, os, random, shutil, statistics, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import measure  # one whole process: seconds and peak KiB, a sanitizer report a failure

HERE = os.path.dirname(os.path.abspath(__file__))
AUTHOR = "Banc d'essai <banc@example.org>"
GIT_ENV = {"GIT_AUTHOR_NAME": "Banc d'essai", "GIT_AUTHOR_EMAIL": "banc@example.org",
           "GIT_COMMITTER_NAME": "Banc d'essai", "GIT_COMMITTER_EMAIL": "banc@example.org"}
CHUNK = 256 * 1024  # the scan's chunk of text (lib/scan.c)


def run(cmd, cwd=None, stdin=None, quiet=True):
    return subprocess.run(cmd, cwd=cwd, input=stdin, check=True,
                          stdout=subprocess.DEVNULL if quiet else subprocess.PIPE)


def drop_caches(ws):
    """What grille keeps between runs: under .git/grille/, or beside the workspace."""
    for path in (os.path.join(ws, ".git", "grille"), os.path.join(ws, ".grille")):
        shutil.rmtree(path, ignore_errors=True)


def toggle_line(path, mark="Ligne du banc d'essai, changée d'une mesure à l'autre."):
    """Change one line of a step file, back and forth, so each run sees a change."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if text.endswith(mark + "\n"):
        text = text[: -len(mark) - 1]
    else:
        text += ("" if text.endswith("\n") else "\n") + mark + "\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def settle(ws, grille):
    """Before a "nothing changed" row: git's own status, twice a second apart (a file changed
    in the second .git/index was written is "racily clean": git rewrites the index at its next
    status, a change grille's status must see), then grille's status once, and again more than
    a second later: a status is kept whole only when all it read is older than a second
    (grille-status(1), FILES), as git's index trusts only stat data older than itself."""
    run(["git", "status", "--porcelain"], cwd=ws)
    time.sleep(1.1)
    run(["git", "status", "--porcelain"], cwd=ws)
    measure([grille, "status"], ws)
    time.sleep(1.1)
    measure([grille, "status"], ws)


def pair(runs, ours, theirs, before=None):
    """Medians of two commands run alternately; `before(which)` prepares each run."""
    samples = {"grille": [], "yardstick": []}
    peaks = {"grille": 0, "yardstick": 0}
    for _ in range(runs):
        for which, (cmd, cwd) in (("grille", ours), ("yardstick", theirs)):
            if before:
                before(which)
            seconds, kib = measure(cmd, cwd)
            samples[which].append(seconds)
            peaks[which] = max(peaks[which], kib)
    return ({k: statistics.median(v) for k, v in samples.items()}, peaks)


def commit_all(ws, message):
    run(["git", "add", "-A"], cwd=ws)
    run(["git", "commit", "-q", "--allow-empty", "-m", message], cwd=ws)


def large_workspace(root, name, grille, megabytes, seed=1):
    ws = os.path.join(root, name)
    if not os.path.isdir(ws):
        run([sys.executable, os.path.join(HERE, "generate.py"), ws, "--seed", str(seed),
             "--megabytes", str(megabytes), "--grille", grille])
        commit_all(ws, "Réponses du banc d'essai")
    # A workspace kept from an earlier run (--keep) starts as it was committed, its index's
    # stat data fresh: the "one step changed" row leaves a step file rewritten, which git's
    # index would otherwise send every later status to read and hash again.
    run(["git", "reset", "-q", "--hard"], cwd=ws)
    time.sleep(1.1)  # the index older than the files it describes: not "racily clean"
    run(["git", "update-index", "-q", "--refresh"], cwd=ws)
    return ws


def step_files(ws):
    return sorted(f for f in os.listdir(ws) if f.startswith("etape-") and f.endswith(".md"))


def open_questions(grille, ws):
    import json
    out = subprocess.run([grille, "status", "--json"], cwd=ws, check=True,
                         stdout=subprocess.PIPE).stdout
    data = json.loads(out)
    ids = []
    for step in data.get("steps", []):
        for item in step.get("items", []):
            for question in item.get("questions", []):
                if question.get("state") == "unanswered" and question.get("kind") == "text":
                    ids.append(question["id"])
    return ids


def default_workspace(root, grille):
    """The default grid at level 3, a third of its questions answered and committed."""
    ws = os.path.join(root, "defaut")
    if not os.path.isdir(ws):
        run([grille, "init", ws, "--level", "3", "--author", AUTHOR])
        rng = random.Random(3)
        for index, question in enumerate(open_questions(grille, ws)):
            if index % 3 == 0:
                text = f"Réponse du banc d'essai à {question} : {rng.random():.6f}.\n"
                run([grille, "answer", question], cwd=ws, stdin=text.encode())
        commit_all(ws, "Un tiers des questions")
    return ws


def history_workspace(root, grille, commits):
    """The default grid with `commits` commits after init, each adding a line
    under one question, by two authors in turn, made with git fast-import."""
    ws = os.path.join(root, f"historique-{commits}")
    if os.path.isdir(ws):
        return ws
    run([grille, "init", ws, "--level", "3", "--author", AUTHOR])
    files = {name: open(os.path.join(ws, name), encoding="utf-8").read().split("\n")
             for name in step_files(ws)}
    headings = [(name, i) for name, lines in files.items() for i, line in enumerate(lines)
                if line.startswith("### ")]
    rng = random.Random(commits)
    branch = subprocess.run(["git", "symbolic-ref", "--short", "HEAD"], cwd=ws, check=True,
                            stdout=subprocess.PIPE).stdout.decode().strip()
    stream = bytearray(f"reset refs/heads/{branch}\nfrom {branch}^0\n".encode())
    when = 1767225600  # 2026-01-01
    people = ("Awa Diallo <awa@example.org>", "Camille Martin <camille@example.org>")
    for n in range(commits):
        name, at = headings[rng.randrange(len(headings))]
        lines = files[name]
        end = next((j for j in range(at + 1, len(lines)) if lines[j].startswith("#")), len(lines))
        lines[end:end] = [f"Ajout n° {n} au fil des réunions.", ""]
        headings = [(f, i + 2 if f == name and i >= end else i) for f, i in headings]
        blob = "\n".join(lines).encode()
        who = people[n % 2]
        message = f"Réponse {n}".encode()
        when += 3600
        stream += (f"commit refs/heads/{branch}\nauthor {who} {when} +0000\n"
                   f"committer {who} {when} +0000\ndata {len(message)}\n").encode() + message + b"\n"
        stream += f"M 100644 inline {name}\ndata {len(blob)}\n".encode() + blob + b"\n"
    run(["git", "fast-import", "--quiet"], cwd=ws, stdin=bytes(stream))
    run(["git", "reset", "-q", "--hard"], cwd=ws)
    return ws


def headless_workspace(root, grille, megabytes=200):
    """A step file of `megabytes` MB under 1.1.a, paragraphs and no heading."""
    ws = os.path.join(root, f"sans-titres-{megabytes}")
    if os.path.isdir(ws):
        return ws
    run([grille, "init", ws, "--author", AUTHOR])
    name = step_files(ws)[0]
    path = os.path.join(ws, name)
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("### 1.1.a"))
    end = next((j for j in range(at + 1, len(lines)) if lines[j].startswith("#")), len(lines))
    rng = random.Random(200)
    words = "collectif réunion outil partage agenda décision courriel document bilan".split()
    paragraph = "\n".join(" ".join(rng.choice(words) for _ in range(14)) for _ in range(2)) + "\n\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines[:end]) + "\n")
        for _ in range(int(megabytes * 1024 * 1024 / len(paragraph.encode()))):
            f.write(paragraph)
        f.write("\n".join(lines[end:]))
    return ws


class Table:
    def __init__(self):
        self.rows = []

    def add(self, work, medians, peaks, yardstick, target):
        ratio = medians["grille"] / medians["yardstick"]
        self.rows.append((work, f"{medians['grille'] * 1000:.0f} ms, {peaks['grille'] / 1024:.0f} MiB",
                          f"{yardstick}, {medians['yardstick'] * 1000:.0f} ms",
                          f"{ratio:.2f}×", f"≤ {target}×", "met" if ratio <= target else "not met"))
        print(f"  {work}: {ratio:.2f}× (target ≤ {target}×)", file=sys.stderr)

    def add_memory(self, work, peak_kib, size, budget):
        self.rows.append((work, f"{peak_kib / 1024:.0f} MiB", f"the file, {size / 2**20:.0f} MiB",
                          f"{peak_kib * 1024 / size:.2f}×", f"≤ {budget / 2**20:.1f} MiB",
                          "met" if peak_kib * 1024 <= budget else "not met"))

    def show(self):
        print("| work | grille | yardstick | ratio | target | |")
        print("|---|---|---|---|---|---|")
        for row in self.rows:
            print("| " + " | ".join(row) + " |")


def cmark_command(cmark, ws):
    return [cmark, "-e", "table", "-e", "tasklist", "-e", "strikethrough", "-e", "autolink",
            *step_files(ws)]


def rows(a, root, wanted):
    table = Table()
    cmark, grille, runs = a.cmark, a.grille, a.runs
    report = os.path.join(root, "rapport.html")
    if wanted & {"status-cold", "status-warm", "report-cold", "report-one-step"}:
        big = large_workspace(root, "grand", grille, a.megabytes)
        size = sum(os.path.getsize(os.path.join(big, f)) for f in step_files(big))
        label = f"{size / 1e6:.0f} MB workspace"
    if "status-cold" in wanted:
        m, p = pair(runs, ([grille, "status", "--json"], big), (cmark_command(cmark, big), big),
                    lambda which: drop_caches(big))
        table.add(f"`status --json`, {label}, first run", m, p, "`cmark-gfm` over the step files", 0.15)
    if "status-warm" in wanted:
        settle(big, grille)
        m, p = pair(runs, ([grille, "status"], big), (["git", "status", "--porcelain"], big))
        table.add(f"`status`, {label}, nothing changed since the last run", m, p,
                  "`git status --porcelain`", 3)
    if "status-default" in wanted:
        ws = default_workspace(root, grille)
        settle(ws, grille)
        m, p = pair(runs, ([grille, "status"], ws), (["git", "status", "--porcelain"], ws))
        table.add("`status`, default workspace at level 3, a third answered", m, p,
                  "`git status --porcelain`", 2.5)
    if "report-cold" in wanted:
        m, p = pair(runs, ([grille, "report", "-o", report], big), (cmark_command(cmark, big), big),
                    lambda which: drop_caches(big))
        table.add(f"`report` (HTML), {label}, answers committed, first run", m, p, "`cmark-gfm`", 0.8)
    if "report-one-step" in wanted:
        measure([grille, "report", "-o", report], big)
        changed = os.path.join(big, step_files(big)[2])
        m, p = pair(runs, ([grille, "report", "-o", report], big), (cmark_command(cmark, big), big),
                    lambda which: which == "grille" and toggle_line(changed))
        table.add(f"`report` (HTML), {label}, only one step changed", m, p, "`cmark-gfm`", 0.3)
    if wanted & {"log-cold", "log-warm"}:
        hist = history_workspace(root, grille, a.commits)
    if "log-cold" in wanted:
        m, p = pair(runs, ([grille, "log"], hist), (["git", "log", "--numstat"], hist),
                    lambda which: drop_caches(hist))
        table.add(f"`log`, {a.commits} commits, no cache", m, p, "`git log --numstat`", 1.5)
    if "log-warm" in wanted:
        measure([grille, "log"], hist)
        m, p = pair(runs, ([grille, "log"], hist), (["git", "log", "--numstat"], hist))
        table.add(f"`log`, {a.commits} commits, cache warm", m, p, "`git log --numstat`", 0.5)
    if "commit" in wanted:
        ws = default_workspace(root, grille)
        changed = os.path.join(ws, step_files(ws)[1])
        m, p = pair(runs, ([grille, "commit", "-m", "Une ligne"], ws),
                    (["sh", "-c", "git add -A && git commit -q -m 'Une ligne'"], ws),
                    lambda which: toggle_line(changed))
        table.add("`commit`, one line changed", m, p, "`git add -A && git commit`", 1.2)
    if "version" in wanted:
        m, p = pair(runs, ([grille, "--version"], root), (["git", "--version"], root))
        table.add("`--version`", m, p, "`git --version`", 1.5)
    if "memory" in wanted:
        ws = headless_workspace(root, grille)
        size = max(os.path.getsize(os.path.join(ws, f)) for f in step_files(ws))
        peak = 0
        for _ in range(min(runs, 3)):  # a first run each time: a kept status reads no file at all
            drop_caches(ws)
            peak = max(peak, measure([grille, "status"], ws)[1])
        table.add_memory("peak memory of `status`, 200 MB step file without headings", peak, size,
                         2 * CHUNK + 30 * 2**20)
    return table


def scaling(a, root):
    print("\n| size | status cold | status warm | report cold | report warm | log | cmark-gfm |")
    print("|---|---|---|---|---|---|---|")
    for megabytes in (1, 10, 50, 200):
        ws = large_workspace(root, f"taille-{megabytes}", a.grille, megabytes, seed=megabytes)
        size = sum(os.path.getsize(os.path.join(ws, f)) for f in step_files(ws))
        cells = []
        for cmd, before in (([a.grille, "status", "--json"], lambda: drop_caches(ws)),
                            ([a.grille, "status", "--json"], None),
                            ([a.grille, "report", "-o", os.path.join(root, "r.html")], lambda: drop_caches(ws)),
                            ([a.grille, "report", "-o", os.path.join(root, "r.html")], None),
                            ([a.grille, "log"], None), (cmark_command(a.cmark, ws), None)):
            samples = []
            measure(cmd, ws)
            for _ in range(a.runs):
                if before:
                    before()
                samples.append(measure(cmd, ws)[0])
            cells.append(f"{statistics.median(samples):.3f} s")
        print(f"| {size / 1e6:.0f} MB | " + " | ".join(cells) + " |")
    print("\n| commits | log, no cache | log, cache warm | git log --numstat |")
    print("|---|---|---|---|")
    for commits in (100, 1000, 10000):
        ws = history_workspace(root, a.grille, commits)
        cold, warm, git = [], [], []
        for _ in range(a.runs):
            drop_caches(ws)
            cold.append(measure([a.grille, "log"], ws)[0])
            warm.append(measure([a.grille, "log"], ws)[0])
            git.append(measure(["git", "log", "--numstat"], ws)[0])
        print(f"| {commits} | {statistics.median(cold):.3f} s | {statistics.median(warm):.3f} s | "
              f"{statistics.median(git):.3f} s |")


ROWS = ("status-cold", "status-warm", "status-default", "report-cold", "report-one-step",
        "log-cold", "log-warm", "commit", "version", "memory")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--keep", help="make the workspaces here and keep them for the next run")
    p.add_argument("--grille", default=os.environ.get("GRILLE") or shutil.which("grille"))
    p.add_argument("--cmark", default=shutil.which("cmark-gfm"))
    p.add_argument("--megabytes", type=float, default=47)
    p.add_argument("--commits", type=int, default=2000)
    p.add_argument("--scaling", action="store_true")
    p.add_argument("--only", help="rows to run, among: " + ",".join(ROWS))
    a = p.parse_args()
    if not a.grille or not a.cmark:
        sys.exit("needs grille (--grille) and cmark-gfm (Debian's cmark-gfm package)")
    a.grille = os.path.abspath(a.grille)
    os.environ.update(GIT_ENV)  # the commits the rows make have an author
    wanted = set(a.only.split(",")) if a.only else set(ROWS)
    if wanted - set(ROWS):
        sys.exit(f"unknown rows: {', '.join(sorted(wanted - set(ROWS)))}")
    root = a.keep or tempfile.mkdtemp(prefix="grille-table.")
    os.makedirs(root, exist_ok=True)
    print(f"{time.strftime('%Y-%m-%d %H:%M')} UTC, {os.cpu_count()} cores, load "
          f"{os.getloadavg()[0]:.1f}; {a.runs} runs each, alternating; grille {a.grille}\n")
    rows(a, root, wanted).show()
    if a.scaling:
        scaling(a, root)
    if not a.keep:
        shutil.rmtree(root)


if __name__ == "__main__":
    main()
