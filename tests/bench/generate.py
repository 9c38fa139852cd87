#!/usr/bin/env python3
"""Make a large workspace for the benchmarks, the same one for a given seed:
a generated grid (steps x items x questions) and answers of every Markdown form.

    generate.py DIR [--seed N] [--questions N] [--megabytes N]

DIR must not exist; `grille init` creates it from the generated grid. The
defaults (about 10,000 questions, about 50 MB of answers) are the benchmark's;
the test suite runs it tiny."""
import argparse, os, random, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import sanitizers  # under a sanitizer build, a report exits 86 rather than passing for a refusal

WORDS = ("collectif bénévoles réunion outil partage agenda tâches décision courriel messagerie "
         "document wiki tableau compte-rendu formation accueil confiance charte référent bilan "
         "association coopérative territoire habitants numérique usage hébergement données").split()


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def answer(rng, size):
    """About `size` bytes of Markdown, in the forms groups use."""
    parts, length = [], 0
    while length < size:
        kind = rng.randrange(6)
        if kind == 0:
            part = "\n".join(sentence(rng, 12) for _ in range(3))
        elif kind == 1:
            part = "\n".join(f"- {sentence(rng, 8)}" for _ in range(4))
        elif kind == 2:
            part = "| qui | quoi |\n|---|---|\n" + "\n".join(f"| {rng.choice(WORDS)} | {sentence(rng, 6)} |" for _ in range(4))
        elif kind == 3:
            part = "> " + sentence(rng, 15)
        elif kind == 4:
            part = "**" + sentence(rng, 4) + "** " + sentence(rng, 10) + " [lien](https://exemple.org/" + rng.choice(WORDS) + ")"
        else:
            part = "1. " + sentence(rng, 6) + "\n2. " + sentence(rng, 6)
        parts.append(part)
        length += len(part.encode()) + 2
    return "\n\n".join(parts)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("dir")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--questions", type=int, default=10000)
    p.add_argument("--megabytes", type=float, default=50)
    p.add_argument("--grille", default=os.environ.get("GRILLE", "grille"))
    a = p.parse_args()
    rng = random.Random(a.seed)
    steps = 5
    per_item = 10
    items = max(1, a.questions // (steps * per_item))
    grid_path = a.dir + ".grid.yaml"
    with open(grid_path, "w", encoding="utf-8") as g:
        g.write('grid: banc-d-essai\nversion: "1"\ntitle: Grille de banc d\'essai\nsteps:\n')
        for s in range(1, steps + 1):
            g.write(f'  - id: "{s}"\n    title: Étape {s}\n    file: etape-{s}.md\n    items:\n')
            for i in range(1, items + 1):
                g.write(f'      - id: "{s}.{i}"\n        title: "{sentence(rng, 4)}"\n'
                        f'        guidance: "{sentence(rng, 10)}"\n        questions:\n')
                for q in range(per_item):
                    letter = chr(ord("a") + q)
                    g.write(f'          - id: "{s}.{i}.{letter}"\n            level: {1 + q % 3}\n'
                            f'            text: "{sentence(rng, 8)}"\n            guidance: "{sentence(rng, 12)}"\n')
    subprocess.run([a.grille, "init", a.dir, "--grid", grid_path, "--level", "3",
                    "--author", "Banc d'essai <banc@example.org>"], check=True, stdout=subprocess.DEVNULL)
    total = a.megabytes * 1024 * 1024
    per_answer = max(64, int(total / (steps * items * per_item)))
    for s in range(1, steps + 1):
        path = os.path.join(a.dir, f"etape-{s}.md")
        out = []
        with open(path, encoding="utf-8") as f:
            for line in f:
                out.append(line)
                if line.startswith("### ") and rng.random() < 0.8:
                    out.append("\n" + answer(rng, per_answer) + "\n")
        with open(path, "w", encoding="utf-8") as f:
            f.write("".join(out))
    size = sum(os.path.getsize(os.path.join(a.dir, f"etape-{s}.md")) for s in range(1, steps + 1))
    print(f"{a.dir}: {steps * items * per_item} questions, {size / 1024 / 1024:.1f} MB of step files")


if __name__ == "__main__":
    sys.exit(main())
