#!/usr/bin/env bash
# Who wrote an answer: grille who ID, and grille report --authors, with two git authors.
. "$(dirname "$0")/lib.sh"

ws="$TEST_ROOT/ws"
"$GRILLE" init "$ws" --level 2 >/dev/null 2>&1
cd "$ws" || exit 1
s3=etape-3-diagnostic.md

# Camille writes a list under 3.2.b; Awa rewrites one of its lines, then answers 3.2.d alone.
answer "$s3" 3.2.b '%s\n%s\n%s' '- Courriel : Thunderbird' '- Agenda : papier' '- Partage : clé USB'
run commit
sed -i 's/^- Agenda : papier$/- Agenda : Nextcloud/' "$s3"
answer "$s3" 3.2.d '%s\n%s' '- Les pièces jointes' '- Les relances'
run commit --author "Awa Diallo <awa@example.org>"
is "$(git log --format=%an | sort -u | tr '\n' ,)" "Awa Diallo,Camille Martin," "two people wrote the history"

run who 3.2.b
is "$rc" 0 "who 3.2.b"
is "$(printf '%s\n' "$out" | head -n 2)" "3.2.b Quels outils utilisons-nous pour chacun des cinq usages ?
   Camille Martin (2 lignes), Awa Diallo (1 ligne)" "names who wrote the answer, the rewritten line to its new author"
run who 3.2.b --json
is "$(json "[(p['name'], p['lines']) for s in d['steps'] for q in s['questions'] for p in q['people']]")" \
   "[('Camille Martin', 2), ('Awa Diallo', 1)]" "the same in JSON"
# A list ends on the blank line after it, written by init (Camille): nobody's writing.
run who 3.2.d --json
is "$(json "[(p['name'], p['lines']) for s in d['steps'] for q in s['questions'] for p in q['people']]")" \
   "[('Awa Diallo', 2)]" "blank lines are credited to nobody"
run who 3.2.e
is "$out" "3.2.e n'a pas de réponse enregistrée pour l'instant." "a question without an answer says so"
run who 3.2
contains "$out" "   3.2.b   Camille Martin (2 lignes), Awa Diallo (1 ligne)" "an item keeps the step's layout"

# By member, once membres.md has members; the git name in brackets when it differs.
run member add "Awa Diallo" --email awa@example.org
run member add "Camille Martin-Lefèvre" --email camille@example.org
run commit
run who 3.2.b
contains "$out" "Camille Martin-Lefèvre (Camille Martin) (2 lignes), Awa Diallo (1 ligne)" "members by their name"

# The report: "Écrit par" beside each answer, in every format, only with --authors.
run report -o "$TEST_ROOT/r.html" --authors
is "$rc" 0 "report --authors"
html=$(cat "$TEST_ROOT/r.html")
contains "$html" '<p class="authors"><small>Écrit par Camille Martin-Lefèvre (Camille Martin), Awa Diallo</small></p>' \
	"HTML: who wrote 3.2.b"
contains "$html" '<p class="authors"><small>Écrit par Awa Diallo</small></p>' "HTML: who wrote 3.2.d"
is "$(printf '%s' "$html" | grep -c 'class="authors"')" 2 "HTML: one line per answer someone wrote"
out=$("$PYTHON" "$TEST_DIR/html_check.py" "$TEST_ROOT/r.html")
is "$(json "d['problems'], d['heading_jumps']")" "[] []" "HTML: still safe, no gap in the headings"
contains "$(json "d['text']")" "Partage : clé USB Écrit par Camille Martin-Lefèvre (Camille Martin), Awa Diallo" \
	"HTML: the line follows the answer"
run report -o - --format json --authors
is "$(json "[(q['id'], q['authors']) for s in d['steps'] for i in s['items'] for q in i['questions'] if q['authors']]")" \
   "[('3.2.b', ['Camille Martin-Lefèvre (Camille Martin)', 'Awa Diallo']), ('3.2.d', ['Awa Diallo'])]" \
   "JSON: an authors array per question"
is "$(json "all(q['authors'] == [] for s in d['steps'] for i in s['items'] for q in i['questions'] if q['id'] not in ('3.2.b', '3.2.d'))")" \
   True "JSON: empty for the others"
run report -o - --format md --authors
contains "$out" "Écrit par Awa Diallo" "Markdown: the line"
run report -o "$TEST_ROOT/r.fodt" --authors
check "OpenDocument: well-formed" xmllint --noout "$TEST_ROOT/r.fodt"
contains "$(cat "$TEST_ROOT/r.fodt")" "Écrit par Awa Diallo" "OpenDocument: the line"
run report -o - --format json
is "$(json "any('authors' in q for s in d['steps'] for i in s['items'] for q in i['questions'])")" False \
   "JSON: no authors key without --authors"
run report -o -
case "$out" in *'class="authors"'*) ok 1 "HTML: no line without --authors" ;; *) ok 0 "HTML: no line without --authors" ;; esac

# A name is text, in every format: escaped (git itself drops < and >).
answer "$s3" 3.2.e 'Tout le monde.'
git add "$s3" && git -c user.name='Zoé & "les autres" ici' -c user.email=zoe@example.org commit -qm "À la main"
run report -o "$TEST_ROOT/r.html" --authors
contains "$(cat "$TEST_ROOT/r.html")" 'Écrit par Zoé &amp; &quot;les autres&quot; ici</small>' "HTML: a name is escaped"
tidy -e -q "$TEST_ROOT/r.html" >/dev/null 2>&1
ok $? "HTML: the page passes tidy, with no warning"
run report -o "$TEST_ROOT/r.fodt" --authors
check "OpenDocument: still well-formed" xmllint --noout "$TEST_ROOT/r.fodt"
run report -o - --format json --authors
is "$(json "[q['authors'] for s in d['steps'] for i in s['items'] for q in i['questions'] if q['id'] == '3.2.e']")" \
   "[['Zoé & \"les autres\" ici']]" "JSON: the name as it is"

# An uncommitted change is nobody's yet: the report says who wrote the last milestone's lines.
answer "$s3" 3.2.c 'Pas encore enregistré.'
run report -o - --format json --authors
is "$(json "[q['authors'] for s in d['steps'] for i in s['items'] for q in i['questions'] if q['id'] == '3.2.c']")" \
   "[[]]" "JSON: an answer not committed yet has no author"

# Outside git: nothing to credit, and no failure.
plain="$TEST_ROOT/sans-git"
"$GRILLE" init "$plain" >/dev/null 2>&1 && rm -rf "$plain/.git"
answer "$plain/$s3" 3.2.b 'Réponse.'
out=$(cd "$plain" && "$GRILLE" report -o - --format json --authors 2>/dev/null)
is "$(json "[q['authors'] for s in d['steps'] for i in s['items'] for q in i['questions'] if q['id'] == '3.2.b']")" \
   "[[]]" "outside git: an empty list"

# An English workspace speaks English.
en="$TEST_ROOT/en"
"$GRILLE" init "$en" --language en >/dev/null 2>&1
answer "$en/step-3-diagnosis.md" 3.2.b 'Email.'
(cd "$en" && "$GRILLE" commit >/dev/null 2>&1)
out=$(cd "$en" && "$GRILLE" report -o - --format md --authors)
contains "$out" "Written by Camille Martin" "English: Written by"

done_testing
