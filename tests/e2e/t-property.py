#!/usr/bin/env python3
"""Nothing lost: random answers, then random sequences of skip / defer / reopen /
deepen; the group's text must come out byte for byte. Seeded, so a failure
can be replayed: GRILLE_SEED=<n>. Prints TAP."""
import difflib, json, os, random, re, shutil, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import sanitizers  # sanitizers exit 86 in the children, told apart from grille's 1 and 2
from tap import ok, done

GRILLE = os.environ["GRILLE"]
SEED = int(os.environ.get("GRILLE_SEED", "20261128"))
ROUNDS = int(os.environ.get("GRILLE_ROUNDS", "3"))
OPS = int(os.environ.get("GRILLE_OPS", "25"))
# A mark in the exact form grille writes (lib/mark.h); a line that only starts
# like one is the group's prose, and an edit must keep it.
MARK = re.compile(
    r"^ {0,3}(> ?)?\*\*(Mis de côté|mis de côté|Skipped|À explorer plus tard|à explorer plus tard|"
    r"A explorer plus tard|Deferred)\*\*( \([^()]*\))?( *[:\-—–] .*)?\s*$")


def grille(*args, cwd):
    r = subprocess.run([GRILLE, *args], cwd=cwd, capture_output=True, text=True)
    # A sanitizer report or a crash fails on its own, whatever the caller expects.
    bad = sanitizers.problem(r.returncode, r.stderr)
    if bad:
        ok(False, f"grille {' '.join(args)} ran without a sanitizer report or a crash ({bad})", r.stderr[-3000:])
    return r

ANSWER_PIECES = [
    "Une réponse simple.", "- un point\n- un autre point", "1. d'abord\n2. ensuite",
    "| qui | quoi |\n|---|---|\n| Léa | *compte rendu* |", "> « Une citation » de la réunion",
    "```\ncode <b>brut</b>\n```", "Texte avec `code`, **gras**, [lien](https://exemple.org) et ~~barré~~.",
    "#### Notre sous-titre\n\nEt sa suite.", "- [x] coché à la main", "Émojis 🌱 et accents : çàéèù — « ».",
    "Ligne finie par deux espaces  \net suite.", "<!-- note cachée -->\nTexte visible.",
]

def random_answer(rng, k):
    body = "\n\n".join(rng.sample(ANSWER_PIECES, rng.randint(1, 3)))
    return f"{body}\n\nRéponse-témoin n°{k} {rng.random():.12f}"

def status(ws):
    r = grille("status", "--json", cwd=ws)
    return json.loads(r.stdout)

def check_only(prev, new, allowed_added, allowed_removed, what):
    """The diff between two versions adds/removes only lines the predicates allow."""
    diff = list(difflib.ndiff(prev.splitlines(), new.splitlines()))
    bad = [d for d in diff if (d.startswith("+ ") and not allowed_added(d[2:])) or
           (d.startswith("- ") and not allowed_removed(d[2:]))]
    return ok(not bad, what, "\n".join(bad))

def run_round(root, rng, round_no):
    ws = os.path.join(root, f"ws{round_no}")
    r = grille("init", ws, "--level", str(rng.randint(1, 2)), "--author", "Test <t@example.org>", cwd=root)
    ok(r.returncode == 0, f"round {round_no}: init", r.stderr)
    files = sorted(f for f in os.listdir(ws) if f.startswith("etape-"))
    st = status(ws)
    questions = [q["id"] for s in st["steps"] for i in s["items"] for q in i["questions"]]
    items = [i["id"] for s in st["steps"] for i in s["items"]]
    # Random answers under random questions, right after their heading.
    answers = []
    for path in files:
        p = os.path.join(ws, path)
        lines = open(p, encoding="utf-8").read().split("\n")
        out = []
        for line in lines:
            out.append(line)
            if line.startswith("### ") and rng.random() < 0.5:
                text = random_answer(rng, len(answers))
                answers.append(text)
                out += ["", text]
        open(p, "w", encoding="utf-8").write("\n".join(out))
    original = {f: open(os.path.join(ws, f), encoding="utf-8").read() for f in files}

    marked = set()
    for op_no in range(OPS):
        before = {f: open(os.path.join(ws, f), encoding="utf-8").read() for f in files}
        op = rng.choice(["skip", "defer", "reopen", "deepen"])
        target = rng.choice(items if rng.random() < 0.4 or op == "deepen" else questions)
        args = [op, target]
        if op == "skip" and rng.random() < 0.5:
            args += ["--reason", rng.choice(["pas pour nous", "*déjà* fait [2026]", "à voir — plus tard", "100 % d'accord"])]
        if op == "defer" and rng.random() < 0.7:
            args += ["--until", f"20{rng.randint(0, 99):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"]
        if op == "deepen" and rng.random() < 0.3:
            args += ["--level", str(rng.randint(1, 3))]
        r = grille(*args, cwd=ws)
        # A question inside a marked item cannot be reopened alone: a clear refusal.
        ok(r.returncode == 0 or "grille reopen" in r.stderr, f"round {round_no} op {op_no}: grille {' '.join(args)}", r.stderr)
        if op in ("skip", "defer") and r.returncode == 0:
            marked.add(target)
        after = {f: open(os.path.join(ws, f), encoding="utf-8").read() for f in files}
        for f in files:
            if before[f] == after[f]:
                continue
            if op == "deepen":
                check_only(before[f], after[f], lambda l: True, lambda l: False,
                           f"round {round_no} op {op_no}: deepen only adds lines to {f}")
            else:
                is_mark = lambda l: l.strip() == "" or MARK.match(l)
                check_only(before[f], after[f], is_mark, is_mark,
                           f"round {round_no} op {op_no}: {op} only touches mark lines in {f}")
        text = "".join(after.values())
        missing = [a for a in answers if a not in text]
        ok(not missing, f"round {round_no} op {op_no}: every answer is intact", "\n---\n".join(missing))

    # Reopen everything: what is left differs from the original only by deepened questions.
    for target in sorted(marked, key=len):
        grille("reopen", target, cwd=ws)
    final = {f: open(os.path.join(ws, f), encoding="utf-8").read() for f in files}
    for f in files:
        check_only(original[f], final[f], lambda l: not MARK.match(l), lambda l: False,
                   f"round {round_no}: {f} is the original plus added questions, nothing else")
    st = status(ws)
    states = {q["state"] for s in st["steps"] for i in s["items"] for q in i["questions"]}
    ok(states <= {"answered", "unanswered"}, f"round {round_no}: after reopening, nothing is marked", str(states))
    answered = sum(s["counts"]["answered"] for s in st["steps"])
    ok(answered == len(answers), f"round {round_no}: each written answer counts once ({answered}/{len(answers)})")

root = tempfile.mkdtemp(prefix="grille-property.")
try:
    rng = random.Random(SEED)
    print(f"# seed {SEED}")
    for round_no in range(ROUNDS):
        run_round(root, rng, round_no)
finally:
    shutil.rmtree(root)
done()
