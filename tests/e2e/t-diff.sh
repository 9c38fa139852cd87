#!/usr/bin/env bash
# grille diff shows what the group changed: each answer before and after,
# word by word ([-removed-]{+added+}, or in colour on a terminal), the
# questions added (deepen) or removed, --stat with its totals, --json with
# both texts; text from the files made safe for the terminal; answers too
# different to compare word by word shown as replaced, in bounded time.
. "$(dirname "$0")/lib.sh"

PTY() { "$PYTHON" "$TEST_DIR/pty_run.py" "$@"; }
ESC=$'\033'
cd "$TEST_ROOT" || exit 1
"$GRILLE" init ws --level 1 >/dev/null 2>&1
cd ws || exit 1
S1=etape-1-par-ou-commencons-nous.md S3=etape-3-diagnostic.md
unset NO_COLOR

answer $S1 1.1.a 'Une association de quartier : 12 bénévoles, un local partagé.\n\n- les agendas sont éparpillés'
answer $S1 1.2.a 'Retrouver nos documents.'
answer $S3 3.1.a "L'été, tout s'arrête."
"$GRILLE" milestone debut >/dev/null 2>&1
is "$(git tag -l debut)" debut "the first milestone"

# A word changed, a line added, an answer added, one removed, one in another script.
sed -i 's/12 bénévoles/15 bénévoles/; s/^- les agendas sont éparpillés$/&\n- les mails se perdent/' $S1
sed -i '/^Retrouver nos documents.$/d' $S1
sed -i "s/^L'été, tout s'arrête.$/L'hiver, tout s'arrête./" $S3
answer $S1 1.1.b 'Le départ de notre coordinatrice.'
"$GRILLE" milestone suite >/dev/null 2>&1
is "$(git rev-list --count debut..suite)" 1 "the second milestone, one commit later"

run diff debut suite
is "$rc" 0 "diff between two milestones"
contains "$out" "  ~ 1.1.a " "the changed answer is listed"
contains "$out" "    Une association de quartier : [-12-]{+15+} bénévoles, un local partagé." \
	"its text, word by word: the word removed and the word added"
contains "$out" $'    - les agendas sont éparpillés\n    {+- les mails se perdent+}' "a line added to a list"
contains "$out" $'  + 1.1.b Dans quel contexte engageons-nous cette démarche ? — réponse ajoutée\n    Le départ de notre coordinatrice.' \
	"an added answer shows its text"
contains "$out" $'réponse retirée\n    Retrouver nos documents.' "a removed answer shows the old text"
contains "$out" "    [-L'été,-]{+L'hiver,+} tout s'arrête." "accented words compared whole"
case "$out" in *"$ESC"*) ok 1 "no colour in a pipe" ;; *) ok 0 "no colour in a pipe" ;; esac
case "$out" in *"question ajoutée"*) ok 1 "no question was added" ;; *) ok 0 "no question was added" ;; esac

# --stat: one line per question, the totals, no text.
run diff debut suite --stat
is "$rc" 0 "--stat"
contains "$out" "  ~ 1.1.a Comment décririons-nous notre collectif en quelques mots ? — réponse modifiée" "--stat: the line of a change"
case "$out" in *"bénévoles"*) ok 1 "--stat: no text" ;; *) ok 0 "--stat: no text" ;; esac
is "$(printf '%s\n' "$out" | tail -n 1)" "1 réponse ajoutée, 2 modifiées, 1 retirée" "--stat: the totals, in words"

# --json: both texts, null when absent.
run diff debut suite --json
is "$rc" 0 "--json"
is "$(json "[(c['id'], c['change']) for c in d['changes']]")" \
	"[('1.1.a', 'changed'), ('1.1.b', 'added'), ('1.2.a', 'removed'), ('3.1.a', 'changed')]" "--json: the changes, in order"
is "$(json "repr([c['before'] for c in d['changes'] if c['id'] == '1.1.a'][0])")" \
	"'Une association de quartier : 12 bénévoles, un local partagé.\\n\\n- les agendas sont éparpillés\\n\\n'" "--json: the text before"
