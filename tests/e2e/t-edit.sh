#!/usr/bin/env bash
# grille edit: the editor chosen as git chooses it ($VISUAL, $EDITOR,
# sensible-editor, vi), run with +LINE at the heading, its exit status
# passed on. grille answer: text from a file or standard input appended
# under a question, every other byte kept (CRLF too), each refusal, and
# answers written while marks are: the lock keeps every change. The "did
# you mean" of unknown commands, options and IDs.
. "$(dirname "$0")/lib.sh"

S3=etape-3-diagnostic.md
cd "$TEST_ROOT" || exit 1
"$GRILLE" init ws >/dev/null 2>&1
cd ws || exit 1
export GRILLE_LOCK_WAIT_MS=20000

# A fake editor: writes its name, its arguments, one a line, and the
# variables it was run with, into $TEST_ROOT/editor.log; exits FAKE_RC.
bin="$TEST_ROOT/bin"
mkdir -p "$bin"
cat >"$bin/fake-editor" <<'EOF'
#!/bin/sh
{
	printf 'name=%s\n' "${0##*/}"
	for a in "$@"; do printf 'arg=%s\n' "$a"; done
	printf 'VISUAL=%s\nEDITOR=%s\n' "${VISUAL-}" "${EDITOR-}"
} >"$TEST_ROOT/editor.log"
exit "${FAKE_RC:-0}"
EOF
chmod +x "$bin/fake-editor"
export TEST_ROOT
log() { cat "$TEST_ROOT/editor.log" 2>/dev/null; }

line_3_2_b=$(grep -n '^### 3.2.b ' $S3 | cut -d: -f1)
VISUAL="$bin/fake-editor" EDITOR=/nonexistent run edit 3.2.b
is "$rc" 0 "edit 3.2.b: exit 0"
is "$(log | grep '^arg=' | tr '\n' ' ')" "arg=+$line_3_2_b arg=$PWD/$S3 " "edit: +LINE at the question's heading, then the file"
contains "$(log)" "VISUAL=$bin/fake-editor" "edit: the editor sees the environment it was given"

rm -f "$TEST_ROOT/editor.log"
(unset VISUAL; EDITOR="$bin/fake-editor --wait" "$GRILLE" edit 3.2 >/dev/null 2>&1)
is "$(log | grep '^arg=' | tr '\n' ' ')" "arg=--wait arg=+$(grep -n '^## 3.2 ' $S3 | cut -d: -f1) arg=$PWD/$S3 " \
	"edit: EDITOR with arguments, split as a shell does; an item's heading"

# Visual Studio Code takes --goto FILE:LINE.
ln -s "$bin/fake-editor" "$bin/code"
rm -f "$TEST_ROOT/editor.log"
(unset VISUAL; EDITOR="$bin/code --wait" "$GRILLE" edit 3.2.b >/dev/null 2>&1)
is "$(log | grep '^arg=' | tr '\n' ' ')" "arg=--wait arg=--goto arg=$PWD/$S3:$line_3_2_b " "edit: code gets --goto FILE:LINE"

# Neither VISUAL nor EDITOR: sensible-editor when in PATH, else vi.
novars="$TEST_ROOT/novars"
mkdir -p "$novars"
ln -s "$bin/fake-editor" "$novars/vi"
rm -f "$TEST_ROOT/editor.log"
(unset VISUAL EDITOR; PATH="$novars" "$GRILLE" edit 3.2.b >/dev/null 2>&1)
is "$(log | head -n 1)" "name=vi" "edit: no editor set, no sensible-editor: vi"
ln -s "$bin/fake-editor" "$novars/sensible-editor"
(unset VISUAL EDITOR; PATH="$novars" "$GRILLE" edit 3.2.b >/dev/null 2>&1)
is "$(log | head -n 1)" "name=sensible-editor" "edit: no editor set: sensible-editor before vi"

