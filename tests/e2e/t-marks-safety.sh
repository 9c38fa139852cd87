#!/usr/bin/env bash
# Marks never eat the group's prose, hand-written French dates are read (or
# flagged), CRLF files stay CRLF, and bad --reason / --until are refused.
. "$(dirname "$0")/lib.sh"

ws="$TEST_ROOT/ws"
# Level 2: the questions below include some of level 2.
"$GRILLE" init "$ws" --level 2 >/dev/null 2>&1
cd "$ws" || exit 1
s1=etape-1-par-ou-commencons-nous.md
s3=etape-3-diagnostic.md
cp "$s1" "$TEST_ROOT/s1.pristine"
cp "$s3" "$TEST_ROOT/s3.pristine"

# --- A sentence that only looks like a mark is the group's prose. --------
near_marks=(
	'**Mis de côté** par le bureau en 2023, le projet a repris.'
	'**Mis de côté**, puis repris en 2024 avec la mairie.'
	'**Mis de côté**. Le projet a repris.'
	'**Mis de côté** ; à revoir avec le CA.'
	'**Mis de côté** ! Et pourtant tout le monde en parle.'
	'**Mis de côté :** la question des locaux.'
	'**À explorer plus tard** avec Paul, quand il sera revenu.'
	'**À explorer plus tard** (2027-03-01) mais sans trop y croire.'
	'Le projet a été **Mis de côté** en 2023, puis repris.'
	'**Skipped** by the board, then resumed.'
	'> **Mis de côté** par le bureau, nous dit Awa.'
)
for sentence in "${near_marks[@]}"; do
	cp "$TEST_ROOT/s1.pristine" "$s1"
	answer "$s1" 1.1.b '%s' "$sentence"
	cp "$s1" "$TEST_ROOT/s1.prose"
	run status --json
	is "$(state 1.1.b)" answered "« $sentence » is an answer"
	run reopen 1.1.b
	is "$rc" 0 "reopen on « $sentence »: exit 0"
	contains "$out" "rien à changer" "  there is no mark to take off"
	cmp -s "$s1" "$TEST_ROOT/s1.prose"
	ok $? "  the sentence is still there, the file unchanged"
	run skip 1.1.b --reason essai
	is "$(grep -cF -- "$sentence" "$s1")" 1 "  skip adds its mark and keeps the sentence"
	run reopen 1.1.b
	cmp -s "$s1" "$TEST_ROOT/s1.prose"
	ok $? "  reopen takes only grille's mark off"
done

# A mark, then the group's words in the same paragraph: the mark is the first
# line only; the words stay, whatever the edit.
cp "$TEST_ROOT/s1.pristine" "$s1"
answer "$s1" 1.1.b '**Mis de côté** : trop tôt\nLe bureau en reparlera en juin.'
run status --json
is "$(state 1.1.b)" answered "a mark followed by a line of prose: the prose is an answer, the mark never hides it"
run defer 1.1.b --until 2030-01-01
is "$(grep -c 'Le bureau en reparlera en juin.' "$s1")" 1 "  replacing the mark keeps the next line"
run reopen 1.1.b
is "$(grep -c 'Le bureau en reparlera en juin.' "$s1")" 1 "  reopen keeps it too"
is "$(grep -c 'Mis de côté\|À explorer plus tard' "$s1")" 0 "  and takes the mark off"
run status --json
is "$(state 1.1.b)" answered "  the prose left is an answer"

# --- Dates written by hand, in French. ----------------------------------
cp "$TEST_ROOT/s1.pristine" "$s1"
answer "$s1" 1.1.a '**À explorer plus tard** (15/01/2027)'
answer "$s1" 1.1.b '**À explorer plus tard** (15 janvier 2027) : avec le bureau'
answer "$s1" 1.1.c '> **À explorer plus tard** (1er Février 2028)'
answer "$s1" 1.2.a '**A explorer plus tard** (29.02.2028)'
answer "$s1" 1.2.b '**À explorer plus tard** (3 aout 2027)'
run status --json
until_of() { json "[q['until'] for s in d['steps'] for i in s['items'] for q in i['questions'] if q['id'] == '$1'][0]"; }
is "$(state 1.1.a) $(until_of 1.1.a)" "deferred 2027-01-15" "15/01/2027 is read"
is "$(until_of 1.1.b)" "2027-01-15" "15 janvier 2027 is read"
is "$(until_of 1.1.c)" "2028-02-01" "1er Février 2028, quoted, is read"
is "$(until_of 1.2.a)" "2028-02-29" "29.02.2028 (a leap year) is read"
is "$(until_of 1.2.b)" "2027-08-03" "3 aout 2027, without its accent, is read"
is "$(json "sum(1 for s in d['steps'] for i in s['items'] for q in i['questions'] if q['until_unread'])")" 0 \
   "no date is flagged"