is "$(json "repr([c['after'] for c in d['changes'] if c['id'] == '1.1.a'][0])")" \
	"'Une association de quartier : 15 bénévoles, un local partagé.\\n\\n- les agendas sont éparpillés\\n- les mails se perdent\\n\\n'" \
	"--json: the text after"
is "$(json "[(c['before'], c['after']) for c in d['changes'] if c['id'] in ('1.1.b', '1.2.a')]")" \
	"[(None, 'Le départ de notre coordinatrice.\\n'), ('Retrouver nos documents.\\n', None)]" "--json: null where there was no answer"
is "$(json "d['questions']")" "[]" "--json: no question added or removed"
if command -v jq >/dev/null 2>&1; then
	is "$(printf '%s' "$out" | jq -r '.changes[] | select(.change == "changed") | .id' | tr '\n' ' ')" "1.1.a 3.1.a " \
		"jq reads it"
fi

# deepen adds questions: listed, with their text; a question the group wrote, then took away.
run deepen 3.2
is "$rc" 0 "deepen 3.2"
run diff
contains "$out" "  ⊕ 3.2.a Parmi les cinq usages" "a question deepen added is listed"
contains "$out" "— question ajoutée" "and said so"
run diff --json
added=$(json "[q['id'] for q in d['questions'] if q['change'] == 'added']")
is "$(json "len(d['questions']) > 0 and all(q['step'] == '3' and q['text'] for q in d['questions'])")" True \
	"--json: the questions, each with its step and text"
is "$(json "[q['id'] for q in d['questions']] == sorted(q['id'] for q in d['questions'])")" True "in the files' order"
count=$(json "len(d['questions'])")
run diff --stat
is "$(printf '%s\n' "$out" | tail -n 1)" "$count questions ajoutées" "--stat counts them"
git checkout -q -- . && git clean -qfd
printf '\n### 3.2.z Et nos outils à nous ?\n\nUn tableur partagé.\n' >>$S3
"$GRILLE" commit >/dev/null 2>&1
run diff HEAD~1 HEAD
contains "$out" $'  ⊕ 3.2.z Et nos outils à nous ? — question ajoutée\n  + 3.2.z Et nos outils à nous ? — réponse ajoutée\n    Un tableur partagé.' \
	"a question the group wrote, and its answer"
head -n -4 $S3 >$S3.tmp && mv $S3.tmp $S3
run diff --stat
contains "$out" "  ⊖ 3.2.z Et nos outils à nous ? — question retirée" "a question taken away is listed"
is "$(printf '%s\n' "$out" | tail -n 1)" "1 réponse retirée, 1 question retirée" "--stat: both counted"
run diff --json
is "$(json "[(q['id'], q['change'], q['text']) for q in d['questions']]")" "[('3.2.z', 'removed', 'Et nos outils à nous ?')]" \
	"--json: the question removed"
git checkout -q -- .

# A long answer: the lines near the change, "…" for the others.
"$PYTHON" - $S1 <<'PY'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
i = text.index("### 1.1.b ")
j = text.index("\n", i) + 1
lines = "\n".join("Ligne %d du texte." % n for n in range(1, 21))
open(path, "w", encoding="utf-8").write(text[:j] + "\n" + lines + "\n" + text[j:])
PY
"$GRILLE" commit >/dev/null 2>&1
sed -i 's/^Ligne 10 du texte.$/Ligne dix du texte./' $S1
run diff
contains "$out" $'réponse modifiée\n    …\n    Ligne 7 du texte.\n    Ligne 8 du texte.\n    Ligne 9 du texte.\n    Ligne [-10-]{+dix+} du texte.\n    Ligne 11 du texte.\n    Ligne 12 du texte.\n    Ligne 13 du texte.\n    …' \
	"a long answer: three lines either side of the change, … for the others"
case "$out" in *"Ligne 6 du"*|*"Ligne 14 du"*) ok 1 "the lines further away are not shown" ;;
*) ok 0 "the lines further away are not shown" ;; esac
git checkout -q -- .

# A step file that cannot be read tells nothing of its questions.
printf '\377\n' >>etape-2-principes-d-action.md
run diff --stat
case "$out" in *"question retirée"*) ok 1 "an unreadable step file: its questions are not said removed" ;;
*) ok 0 "an unreadable step file: its questions are not said removed" ;; esac
git checkout -q -- .