FAKE_RC=3 EDITOR="$bin/fake-editor" VISUAL= run edit 3.2.b
is "$rc" 3 "edit: grille exits with the editor's status"
EDITOR=/nonexistent/editor VISUAL= run edit 3.2.b
is "$rc" 127 "edit: an editor that is not there: 127, as a shell"
contains "$err" "est introuvable" "  and says so"

export VISUAL="$bin/fake-editor"
rm -f "$TEST_ROOT/editor.log"
refuses 2 "Vouliez-vous dire « 3.2.a » ?" "edit: an ID the grid does not know" edit 3.2.x
refuses 1 "grille deepen 3.2" "edit: a question missing from the files" edit 3.2.a
refuses 2 "n'est pas l'identifiant" "edit: not an ID" edit pommes
refuses 2 "est attendu" "edit: no ID" edit
check "edit: no editor was run for a refusal" test ! -e "$TEST_ROOT/editor.log"

# --- grille answer ----------------------------------------------------------------
git add -A && git commit -qm "avant les réponses" >/dev/null
cp $S3 "$TEST_ROOT/before.md"
printf 'Nous avons **deux** ordinateurs.\n\n- un portable\n- un fixe\n' >"$TEST_ROOT/reponse.md"
run answer 3.2.b --file "$TEST_ROOT/reponse.md"
is "$rc" 0 "answer --file: exit 0"
at=$(printf '%s' "$out" | sed -n 's/.*(etape-3-diagnostic.md:\([0-9]*\))\./\1/p')
contains "$out" "Réponse ajoutée sous 3.2.b ($S3:" "answer: says file:line"
is "$(sed -n "${at}p" $S3)" "Nous avons **deux** ordinateurs." "answer: the text stands at the line given"
is "$(sed -n "$((at - 1))p" $S3)" "" "answer: a blank line before it"
is "$(sed -n "$((at + 4))p" $S3)" "" "answer: a blank line after it"
sed "$((at - 1)),$((at + 3))d" $S3 >"$TEST_ROOT/after.md"
check "answer: every other byte of the file kept" cmp "$TEST_ROOT/before.md" "$TEST_ROOT/after.md"
check "answer: the other files untouched" git diff --quiet -- . ":!$S3"
run status --json
is "$(json "[q['state'] for s in d['steps'] for i in s['items'] for q in i['questions'] if q['id'] == '3.2.b'][0]")" answered \
	"answer: the question reads as answered"

run answer 3.2.b - <<<"Deuxième paragraphe, par l'entrée standard."
is "$rc" 0 "answer -: from standard input"
at2=$(printf '%s' "$out" | sed -n 's/.*:\([0-9]*\))\./\1/p')
is "$at2" "$((at + 5))" "answer -: after what was there"
printf 'Troisième.\n' | "$GRILLE" answer 3.2.b >/dev/null 2>&1
is "$(sed -n "$((at2 + 2))p" $S3)" "Troisième." "answer without option: standard input too"
run answer 1.3.a --file "$TEST_ROOT/reponse.md"
is "$rc" 0 "answer: a question of a data kind (members) takes text too"

# CRLF: the new lines take the file's line endings; nothing else moves.
git add -A && git commit -qm réponses >/dev/null
sed -i 's/$/\r/' $S3
cp $S3 "$TEST_ROOT/before.md"
run answer 3.4.c - <<<"Connexion faible au local."
at=$(printf '%s' "$out" | sed -n 's/.*:\([0-9]*\))\./\1/p')
is "$(sed -n "${at}p" $S3)" "Connexion faible au local."$'\r' "CRLF file: the new line ends in CRLF"
sed "$((at - 1)),${at}d" $S3 >"$TEST_ROOT/after.md"
check "CRLF file: every other byte kept" cmp "$TEST_ROOT/before.md" "$TEST_ROOT/after.md"
git checkout -q -- $S3

