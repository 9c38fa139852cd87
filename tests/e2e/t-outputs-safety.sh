#!/usr/bin/env bash
# Whatever the group's text holds, every output shows it: raw HTML as text in
# every report; and the report's "not saved yet" says what grille status says.
. "$(dirname "$0")/lib.sh"

: "${MD2HTML:?names the helper that renders Markdown like a forge}"
check_html() { "$PYTHON" "$TEST_DIR/html_check.py" "$1"; }

# fodt_text FILE: every text of an OpenDocument file, one paragraph a line.
fodt_text() {
	"$PYTHON" - "$1" <<'PY'
import sys, xml.etree.ElementTree as ET
for el in ET.parse(sys.argv[1]).iter():
    if el.tag.endswith("}p") or el.tag.endswith("}h"):
        print("".join(el.itertext()))
PY
}

step1=etape-1-par-ou-commencons-nous.md

# ---------------------------------------------------------------------------
# Raw HTML the group wrote is an answer, shown as the text they typed.
ws="$TEST_ROOT/html"
"$GRILLE" init "$ws" >/dev/null 2>&1
cd "$ws" || exit 1
raw_block='<table><tr><td>Agenda partagé</td></tr></table>'
raw_details='<details><summary>Résumé</summary>Détail caché</details>'
raw_div='<div class="note">Texte dans un div</div>'
answer "$step1" 1.1.a '%s' "$raw_block"
answer "$step1" 1.1.b '%s' "$raw_details"
answer "$step1" 1.1.c 'Un outil <span class="x">en ligne</span> et gratuit.'
answer "$step1" 1.2.a '%s' "$raw_div"
run status --json
for id in 1.1.a 1.1.b 1.1.c 1.2.a; do
	is "$(state $id)" answered "raw HTML: $id counts as answered"
done

run report -o "$TEST_ROOT/html.html"
is "$rc" 0 "raw HTML: HTML report"
out=$(check_html "$TEST_ROOT/html.html")
is "$(json "d['problems']")" "[]" "raw HTML: nothing of it is markup in the HTML report"
text=$(json "d['text']")
for raw in "$raw_block" "$raw_details" "$raw_div" '<span class="x">' '</span>'; do
	contains "$text" "$raw" "raw HTML: the HTML report shows $raw as text"
done
contains "$text" "en ligne" "raw HTML: the text around an inline tag stays"
tidy -e -q "$TEST_ROOT/html.html" >/dev/null 2>&1
ok $(( $? <= 1 ? 0 : 1 )) "raw HTML: tidy finds no error in the HTML report"

run report -o "$TEST_ROOT/html.fodt"
xmllint --noout "$TEST_ROOT/html.fodt"
ok $? "raw HTML: the OpenDocument report is well-formed"
text=$(fodt_text "$TEST_ROOT/html.fodt")
for raw in "$raw_block" "$raw_details" "$raw_div" '<span class="x">'; do
	contains "$text" "$raw" "raw HTML: the OpenDocument report shows $raw as text"
done

run report -o "$TEST_ROOT/html.md"
"$MD2HTML" "$TEST_ROOT/html.md" >"$TEST_ROOT/html.md.html"
out=$(check_html "$TEST_ROOT/html.md.html")
is "$(json "d['problems']")" "[]" "raw HTML: the Markdown report, rendered with raw HTML allowed, runs nothing"
text=$(json "d['text']")
for raw in "$raw_block" "$raw_details" "$raw_div" '<span class="x">'; do
	contains "$text" "$raw" "raw HTML: the Markdown report, rendered with raw HTML allowed, shows $raw as text"
done

run report -o "$TEST_ROOT/html.json"
out=$(cat "$TEST_ROOT/html.json")
answer_of() { json "[q['answer'] for s in d['steps'] for i in s['items'] for q in i['questions'] if q['id'] == '$1'][0]"; }
contains "$(answer_of 1.1.a)" "$raw_block" "raw HTML: the JSON report holds the table as typed"
contains "$(answer_of 1.1.b)" "$raw_details" "raw HTML: the JSON report holds <details> as typed"
contains "$(answer_of 1.1.c)" '<span class="x">' "raw HTML: the JSON report holds the inline tag as typed"

# ---------------------------------------------------------------------------
# "Not saved yet" in a report means what grille status means.
ws="$TEST_ROOT/dirty"
"$GRILLE" init "$ws" >/dev/null 2>&1
cd "$ws" || exit 1
answer "$step1" 1.1.a 'Une association de quartier.'
run commit -m "Premières réponses"
is "$rc" 0 "dirty: the answers are committed"
run status --json
is "$(json "d['git']['changes']")" "[]" "dirty: status lists no change after commit"
for n in 1 2; do
	run report
	is "$rc" 0 "dirty: report into the workspace (run $n)"
	ok $(grep -c "pas encore enregistrés" grille-rapport.html) "dirty: right after commit, the HTML report (run $n) has no unsaved change"
	run report --format md
	ok $(grep -c "pas encore enregistrés" grille-rapport.md) "dirty: the Markdown report (run $n) has none either"
	run report --format odt
	ok $(grep -c "pas encore enregistrés" grille-rapport.fodt) "dirty: nor the OpenDocument report (run $n)"
	run report --format json -o -
	is "$(json "d['dirty']")" False "dirty: the JSON report (run $n) says false"
done
run status --json
is "$(json "d['git']['changes']")" "[]" "dirty: the reports written are no change for status either"
answer "$step1" 1.1.b 'Un nouveau projet.'
run status --json
is "$(json "len(d['git']['changes'])")" 1 "dirty: status lists the new answer"
run report
contains "$(cat grille-rapport.html)" "(avec des changements pas encore enregistrés)" "dirty: then the HTML report says so"
run report --format json -o -
is "$(json "d['dirty']")" True "dirty: and the JSON report says true"

done_testing
