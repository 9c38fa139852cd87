#!/usr/bin/env bash
# grille status fits a screen: ten open questions, then how many more; --all; --level.
. "$(dirname "$0")/lib.sh"

ws="$TEST_ROOT/ws"
"$GRILLE" init "$ws" --level 2 >/dev/null 2>&1
cd "$ws" || exit 1
s1=etape-1-par-ou-commencons-nous.md
s5=etape-5-bilan.md

listed() { # the question lines of $out under the heading $1, up to the next blank line
	printf '%s\n' "$out" | awk -v h="$1" '$0 == h { on = 1; next } on && $0 == "" { exit } on' | grep -c '^  [^ ].*:[0-9]*: '
}

# The cut: ten questions, then a count of the others, in the plural and the singular.
run status
is "$rc" 0 "status"
is "$(listed "Sans réponse :")" 10 "ten unanswered questions listed"
contains "$out" "  … et 113 autres (grille status --all)" "then how many more, and how to see them"
is "$(printf '%s\n' "$out" | grep -A1 '1.2.e ' | tail -n 1)" "  … et 113 autres (grille status --all)" \
   "the first ten in grid order: 1.1.a to 1.2.e"
run status --step 5
is "$(listed "Sans réponse :")" 10 "--step is cut too"
contains "$out" "  … et 4 autres (grille status --all --step 5)" "with its own count, and the command that shows them all"
answer_first() { # answer_first N: the first N questions of step 5 answered, the others not
	git checkout -q -- "$s5"
	"$PYTHON" - "$s5" "$1" <<'PY'
import re, sys
p, count = sys.argv[1], int(sys.argv[2])
out, done = [], 0
for line in open(p):
    out.append(line)
    if done < count and re.match(r"^### 5\.\d\.[a-z] ", line):
        out.append("\nRéponse.\n")
        done += 1
open(p, "w").write("".join(out))
PY
}
answer_first 3
run status --step 5
contains "$out" "  … et 1 autre (grille status --all --step 5)" "one more, in the singular"
answer_first 4
run status --step 5
is "$(listed "Sans réponse :")" 10 "exactly ten"
case "$out" in *"… et"*) ok 1 "no count line when none is left" ;; *) ok 0 "no count line when none is left" ;; esac

# --all: every question, its state and its level.
run status --all
is "$(listed "Toutes les questions :")" 123 "--all lists every question"
contains "$out" "  sans réponse  niv. 1   etape-1-par-ou-commencons-nous.md:" "with its level: 1"
contains "$out" "  sans réponse  niv. 2   etape-1-par-ou-commencons-nous.md:" "or 2"
contains "$out" "  répondue      niv. " "an answered one too"
case "$out" in *"… et"*) ok 1 "--all is never cut" ;; *) ok 0 "--all is never cut" ;; esac
printf '\n### 1.1.z Notre question à nous\n' >>"$s1"
run status --all --step 1
contains "$out" "  sans réponse  ajoutée  etape-1-par-ou-commencons-nous.md:" "a question the group added says so"
git checkout -q -- "$s5"

# --level: what is left up to a level, in the lists and in the counts.
run status --level 1
is "$rc" 0 "--level 1"
contains "$out" "En tout : 0/39 réponses, 39 sans réponse" "counts only levels 1 (and the group's own question)"
contains "$out" "  … et 29 autres (grille status --all --level 1)" "and lists them"
run status --all --level 1
case "$out" in *"niv. 2"*) ok 1 "--all --level 1 leaves level 2 out" ;; *) ok 0 "--all --level 1 leaves level 2 out" ;; esac
contains "$out" "1.1.z Notre question à nous" "but keeps the group's own questions"
run status --level 3
contains "$out" "En tout : 0/124 réponses" "--level 3 counts everything"
run status --json --level 1
is "$(json "len([q for s in d['steps'] for i in s['items'] for q in i['questions']])")" 124 \
   "the JSON document keeps every question"
is "$(json "sorted(set(q['level'] for s in d['steps'] for i in s['items'] for q in i['questions'] if q['level']))")" \
   "[1, 2]" "each with its level"
is "$(json "[q['level'] for s in d['steps'] for i in s['items'] for q in i['questions'] if q['id'] == '1.1.z']")" \
   "[None]" "null for the group's own"

# --check --level N: done when the questions up to that level are answered.
run status --json
printf '%s' "$out" | "$PYTHON" -c '
import json, re, sys
d = json.load(sys.stdin)
ids = {q["id"] for s in d["steps"] for i in s["items"] for q in i["questions"] if q["level"] in (1, None)}
for s in d["steps"]:
    out = []
    for line in open(s["file"]):
        out.append(line)
        m = re.match(r"^#+ (\S+) ", line)
        if m and m.group(1) in ids:
            out.append("\nRéponse.\n")
    open(s["file"], "w").write("".join(out))
'
run status --check --level 1
is "$rc" 0 "--check --level 1 passes once levels 1 are answered"
run status --check
is "$rc" 1 "while --check still sees level 2 open"
run status --check --level 1 --json
is "$rc" 0 "--check --level with --json too"

# What asks for a hand now is never cut: conflicts, overdue deferrals.
items() { # the items of step $1
	"$GRILLE" status --json | "$PYTHON" -c 'import json, sys; print(" ".join(i["id"] for s in json.load(sys.stdin)["steps"] if s["id"] == sys.argv[1] for i in s["items"]))' "$1"
}
for item in $(items 2); do "$GRILLE" defer "$item" --until 2020-01-01 >/dev/null; done
for item in $(items 3); do "$GRILLE" defer "$item" --until 2999-01-01 >/dev/null; done
run status
is "$(listed "Pour plus tard :")" 25 "every overdue deferral is listed"
contains "$out" "  … et 24 autres (grille status --all)" "the others wait behind the cut"
"$PYTHON" - "$s5" <<'PY'
import sys
p = sys.argv[1]
lines = open(p).read().split("\n")
first = next(i for i, l in enumerate(lines) if l.startswith("### 5.1."))
lines.insert(first + 1, "<<<<<<< HEAD\nà nous\n=======\nà eux")
lines.append(">>>>>>> autre")
open(p, "w").write("\n".join(lines) + "\n")
PY
run status
conflicts=$(listed "En conflit (les deux versions sont dans le fichier) :")
ok "$([ "$conflicts" -gt 10 ] && echo 0 || echo 1)" "every conflict is listed ($conflicts)"

# Refusals.
for bad in 0 4 x 12 ""; do
	run status --level "$bad"
	is "$rc" 2 "--level '$bad' is a usage error"
	contains "$err" "niveau « $bad » invalide : 1, 2 ou 3 attendu" "--level '$bad': says which values"
done
run status --level
is "$rc" 2 "--level without a value"
run status --mine --level 1
is "$rc" 2 "--mine does not go with --level"
contains "$err" "--mine ne va pas avec --step, --all, --level ni --check" "and says so"

done_testing