# Refusals: nothing written.
printf 'abc\xff\n' >"$TEST_ROOT/latin1.md"
refuses 2 "UTF-8" "answer: text that is not UTF-8" answer 3.2.b --file "$TEST_ROOT/latin1.md"
printf 'a\0b\n' >"$TEST_ROOT/nul.md"
refuses 2 "octet nul" "answer: a NUL byte" answer 3.2.b --file "$TEST_ROOT/nul.md"
: >"$TEST_ROOT/empty.md"
refuses 2 "vide" "answer: an empty text" answer 3.2.b --file "$TEST_ROOT/empty.md"
printf '```\ncode sans fin\n' >"$TEST_ROOT/fence.md"
refuses 1 "bloc" "answer: an unclosed code fence" answer 3.2.b --file "$TEST_ROOT/fence.md"
printf '## Titre\n' >"$TEST_ROOT/heading.md"
refuses 1 "titre" "answer: a heading in the text" answer 3.2.b --file "$TEST_ROOT/heading.md"
refuses 1 "n'a pas pu être ouvert" "answer: a file that is not there" answer 3.2.b --file "$TEST_ROOT/absent.md"
refuses 2 "Vouliez-vous dire « 3.2.b » ?" "answer: an unknown ID, the closest one" answer 3.2.bb --file "$TEST_ROOT/reponse.md"
refuses 1 "grille deepen 3.2" "answer: a question missing from the files" answer 3.2.a --file "$TEST_ROOT/reponse.md"
refuses 2 "grille position 5.1.a" "answer: a positions question" answer 5.1.a --file "$TEST_ROOT/reponse.md"
refuses 2 "identifiant d'une question" "answer: an item" answer 3.2 --file "$TEST_ROOT/reponse.md"
refuses 2 "est attendu" "answer: both --file and -" answer 3.2.b --file "$TEST_ROOT/reponse.md" -
printf '<<<<<<< HEAD\nA\n=======\nB\n>>>>>>> autre\n' >>$S3
refuses 1 "conflits git" "answer: a file with conflict markers" answer 3.2.b --file "$TEST_ROOT/reponse.md"
git checkout -q -- $S3

# Answers and marks at once: the lock serialises them, none is lost.
pids=()
for n in 1 2 3 4; do
	printf 'Réponse parallèle %s.\n' "$n" | "$GRILLE" answer 3.2.b >"$TEST_ROOT/answer-$n.out" 2>&1 &
	pids+=($!)
done
for q in 3.1 3.4 3.5; do
	"$GRILLE" skip "$q" >"$TEST_ROOT/skip-$q.out" 2>&1 &
	pids+=($!)
done
fails=0
for p in "${pids[@]}"; do wait "$p" || fails=$((fails + 1)); done
is "$fails" 0 "four answers and three skips at once: all exit 0"
is "$(grep -c '^Réponse parallèle [1-4]\.$' $S3)" 4 "  the four answers are there"
is "$(grep -c '^\*\*Mis de côté\*\*' $S3)" 3 "  and the three marks"
run status
is "$rc" 0 "  and the file reads well"

# --- Did you mean ------------------------------------------------------------------
refuses 2 "commande inconnue : statut. Vouliez-vous dire « status » ?" "an unknown command, the closest one" statut
refuses 2 "commande inconnue « zzzzzz »" "an unknown command far from every one: no suggestion" zzzzzz
refuses 2 "Vouliez-vous dire « status » ?" "help of a mistyped command" help statsu
refuses 2 "option inconnue : --reasn. Vouliez-vous dire « --reason » ?" "an unknown long option, the closest one" \
	skip --reasn=x 3.2
refuses 2 "option inconnue « --zzzzzz »" "an option far from every one: no suggestion" skip --zzzzzz 3.2
refuses 2 "Vouliez-vous dire « 3.2.a » ?" "skip: an unknown question ID" skip 3.2.x
refuses 2 "Vouliez-vous dire « 3.1 » ?" "deepen: an unknown item ID" deepen 3.9
refuses 2 "Vouliez-vous dire « 5.1.a » ?" "position: an unknown question ID" position 5.1.x
run reopen 3.4
is "$rc" 0 "reopen of a known ID: no suggestion needed"
is "$err" "" "  and nothing on stderr"

done_testing
