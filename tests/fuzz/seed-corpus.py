#!/usr/bin/env python3
"""Make the fuzz targets' seed corpora in tests/fuzz/corpus/<target>/ from real
files: step files of scaffolded workspaces (answers in every form, marks,
conflicts, tables, CRLF), the spec examples of tests/answers.md, the grids of
templates/ and tests/grids/, the settings of tests/settings/, the grid's snapshot
and the stat cache's scans of a marked workspace.

    GRILLE=build/cli/grille tests/fuzz/seed-corpus.py

Deterministic apart from dates and commit IDs; rerun when the formats change.
Findings never go here: they go in tests/fuzz/findings/."""
import glob, os, re, shutil, struct, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.dirname(HERE)
SOURCE = os.path.dirname(TESTS)
GRILLE = os.environ["GRILLE"]
CORPUS = os.path.join(HERE, "corpus")
sys.path.insert(0, os.path.join(TESTS, "e2e"))
import stat_cache  # the stat cache's format (lib/stat_cache.c), for its scans


MADE_HERE = ("edit", "grid", "scan", "scanbin", "settings", "snapshot")


def put(target, name, data):
    os.makedirs(os.path.join(CORPUS, target), exist_ok=True)
    with open(os.path.join(CORPUS, target, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def grille(*args, cwd=None):
    subprocess.run([GRILLE, *args], cwd=cwd, check=False, capture_output=True)


def answer(text, qid, body):
    """The answer `body` right under question `qid`'s heading."""
    return re.sub(rf"(?m)^(### {re.escape(qid)} .*\n)", lambda m: m.group(1) + "\n" + body + "\n", text, count=1)


ANSWERS = [
    ("paragraph", "1.1.a", "Une association de quartier, vingt bénévoles."),
    ("list", "1.1.b", "- trop de courriels\n- des réunions sans décision\n  - imbriqué\n    1. encore"),
    ("table", "1.1.c", "| qui | temps |\n|---|---|\n| Léa | 2 h |\n| Sami | *1 h* |"),
    ("quote", "1.1.d", "> « On ne se suit plus. »\n>\n> > imbriquée"),
    ("fence", "1.1.e", "```\nréunion -> compte rendu -> oubli\n```"),
    ("tasks", "1.2.a", "- [ ] un pad pour les comptes rendus\n- [x] Fermer le groupe WhatsApp"),
    ("html", "1.2.b", "<table><tr><td>Agenda partagé</td></tr></table>\n\n<details>plus</details>"),
    ("nbsp", "1.2.c", "\u00a0\n\u200b"),
    ("prose-mark", "1.3.a", "**Mis de côté** par le bureau en 2023, le projet a repris."),
    ("french-date", "1.3.b", "**À explorer plus tard** (15/01/2027)\n\n**À explorer plus tard** (15 janvier 2027)"),
    ("comment", "1.4.a", "<!-- note cachée -->\nTexte visible."),
    ("setext", "1.4.b", "Titre souligné\n---\n\nEt un autre\n==="),
    ("unclosed-fence", "1.5.a", "~~~\njamais fermé\n# a\n# a"),
    ("entities", "1.5.b", "&#xFFFE; &amp; &lt;b&gt; \\*pas gras\\*"),
]


def main():
    # Only the corpora made here: those of mark, table, upgrade and worddiff are kept by hand.
    for target in MADE_HERE:
        shutil.rmtree(os.path.join(CORPUS, target), ignore_errors=True)
    root = tempfile.mkdtemp(prefix="grille-corpus.")
    try:
        author = ["--author", "Corpus <corpus@example.org>"]
        steps = {}
        for level in (1, 2, 3):
            ws = os.path.join(root, f"ws{level}")
            grille("init", ws, "--level", str(level), "--collective", "Les Jardins", *author)
            for path in sorted(glob.glob(os.path.join(ws, "etape-*.md"))):
                steps[f"l{level}-{os.path.basename(path)[:8]}"] = open(path, encoding="utf-8").read()
            put("settings", f"init-level{level}.yaml", open(os.path.join(ws, "grille.yaml"), "rb").read())
        ws = os.path.join(root, "ws2")
        step1 = os.path.join(ws, "etape-1-par-ou-commencons-nous.md")
        text = open(step1, encoding="utf-8").read()
        for name, qid, body in ANSWERS:
            one = answer(text, qid, body)
            steps[f"answer-{name}"] = one
            if name != "unclosed-fence":  # it would swallow every heading after it
                text = one
        steps["answers-all"] = text
        open(step1, "w", encoding="utf-8").write(text)
        grille("-C", ws, "skip", "1.6", "--reason", "déjà fait *l'an dernier*")
        grille("-C", ws, "defer", "1.4.c", "--until", "2030-01-01")
        grille("-C", ws, "defer", "1.5", "--reason", "à voir")
        grille("-C", ws, "deepen", "1.1", "--level", "3")
        steps["marks"] = open(step1, encoding="utf-8").read()
        steps["marks-crlf"] = steps["marks"].replace("\n", "\r\n")
        steps["conflict"] = answer(steps["l1-etape-1-"], "1.1.a",
                                   "<<<<<<< HEAD\nNotre version.\n=======\nLa leur.\n>>>>>>> origin/main")
        steps["moved-question"] = steps["l1-etape-1-"] + "\n### 2.1.a Déplacée ici\n\nEt répondue.\n"
        steps["no-final-newline"] = "### 1.1.a Q\n\nréponse"
        steps["deep-quotes"] = "### 1.1.a Q\n\n" + "> " * 200 + "profond\n"
        steps["deep-lists"] = "### 1.1.a Q\n\n" + "- " * 200 + "profond\n"
        steps["deep-mixed"] = "### 1.1.a Q\n\n" + "> - 1. " * 60 + "profond\n"
        steps["headings-only"] = "".join(f"### 1.{i}.a Q{i}\n" for i in range(1, 7))
        steps["injection"] = answer(steps["l1-etape-1-"], "1.1.a", open(os.path.join(TESTS, "injection.txt"), encoding="utf-8").read())
        for name, text in steps.items():
            put("scan", name + ".md", text)
        # The edit target is slow (each edit writes and syncs a file): its small share.
        for name in ("l1-etape-1-", "l2-etape-1-", "answers-all", "marks", "marks-crlf", "conflict", "moved-question",
                     "no-final-newline", "deep-quotes", "deep-lists", "headings-only", "injection",
                     *(f"answer-{n}" for n, _, _ in ANSWERS)):
            put("edit", name + ".md", steps[name])
        # The spec examples, each a small step file.
        spec = open(os.path.join(TESTS, "answers.md"), encoding="utf-8").read()
        for i, m in enumerate(re.finditer(r"(?ms)^`{32} example\n(.*?)^\.\n", spec)):
            put("scan", f"spec-{i:03d}.md", m.group(1))
        # Grids: the shipped ones and the bad ones of the unit tests.
        for path in sorted(glob.glob(os.path.join(SOURCE, "templates", "**", "*.yaml"), recursive=True) +
                           glob.glob(os.path.join(TESTS, "grids", "*.yaml"))):
            put("grid", os.path.relpath(path, SOURCE).replace("/", "-"), open(path, "rb").read())
        for path in sorted(glob.glob(os.path.join(TESTS, "settings", "*.yaml"))):
            put("settings", os.path.basename(path), open(path, "rb").read())
        put("settings", "alias.yaml", "members: [&m {name: Léa}, *m, *m]\n")
        put("grid", "alias.yaml", "options: &o [a, b]\nmore: *o\n")
        # grille's own binary files, from ws2 marked and answered: the grid's snapshot
        # after its text, and the stat cache's scans, each after its file's size.
        time.sleep(2.2)  # older than the racy window: every scan is kept
        grille("-C", ws, "status")
        own = os.path.join(ws, ".git", "grille")
        snapshot = open(os.path.join(own, "grid-snapshot"), "rb").read()
        magic = b"grille grid snapshot\n"
        r = stat_cache.Reader(snapshot[len(magic):-8])
        r.u32(), r.str(), r.take(r.u64())
        put("snapshot", "default-fr.bin", snapshot[len(magic):-8][r.at:])
        for name, entry in stat_cache.load(os.path.join(own, "stat-cache"))["files"].items():
            if "scan" in entry:
                put("scanbin", name.replace(".md", ".bin"),
                    struct.pack("<I", entry["stat"][0]) + stat_cache.write_scan(entry["scan"]))
    finally:
        shutil.rmtree(root)
    for target in MADE_HERE:
        print(target, len(os.listdir(os.path.join(CORPUS, target))))


if __name__ == "__main__":
    sys.exit(main())
