#!/usr/bin/env python3
"""Throw random Markdown (headings, fences, comments, conflict markers, marks,
tables) at status, report, skip, defer, reopen and deepen; any crash, or any
line of the group's that an edit removes or changes, is a failure.

    GRILLE=build-test/cli/grille edit-fuzz.py [--seed N] [--cases N]

A check for developers (run it under the sanitizer build); the test suite
keeps the property test in tests/e2e/t-property.py. grille's refusals (exit 1
or 2) are fine; a sanitizer report (exit 86, or its text on stderr), a death by
signal or any other exit code is a failure."""
import argparse, os, re, random, shutil, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import sanitizers  # sanitizers exit 86 in the children, told apart from grille's 1 and 2

TOKENS = ["### 1.1.a Q\n", "## 1.2 I\n", "# 1 S\n", "```\n", "~~~\n", "<!--\n", "-->\n", "<<<<<<< H\n", "=======\n",
          ">>>>>>> b\n", "- [x] a\n", "- [ ] b\n", "| a | b |\n|---|---|\n| c | d |\n", "> q\n", "**Mis de côté** : r\n",
          "**À explorer plus tard** (2027-01-01)\n", "texte\n", "\n", "    code\n", "<div>\n", "</div>\n", "1. x\n",
          "Setext\n---\n", "#\n", "###### 1.1.b\n", "é\n", "\t\n", "[a]: http://x\n", "### 1.1.c\n", "## 1.1 T\n"]
EDITS = [["skip", "1.1.a"], ["defer", "1.1", "--until", "2030-01-01"], ["reopen", "1.1"], ["reopen", "1.1.a"],
         ["deepen", "1.1"], ["skip", "1.1", "--reason", "r"]]
# A mark in the exact form grille writes (lib/mark.h); a line that only starts
# like one is the group's prose, and an edit must keep it.
MARK = re.compile(
    r"^ {0,3}(> ?)?\*\*(Mis de côté|mis de côté|Skipped|À explorer plus tard|à explorer plus tard|"
    r"A explorer plus tard|Deferred)\*\*( \([^()]*\))?( *[:\-—–] .*)?\s*$")


def lost_lines(before, after):
    """The group's lines of `before` missing from `after`, in order (edits only
    add or take away marks and blank lines): a linear walk, files are large."""
    rest = iter(after.splitlines())
    lost = []
    for line in before.splitlines():
        if not line.strip() or MARK.match(line):
            continue
        for candidate in rest:
            if candidate == line:
                break
        else:
            lost.append(line)
            rest = iter(())
    return lost


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--cases", type=int, default=200)
    a = p.parse_args()
    grille = os.environ["GRILLE"]
    if os.sep in grille:  # the commands run inside the workspace: a relative path would not be found
        grille = os.path.abspath(grille)
    rng = random.Random(a.seed)
    root = tempfile.mkdtemp(prefix="grille-fuzz.")
    ws = os.path.join(root, "ws")
    subprocess.run([grille, "init", ws, "--author", "F <f@example.org>"], check=True, capture_output=True)
    path = os.path.join(ws, "etape-1-par-ou-commencons-nous.md")
    failures = 0
    for case in range(a.cases):
        body = "".join(rng.choice(TOKENS) for _ in range(rng.randint(0, 200)))
        if rng.random() < 0.5:
            body *= rng.randint(1, 80)
        open(path, "w").write(body)
        for args in [["status", "--json"], ["report", "-o", os.path.join(root, "r.html")], *rng.sample(EDITS, 4)]:
            before = open(path).read()
            try:
                r = subprocess.run([grille, *args], cwd=ws, capture_output=True, timeout=20)
            except subprocess.TimeoutExpired:
                keep = os.path.join(root, f"case-{case}.md")
                open(keep, "w").write(before)
                print(f"case {case}: grille {' '.join(args)} hangs; input kept in {keep}")
                return 1
            after = open(path).read()
            lost = lost_lines(before, after)
            bad = sanitizers.problem(r.returncode, r.stderr) or (
                None if r.returncode in (0, 1, 2) else f"unexpected exit {r.returncode}")
            if bad or lost:
                failures += 1
                keep = os.path.join(root, f"case-{case}.md")
                open(keep, "w").write(before)
                print(f"case {case}: grille {' '.join(args)} -> {r.returncode} ({bad or 'lines lost'}); "
                      f"lost {lost[:3]}; input kept in {keep}")
                print(r.stderr.decode(errors="replace")[-3000:])
                break
    print(f"{a.cases} cases, {failures} failures")
    if not failures:
        shutil.rmtree(root)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
