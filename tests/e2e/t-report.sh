#!/usr/bin/env bash
# grille report: HTML, OpenDocument, Markdown and JSON, their numbers and their content.
. "$(dirname "$0")/lib.sh"

: "${MD2HTML:?names the helper that renders Markdown like a forge}"
check_html() { "$PYTHON" "$TEST_DIR/html_check.py" "$1"; }

ws="$TEST_ROOT/ws"
"$GRILLE" init "$ws" --title "Notre démarche" --collective "Les Jardins partagés" >/dev/null 2>&1
cd "$ws" || exit 1
s1=etape-1-par-ou-commencons-nous.md
s2=etape-2-principes-d-action.md
s3=etape-3-diagnostic.md
answer "$s1" 1.1.a 'Réponse-alpha : une association de quartier.'
answer "$s1" 1.2.a -- '- Réponse-beta premier point\n- second point'
answer "$s1" 1.3.a '| qui | temps |\n|---|---|\n| Réponse-gamma | 2 h |'
answer "$s3" 3.1.a '#### Réponse-delta titre\n\nEt son texte, avec un [lien](https://exemple.org).'
"$PYTHON" - "$s2" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read().replace("- [ ] Faire ensemble", "- [x] Faire ensemble", 1)
open(p, "w").write(s)
PY
"$GRILLE" skip 1.4 --reason "Raison-epsilon" >/dev/null
"$GRILLE" defer 1.5.a --until 2999-02-01 --reason "Raison-zeta" >/dev/null
printf '%s\n' '| Membre-eta | Rôle-theta | | |' >>membres.md
printf '%s\n' '| 2026-12-01 | début du test | | |' '| 2027-03-01 | fin du test | | |' \
	'| 2000-01-15 | bilan | Bilan-iota | |' '| 2999-06-30 | bilan | Bilan-kappa | |' >>calendrier.md
"$GRILLE" commit -m "Premières réponses" >/dev/null
"$GRILLE" milestone lancement >/dev/null
first=$(git rev-parse HEAD)
answer "$s1" 1.1.b 'Réponse-lambda, après le lancement.'
"$GRILLE" commit >/dev/null

run report
is "$rc" 0 "report succeeds"
is "$out" "grille-rapport.html" "it prints the path of the page it wrote, from the current folder"
check "the page is there" test -s "$ws/grille-rapport.html"
is "$(git status --porcelain)" "" "and git ignores it"
tidy -e -q "$ws/grille-rapport.html" >/dev/null 2>&1
ok $? "the HTML passes tidy, with no warning"
info=$(check_html "$ws/grille-rapport.html")
out=$info
is "$(json "d['lang']")" fr "lang is set"
is "$(json "d['problems']")" "[]" "nothing executable"
is "$(json "d['heading_jumps']")" "[]" "no gap in the heading hierarchy"
is "$(json "d['first_heading']")" "[1]" "one title first"
is "$(json "len(d['labels']), all(d['labels'])")" "3 True" "the three charts have a text alternative"
ok $(( $(json "d['headings'].count(5)") >= 1 ? 0 : 1 )) "an answer's own heading sits under its question's (h5)"
text=$(json "d['text']")
for token in Réponse-alpha Réponse-beta Réponse-gamma Réponse-delta Réponse-lambda Raison-epsilon Raison-zeta \
             Membre-eta Rôle-theta Bilan-iota Bilan-kappa "Faire ensemble" lancement "Les Jardins partagés" \
             "1er décembre 2026" "$(git rev-parse --short=12 HEAD)"; do
	contains "$text" "$token" "the report shows $token"
done
contains "$text" "en retard" "an overdue review is marked"
contains "$text" "à venir" "an upcoming one too"
contains "$text" "Camille Martin" "contributors are named"

