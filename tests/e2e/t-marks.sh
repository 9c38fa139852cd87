#!/usr/bin/env bash
# skip, defer, reopen and deepen: from the command line and by hand.
. "$(dirname "$0")/lib.sh"

ws="$TEST_ROOT/ws"
"$GRILLE" init "$ws" >/dev/null 2>&1
cd "$ws" || exit 1
s1=etape-1-par-ou-commencons-nous.md
s3=etape-3-diagnostic.md
answer "$s1" 1.1.a 'Une association de quartier.'
cp "$s1" "$TEST_ROOT/s1.orig"
cp "$s3" "$TEST_ROOT/s3.orig"

run skip 1.1.b --reason "déjà vu en *assemblée* [2026]"
is "$rc" 0 "skip a question"
line=$(grep -n '^### 1.1.b ' "$s1" | cut -d: -f1)
contains "$out" "1.1.b mis de côté ($s1:$((line + 2)))" "it says where the mark went"
is "$(sed -n "$((line + 1)),$((line + 2))p" "$s1")" "$(printf '\n**Mis de côté** : déjà vu en \\*assemblée\\* \\[2026\\]')" \
   "a blank line, then the mark, under the heading, its text escaped"
is "$(git diff --numstat -- "$s1" | cut -f1-2)" "$(printf '4\t0')" "only lines were added (the answer, the mark)"
run status --json
is "$(state 1.1.b)" skipped "status reads it as skipped"
is "$(json "[q['reason'] for s in d['steps'] for i in s['items'] for q in i['questions'] if q['id'] == '1.1.b'][0]")" \
   "déjà vu en *assemblée* [2026]" "with its reason, as written"
is "$(state 1.1.a)" answered "the answer above is untouched"

run defer 1.1.b --until 2000-01-31
is "$rc" 0 "defer replaces the skip"
is "$(grep -c '^\*\*Mis de côté\*\*\|^\*\*À explorer plus tard\*\*' "$s1")" 1 "one mark only"
run status --json
is "$(state 1.1.b)" deferred "now deferred"
is "$(json "[(q['until'], q['overdue']) for s in d['steps'] for i in s['items'] for q in i['questions'] if q['id'] == '1.1.b'][0]")" \
   "('2000-01-31', True)" "until a date, passed"
run reopen 1.1.b
is "$rc" 0 "reopen"
cmp -s "$s1" "$TEST_ROOT/s1.orig"
ok $? "the file is byte for byte as before"

# A whole item, deferred to a later date, with its questions.
run defer 3.2 --until 2999-01-15 --reason "avec l'équipe salariée"
is "$rc" 0 "defer an item"
run status --json
is "$(state 3.2.b)" "deferred" "its questions are deferred"
is "$(json "[q['until'] for s in d['steps'] for i in s['items'] for q in i['questions'] if q['id'] == '3.2.b'][0]")" 2999-01-15 "with the item's date"
is "$(json "[i['state'] for s in d['steps'] for i in s['items'] if i['id'] == '3.2'][0]")" deferred "the item too"
run status
contains "$out" "(pour le 2999-01-15) — avec l'équipe salariée" "the text output shows date and reason"
run reopen 3.2.b
is "$rc" 1 "a question of a marked item cannot be reopened alone"
contains "$err" "grille reopen 3.2" "the message says what to do"
run reopen 3.2
cmp -s "$s3" "$TEST_ROOT/s3.orig"
ok $? "reopening the item restores the file"
run reopen 3.2
is "$rc" 0 "reopening what is open is harmless"
contains "$out" "rien à changer" "and says so"

# By hand: the same marks work the same.
"$PYTHON" - "$s3" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
s = s.replace("## 3.3 ", "## 3.3 ", 1)
lines = s.split("\n")
out = []
for l in lines:
    out.append(l)
    if l.startswith("### 3.1.a "):
        out += ["", "> **Mis de côté** — pas pour nous"]
    if l.startswith("## 3.4 "):
        out += ["", "**À explorer plus tard** (2999-12-01)"]
open(p, "w").write("\n".join(out))
PY
run status --json
is "$(state 3.1.a)" skipped "a mark written by hand in a quote"
is "$(state 3.4.c)" deferred "an item mark written by hand"
run reopen 3.1.a
run reopen 3.4
is "$(grep -c 'Mis de côté\|À explorer' "$s3")" 0 "reopen removes hand-written marks"