# Colour: only on a terminal or with --color=always; NO_COLOR and --no-color say no.
sed -i 's/15 bénévoles/16 bénévoles/' $S1
run --color=always diff
contains "$out" "${ESC}[31m15${ESC}[0m${ESC}[32m16${ESC}[0m" "--color=always: removed in red, added in green"
case "$out" in *"[-15-]"*) ok 1 "--color=always: no marks" ;; *) ok 0 "--color=always: no marks" ;; esac
shown=$(TERM=xterm PTY -- "$GRILLE" diff)
contains "$shown" "${ESC}[31m15${ESC}[0m" "on a terminal: colour"
shown=$(TERM=xterm PTY -- "$GRILLE" --no-color diff)
contains "$shown" "[-15-]{+16+}" "--no-color on a terminal: the marks"
case "$shown" in *"$ESC["*) ok 1 "--no-color: no colour" ;; *) ok 0 "--no-color: no colour" ;; esac
shown=$(TERM=xterm NO_COLOR=1 PTY -- "$GRILLE" diff)
case "$shown" in *"$ESC["*) ok 1 "NO_COLOR: no colour" ;; *) ok 0 "NO_COLOR: no colour" ;; esac
git checkout -q -- .

# Text from the files never drives the terminal: control characters shown as ^X.
sed -i "s/^L'hiver, tout s'arrête.$/L'hiver, tout ${ESC}]0;pris${ESC}\\\\ s'arrête ${ESC}[2J./" $S3
run diff
contains "$out" "{+^[]0;pris^[" "an escape sequence in a changed answer is shown, not run"
contains "$out" "^[[2J.+}" "every one of them"
case "$out" in *"$ESC"*) ok 1 "no escape character reaches the terminal" ;; *) ok 0 "no escape character reaches the terminal" ;; esac
run --color=always diff
is "$(printf '%s' "$out" | grep -o "$ESC" | wc -l)" "$(printf '%s' "$out" | grep -o "$ESC\[[0-9]*m" | wc -l)" \
	"with colour: grille's colours are the only escapes"
git checkout -q -- .
printf '\n### 3.2.y Question\n\nLigne\r\nsuivante\r\n' >>$S3
run diff
contains "$out" $'    Ligne\n    suivante' "CRLF line ends: no ^M on the terminal"
git checkout -q -- .

# Two answers of about a megabyte, nothing in common: shown replaced, in bounded time.
"$PYTHON" - $S1 $S3 <<'PY'
import sys
for path, base in ((sys.argv[1], 0), (sys.argv[2], 50000)):
    text = open(path, encoding="utf-8").read()
    words = " ".join("mot%d" % (base + i) for i in range(120000))
    head = "### 1.1.a " if base == 0 else "### 3.1.a "
    i = text.index(head)
    j = text.index("\n", i) + 1
    open(path, "w", encoding="utf-8").write(text[:j] + "\n" + words + "\n" + text[j:])
PY
"$GRILLE" commit >/dev/null 2>&1
"$PYTHON" - $S1 <<'PY'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
start = text.index("mot0 ")
end = text.index("\n", start)
text = text[:start] + text[start:end].replace(" mot", " autre") + text[end:]
open(path, "w", encoding="utf-8").write(text)
PY
start=$(date +%s)
"$GRILLE" diff >"$TEST_ROOT/big.out" 2>"$TEST_ROOT/big.err"
rc=$?
took=$(($(date +%s) - start))
is "$rc" 0 "two answers of a megabyte each: diff"
check "shown as replaced" grep -qF "(trop de changements pour les montrer mot à mot : tout le texte est remplacé)" "$TEST_ROOT/big.out"
ok "$([ "$took" -lt 60 ] && echo 0 || echo 1)" "in bounded time ($took s)"
git checkout -q -- .

# Usage errors.
run diff --stat --json
is "$rc" 2 "--stat with --json: a usage error"
contains "$err" "--stat et --json ne vont pas ensemble" "says so"

done_testing