# The chart's numbers are status's numbers.
status_json=$("$GRILLE" status --json)
out=$status_json
want=$(json "[[s['id'], s['counts']['questions'], s['counts']['answered'], s['counts']['unanswered'], s['counts']['skipped'], s['counts']['deferred'], s['counts']['conflict']] for s in d['steps']]")
out=$info
got=$(json "[[r[0].split('.')[0]] + [int(x) for x in r[1:]] for r in d['tables'][0][1:]]")
is "$got" "$(echo "$want" | sed "s/'\([0-9]*\)', /'\1', /g")" "the progress table matches status --json"
label_numbers=$(json "[int(n) for n in __import__('re').findall(r'(\d+) répondues?', d['labels'][0])]")
out=$status_json
is "$label_numbers" "$(json "[s['counts']['answered'] for s in d['steps']]")" "the chart's text alternative too"
out=$status_json
for id in $(json "' '.join(q['id'] for s in d['steps'] for i in s['items'] for q in i['questions'] if q['state'] == 'unanswered')"); do
	case "$text" in *"$id "*) ;; *) ok 1 "open question $id is listed"; continue ;; esac
done
ok 0 "every open question is listed"

# Other formats, and -o.
run report -o - --format md
is "$rc" 0 "--format md to stdout"
printf '%s\n' "$out" >"$TEST_ROOT/r.md"
contains "$out" "# Notre démarche" "Markdown: the title"
contains "$out" "| 1. Par où commençons-nous ? | 9 |" "Markdown: the progress table"
contains "$out" "Réponse-alpha" "Markdown: the answers"
"$MD2HTML" "$TEST_ROOT/r.md" >"$TEST_ROOT/r.md.html"
out=$(check_html "$TEST_ROOT/r.md.html")
is "$(json "d['problems']")" "[]" "Markdown rendered like a forge: nothing executable"
run report -o "$TEST_ROOT/r.json"
is "$rc" 0 "-o FILE.json picks JSON"
out=$(cat "$TEST_ROOT/r.json")
is "$(json "d['format'], sorted(d.keys())")" \
   "1 ['calendar', 'collective', 'contributors', 'date', 'dirty', 'format', 'grid', 'group_conflicts', 'group_problems', 'history_partial', 'level', 'members', 'milestones', 'plan', 'revision', 'round', 'round_finished', 'steps', 'title', 'totals']" \
   "JSON: its keys"
is "$(json "[q['answer'] for s in d['steps'] for i in s['items'] for q in i['questions'] if q['id'] == '1.1.a'][0].strip()")" \
   "Réponse-alpha : une association de quartier." "JSON: the answer's Markdown"
is "$(json "[(r['title'], r['state']) for r in d['calendar']['reviews']]")" \
   "[('Bilan-iota', 'overdue'), ('Bilan-kappa', 'upcoming')]" "JSON: review states"
json_totals=$(json "d['totals']")
out=$status_json
is "$json_totals" "$(json "d['totals']")" "JSON: the totals are status's"
run report --format odt
is "$out" "grille-rapport.fodt" "--format odt writes a .fodt"
xmllint --noout "$ws/grille-rapport.fodt"
ok $? "the .fodt is well-formed XML"
odt=$(cat "$ws/grille-rapport.fodt")
contains "$odt" "office:mimetype=\"application/vnd.oasis.opendocument.text\"" "an OpenDocument text"
contains "$odt" '<text:p text:style-name="Title">Notre démarche</text:p>' "the title in the Title style"
contains "$odt" '<text:h text:style-name="Heading_20_3" text:outline-level="3">1.1 ' "headings as heading styles"
contains "$odt" "Réponse-delta titre" "answers' own headings"
contains "$odt" "☑ Faire ensemble" "checked boxes"
contains "$odt" 'xlink:href="https://exemple.org"' "safe links"
for token in Réponse-alpha Réponse-gamma Raison-epsilon Membre-eta Bilan-kappa; do
	contains "$odt" "$token" "the .fodt shows $token"
done