# Errors, with nothing changed.
before=$(tree_sum "$ws")
run skip 9.9.z
is "$rc" 2 "an unknown question: what was typed, exit 2 (grille(1))"
contains "$err" "« 9.9.z » n'est ni un item ni une question de la grille" "is named"
run skip abc
is "$rc" 2 "something that is not an ID is a usage error"
contains "$err" "n'est pas l'identifiant d'un item" "is explained"
run defer 1.2.a --until 15/03/2027
is "$rc" 2 "a date in another form is a usage error"
contains "$err" "AAAA-MM-JJ" "showing the form"
run defer 1.2.a --until 2027-13-01
is "$rc" 2 "an impossible month too"
run defer 1.2.a --until 2027-02-31
is "$rc" 2 "and an impossible day"
run defer abc --until 2027-02-01
is "$rc" 2 "a bad ID with a good date is a usage error too"
run deepen 1.1.a
is "$rc" 2 "deepen takes an item or a step, not a question"
run skip 1.2.a --reason "$(printf 'deux\nlignes')"
is "$rc" 2 "a reason on two lines is a usage error"
run skip
is "$rc" 2 "skip without an ID is a usage error"
run skip 1.2.a 1.1.d
is "$rc" 2 "two IDs are a usage error"
is "$(tree_sum "$ws")" "$before" "none of these changed anything"

# A file with conflict markers is not edited.
cp "$s1" "$TEST_ROOT/s1.keep"
printf '\n<<<<<<< HEAD\nA\n=======\nB\n>>>>>>> autre\n' >>"$s1"
cp "$s1" "$TEST_ROOT/s1.conflict"
run skip 1.2.a
is "$rc" 1 "skip refuses a file in conflict"
contains "$err" "contient des conflits git" "and says why"
cmp -s "$s1" "$TEST_ROOT/s1.conflict"
ok $? "the file is untouched"
cp "$TEST_ROOT/s1.keep" "$s1"

# A mark cmark cannot place (glued to a table, left empty so that the mark,
# not an answer, decides the state; the GFM extension drops its
# position): edits refuse rather than guess, and change nothing.
cp "$s1" "$TEST_ROOT/s1.keep"
"$PYTHON" - "$s1" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read().replace("### 1.2.a ", "### 1.2.a ", 1)
i = s.index("\n", s.index("### 1.2.a ")) + 1
s = s[:i] + "\n**À explorer plus tard** (2027-01-01)\n| a | b |\n|---|---|\n|  |  |\n" + s[i:]
open(p, "w").write(s)
PY
cp "$s1" "$TEST_ROOT/s1.glued"
run status --json
is "$(state 1.2.a)" deferred "status still reads the glued mark"
run skip 1.2.a
is "$rc" 1 "skip refuses to replace a mark it cannot place"
contains "$err" "mettez une ligne vide après elle" "and says what to do"
run reopen 1.2.a
is "$rc" 1 "reopen too"
cmp -s "$s1" "$TEST_ROOT/s1.glued"
ok $? "the file is untouched"
cp "$TEST_ROOT/s1.keep" "$s1"

# Deepen adds the next level's questions after the item's last one.
run deepen 1.1
is "$rc" 0 "deepen an item"
contains "$out" "1.1 : 3 questions ajoutées, jusqu'au niveau 2" "it says what it added"
is "$(grep -c '^### 1.1.[cde] ' "$s1")" 3 "1.1.c, 1.1.d and 1.1.e are there"
next=$(grep -n '^## 1.2 ' "$s1" | cut -d: -f1)
last=$(grep -n '^### 1.1.e ' "$s1" | cut -d: -f1)
ok $(( last < next ? 0 : 1 )) "before the next item"
diff "$TEST_ROOT/s1.keep" "$s1" | grep -q '^<'
ok $(( $? == 0 ? 1 : 0 )) "no line of the file was changed or removed"
run status --json
is "$(state 1.1.d)" unanswered "status tracks the new questions"
is "$(state 1.1.a)" answered "and the old answer"
run deepen 1.1
contains "$out" "jusqu'au niveau 3" "deepen again goes one level further"
run deepen 1.1
is "$rc" 0 "nothing left to add is not an error"
contains "$out" "rien à ajouter" "and says so"
cp "$s3" "$TEST_ROOT/s3.before"
run deepen 3 --level 3
is "$rc" 0 "deepen a whole step to level 3"
is "$(grep -cE '^### 3\.[0-9]+\.[a-z]+ ' "$s3")" 37 "every question of step 3 is there"
diff "$TEST_ROOT/s3.before" "$s3" | grep -q '^<'
ok $(( $? == 0 ? 1 : 0 )) "only additions"
run deepen 7.1
is "$rc" 2 "deepen an unknown item: exit 2"
run deepen 1.2 --level 5
is "$rc" 2 "an impossible level is a usage error"
check "git fsck is clean" fsck_clean "$ws"

done_testing