is "$err" "" "nothing on stderr"

# Dates that cannot be read: the mark holds, status warns with file:line.
cp "$TEST_ROOT/s1.pristine" "$s1"
answer "$s1" 1.1.a '**À explorer plus tard** (31/02/2027)'
answer "$s1" 1.1.b '**À explorer plus tard** (bientôt) : quand on aura le temps'
answer "$s1" 1.1.c '**À explorer plus tard** (29/02/2027)'
la=$(grep -n '^\*\*À explorer plus tard\*\* (31/02/2027)' "$s1" | cut -d: -f1)
lb=$(grep -n '^\*\*À explorer plus tard\*\* (bientôt)' "$s1" | cut -d: -f1)
git add -A >/dev/null && git commit -qm dates
for pass in "first" "from the cache"; do
	run status --json
	is "$rc" 0 "status with unreadable dates ($pass): exit 0"
	is "$(state 1.1.a) $(until_of 1.1.a)" "deferred None" "  31/02/2027 leaves the mark deferred, without a date"
	is "$(json "[q['until_unread'] for s in d['steps'] for i in s['items'] for q in i['questions'] if q['id'] == '1.1.a'][0]")" \
	   "{'text': '31/02/2027', 'line': $la}" "  the JSON carries the text and the mark's line"
	is "$(json "[q['until_unread']['text'] for s in d['steps'] for i in s['items'] for q in i['questions'] if q['id'] == '1.1.b'][0]")" \
	   "bientôt" "  (bientôt) too"
	contains "$err" "$s1:$la : la date « 31/02/2027 »" "  stderr names file:line"
	contains "$err" "2027-01-15, 15/01/2027 ou 15 janvier 2027" "  and the expected form"
	contains "$err" "$s1:$lb : la date « bientôt »" "  each mark"
	contains "$err" "« 29/02/2027 »" "  a 29 February out of a leap year"
done
run status
contains "$err" "$s1:$la : la date « 31/02/2027 »" "the text output warns too"
contains "$out" "Pour plus tard" "and still lists the deferred questions"
# An item's mark covers several questions: one warning.
cp "$TEST_ROOT/s3.pristine" "$s3"
"$PYTHON" - "$s3" <<'PY'
import sys
p = sys.argv[1]
lines = open(p).read().split("\n")
out = []
for l in lines:
    out.append(l)
    if l.startswith("## 3.2 "):
        out += ["", "**À explorer plus tard** (32 janvier 2027)"]
open(p, "w").write("\n".join(out))
PY
run status
is "$(printf '%s\n' "$err" | grep -c '32 janvier 2027')" 1 "an item's unreadable date is flagged once"
cp "$TEST_ROOT/s3.pristine" "$s3"
cp "$TEST_ROOT/s1.pristine" "$s1"
git add -A >/dev/null && git commit -qm back

