#!/usr/bin/env bash
# grille report --guidance: the grid's introductions and guidance beside the answers, in every format.
. "$(dirname "$0")/lib.sh"

check_html() { "$PYTHON" "$TEST_DIR/html_check.py" "$1"; }
ws="$TEST_ROOT/ws"
"$GRILLE" init "$ws" --level 1 >/dev/null 2>&1
cd "$ws" || exit 1
s1=etape-1-par-ou-commencons-nous.md
out_dir="$TEST_ROOT/out"
mkdir -p "$out_dir"

# report --guidance: the introduction and the guidance of an answered item, in every format.
answer "$s1" 1.1.a 'Réponse-alpha du groupe.'
for format in html md odt json; do
	run report --guidance --format "$format" -o -
	is "$rc" 0 "report --guidance --format $format"
	contains "$out" "La collaboration numérique ne se décrète pas" "$format: the step's introduction"
	contains "$out" "Situons notre collectif" "$format: the answered item's guidance"
	contains "$out" "Réponse-alpha" "$format: next to the answer"
	printf '%s\n' "$out" >"$out_dir/guidance.$format"
	run report --format "$format" -o -
	case "$out" in *"Situons notre collectif"*) ok 1 "$format: without --guidance, no guidance" ;;
	*) ok 0 "$format: without --guidance, no guidance" ;; esac
done
tidy -e -q "$out_dir/guidance.html" >/dev/null 2>&1
ok $? "report --guidance: the HTML passes tidy"
out=$(check_html "$out_dir/guidance.html")
is "$(json "d['heading_jumps']")" "[]" "report --guidance: no gap in the headings"
check "report --guidance: the .fodt is well-formed" xmllint --noout "$out_dir/guidance.odt"
out=$(cat "$out_dir/guidance.json")
contains "$(json "d['steps'][0]['introduction']")" "La collaboration numérique" "json: the step's introduction"
contains "$(json "d['steps'][0]['items'][0]['guidance']")" "Situons notre collectif" "json: the item's guidance"
contains "$(cat "$out_dir/guidance.md")" "> Situons notre collectif" "md: the guidance quoted"
run report --guidance
is "$rc" 0 "report --guidance to its default file"
check "report --guidance: the page" grep -q "Situons notre collectif" grille-rapport.html

done_testing