# --step, --at.
run report --step 3 -o - --format json
out=$out
is "$(json "[s['id'] for s in d['steps']]")" "['3']" "--step keeps one step"
# Its caches (.git/grille/) are grille's own, not the working tree.
before=$(tree_sum "$ws" .git/grille)
run report --at "$first" -o - --format json
is "$rc" 0 "--at a commit"
is "$(json "d['revision']")" "$first" "reports that commit"
is "$(json "[q['state'] for s in d['steps'] for i in s['items'] for q in i['questions'] if q['id'] == '1.1.b'][0]")" \
   unanswered "as the workspace was then"
# 5 written, and 4.3.b, 4.4.a and 4.4.b answered by the members and dates committed then.
is "$(json "d['totals']['answered']")" 8 "with its answers then"
run report --at lancement -o - --format md
contains "$out" "Réponse-alpha" "--at a milestone name"
is "$(tree_sum "$ws" .git/grille)" "$before" "--at does not touch the working tree"
run report --at nulle-part
is "$rc" 1 "--at an unknown point fails"
run report --format pdf
is "$rc" 2 "an unknown format is a usage error"
run report -o "$TEST_ROOT/r.odt"
is "$rc" 2 "-o .odt (a zip format grille does not write) is a usage error"
contains "$err" ".fodt" "pointing to .fodt"
check "and writes nothing" test ! -e "$TEST_ROOT/r.odt"
run report -o "$TEST_ROOT/r.txt"
is "$rc" 2 "an extension grille does not write is a usage error"
run report -o "$TEST_ROOT/R.HTML"
is "$rc" 0 "extensions are read in any case"
run report -o "$TEST_ROOT/sans-extension"
is "$rc" 0 "no extension: HTML"
contains "$(head -c 20 "$TEST_ROOT/sans-extension")" "<!DOCTYPE html>" "HTML indeed"
mv "$ws/$s3" "$TEST_ROOT/s3"
run report -o "$TEST_ROOT/manque.html"
is "$rc" 1 "a missing step file makes report fail"
contains "$err" "n'a pas pu être lu" "and says so"
check "while still writing the report" test -s "$TEST_ROOT/manque.html"
mv "$TEST_ROOT/s3" "$ws/$s3"
run report --step 9
is "$rc" 2 "an unknown step is a usage error"

# French typography is for print: no-break spaces in the reports, never in
# the JSON report (data) or in any file of the group.
nb=$'\xc2\xa0'
fine=$'\xe2\x80\xaf'
run report -o - --format md
is "$(printf '%s' "$out" | LC_ALL=C grep -cF "Réponse-alpha$nb: une")" 1 "Markdown: a no-break space before a colon"
run report -o - --format html
is "$(printf '%s' "$out" | LC_ALL=C grep -cF "Réponse-alpha$nb: une")" 1 "HTML: a no-break space before a colon"
n=$(printf '%s' "$out" | LC_ALL=C grep -cF "commençons-nous$fine?")
ok $((n > 0 ? 0 : 1)) "HTML: a narrow one before a question mark"
run report -o - --format json
is "$(printf '%s' "$out" | LC_ALL=C grep -c -e "$nb" -e "$fine")" 0 "JSON: the text as written"
"$GRILLE" sheet 1 -o "$TEST_ROOT/fiche.html" >/dev/null 2>&1
"$GRILLE" report --format fodt -o "$TEST_ROOT/rapport.fodt" >/dev/null 2>&1
is "$(git grep --untracked -I -l -e "$nb" -e "$fine" | wc -l)" 0 "the group's files stay plain"
is "$(git status --porcelain)" "" "and nothing else changed"

# Outside git, the report still works.
nogit="$TEST_ROOT/sans-git"
"$GRILLE" init "$nogit" >/dev/null 2>&1 && rm -rf "$nogit/.git"
run -C "$nogit" report -o - --format md
is "$rc" 0 "a workspace without git gets a report"
contains "$out" "pas encore d'historique" "saying there is no history"

done_testing