# --- CRLF step files stay CRLF. ------------------------------------------
bare_lf() { grep -c -E $'(^|[^\r])$' "$1"; } # lines that end with a bare LF
sed -i 's/$/\r/' "$s3"
cp "$s3" "$TEST_ROOT/s3.crlf"
is "$(bare_lf "$s3")" 0 "the step file is all CRLF to start with"
run skip 3.1.a --reason "pas pour nous"
is "$rc" 0 "skip in a CRLF file"
is "$(bare_lf "$s3")" 0 "  no bare LF line"
is "$(grep -c $'^\\*\\*Mis de côté\\*\\* : pas pour nous\r$' "$s3")" 1 "  the mark ends with CRLF"
is "$(diff "$TEST_ROOT/s3.crlf" "$s3" | grep -c '^<')" 0 "  no line of the file changed"
run defer 3.2 --until 2030-06-01 --reason "avec l'équipe"
is "$rc" 0 "defer an item in a CRLF file"
is "$(bare_lf "$s3")" 0 "  no bare LF line"
run defer 3.1.a --until 2030-01-01
is "$(bare_lf "$s3")" 0 "a mark replaced in a CRLF file: no bare LF line"
run status --json
is "$(state 3.1.a) $(until_of 3.1.a)" "deferred 2030-01-01" "  status reads the CRLF marks"
is "$(state 3.2.a)" deferred "  and the item's"
run deepen 3.1
is "$rc" 0 "deepen in a CRLF file"
is "$(bare_lf "$s3")" 0 "  no bare LF line"
is "$(diff "$TEST_ROOT/s3.crlf" "$s3" | grep -c '^<')" 0 "  no line of the file changed, lines were only added"
ok $(( $(grep -c '^### 3\.1\.' "$s3") > $(grep -c '^### 3\.1\.' "$TEST_ROOT/s3.crlf") ? 0 : 1 )) "  questions were added"
cp "$s3" "$TEST_ROOT/s3.deepened"
run reopen 3.1.a
run reopen 3.2
is "$rc" 0 "reopen in a CRLF file"
is "$(bare_lf "$s3")" 0 "  no bare LF line"
is "$(diff "$TEST_ROOT/s3.deepened" "$s3" | grep -c '^>')" 0 "  only the marks' lines went"
is "$(grep -c 'Mis de côté\|À explorer plus tard' "$s3")" 0 "  all of them"
# skip then reopen restores the CRLF file byte for byte.
cp "$TEST_ROOT/s3.crlf" "$s3"
run skip 3.3
run reopen 3.3
cmp -s "$s3" "$TEST_ROOT/s3.crlf"
ok $? "skip then reopen leaves a CRLF file byte for byte as it was"
# A CRLF file that does not end with a line ending.
printf '%s' "$(cat "$TEST_ROOT/s3.crlf")" | sed '$ s/\r$//' >"$s3"
last_item=$(grep '^## ' "$s3" | tail -n 1 | cut -d' ' -f2)
run deepen "$last_item"
is "$rc" 0 "deepen the last item of a CRLF file without a final line ending"
is "$(bare_lf "$s3")" 0 "  no bare LF line"
# An LF file stays LF.
cp "$TEST_ROOT/s3.pristine" "$s3"
run skip 3.1.a
is "$(grep -c $'\r' "$s3")" 0 "an LF file gets no CR"
cp "$TEST_ROOT/s3.pristine" "$s3"

# --- Bad --reason and --until: refused, nothing changed. -----------------
refuses 2 "n'est pas du texte UTF-8 valide" "skip, a Latin-1 reason" skip 1.1.c --reason $'\xe9t\xe9'
if [[ $err == *$'\xe9'* ]]; then ok 1 "  the bad bytes are not echoed"; else ok 0 "  the bad bytes are not echoed"; fi
refuses 2 "n'est pas du texte UTF-8 valide" "defer, a Latin-1 reason" defer 1.1.c --reason $'caf\xe9'
refuses 2 "n'est pas du texte UTF-8 valide" "a cut UTF-8 sequence" skip 1.1.c --reason $'caf\xc3'
refuses 2 "n'est pas du texte UTF-8 valide" "an overlong encoding" skip 1.1.c --reason $'\xc0\xaf'
refuses 2 "n'est pas du texte UTF-8 valide" "a UTF-16 surrogate" skip 1.1.c --reason $'\xed\xa0\x80'
refuses 2 "caractère de contrôle (U+000B)" "Word's vertical tab" skip 1.1.c --reason $'a\vb'
refuses 2 "caractère de contrôle (U+001B)" "a terminal escape" defer 1.1.c --reason $'\e[31mrouge'
run skip 1.1.c --reason $'a\tb'
is "$rc" 0 "a tab is white space like any other: accepted in a reason"
run reopen 1.1.c
refuses 2 "caractère de contrôle (U+007F)" "DEL" skip 1.1.c --reason $'a\x7fb'
refuses 2 "caractère de contrôle (U+0085)" "a C1 control" skip 1.1.c --reason $'a\xc2\x85b'
refuses 2 "une seule ligne" "a newline" skip 1.1.c --reason $'deux\nlignes'
refuses 2 "une seule ligne" "a carriage return" skip 1.1.c --reason $'deux\rlignes'
refuses 2 "une seule ligne" "a line separator U+2028" skip 1.1.c --reason $'deux\xe2\x80\xa8lignes'
refuses 2 "n'est pas du texte lisible" "--until, not UTF-8" defer 1.1.c --until $'\xff\xfe'
if [[ $err == *$'\xff'* ]]; then ok 1 "  the bad bytes are not echoed"; else ok 0 "  the bad bytes are not echoed"; fi
refuses 2 "n'est pas du texte lisible" "--until, a terminal escape" defer 1.1.c --until $'2027-01-01\e[2J'
if [[ $err == *$'\e'* ]]; then ok 1 "  the escape is not echoed"; else ok 0 "  the escape is not echoed"; fi
refuses 2 "AAAA-MM-JJ" "--until, words" defer 1.1.c --until "bientôt"
refuses 2 "AAAA-MM-JJ" "--until, 29 February out of a leap year" defer 1.1.c --until 2027-02-29
refuses 2 "AAAA-MM-JJ" "--until, a French date (--until writes ISO)" defer 1.1.c --until "15 janvier 2027"
refuses 2 "AAAA-MM-JJ" "--until, empty" defer 1.1.c --until ""
# The good cases still work, and write ISO.
run defer 1.1.c --until 2028-02-29 --reason "été 2028 — avec « Awa »"
is "$rc" 0 "a good date and a UTF-8 reason are written"
is "$(grep -c '^\*\*À explorer plus tard\*\* (2028-02-29) : été 2028 — avec « Awa »$' "$s1")" 1 "  in ISO"

# --- A carriage return standing alone (found by fuzz_edit): cmark ends a line
# there, git and the edits do not. Every line the scan names must be the line
# an edit changes, or reopen takes away a line of the group's.
printf '# 1 Par où\r## 1.1 Item\n\n### 1.1.a Q\n\nNotre réponse.\nDeuxième ligne.\n' >"$s1"
cp "$s1" "$TEST_ROOT/s1.cr"
run skip 1.1.a
is "$rc" 0 "lone CR: skip works"
is "$(sed -n 5p "$s1")" "**Mis de côté**" "lone CR: the mark goes right under the heading, not inside the answer"
run reopen 1.1.a
cmp -s "$s1" "$TEST_ROOT/s1.cr"
ok $? "lone CR: reopen gives the file back byte for byte, the group's lines all there"
printf '### 1.1.a Q\r\rRéponse après deux retours.\n### 1.1.b R\n' >"$s1"
cp "$s1" "$TEST_ROOT/s1.cr"
run skip 1.1.b
run reopen 1.1.b
cmp -s "$s1" "$TEST_ROOT/s1.cr"
ok $? "lone CR inside a heading line: skip then reopen keep every byte"
cp "$TEST_ROOT/s1.pristine" "$s1"

# --- skip or defer over an answer: the answer stays, and the command says so.
answer "$s1" 1.2.a 'Déjà répondu.'
run skip 1.2
is "$rc" 0 "skip of an item holding an answer works"
contains "$out" "1 question a déjà une réponse : elle reste comptée comme répondue" "and says the answer stays counted"
run status --json
is "$(state 1.2.a)" answered "1.2.a stays answered"
run reopen 1.2
run defer 1.2.a
contains "$out" "1 question a déjà une réponse" "defer of an answered question says so too"
run reopen 1.2.a
run skip 1.3
case "$out" in *"déjà une réponse"*) ok 1 "skip of an item with no answer says nothing of answers" ;; *) ok 0 "skip of an item with no answer says nothing of answers" ;; esac
run reopen 1.3
cp "$TEST_ROOT/s1.pristine" "$s1"

done_testing
