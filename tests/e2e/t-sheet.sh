#!/usr/bin/env bash
# grille sheet: worksheets for a meeting, in HTML and OpenDocument, one item a page.
. "$(dirname "$0")/lib.sh"

check_html() { "$PYTHON" "$TEST_DIR/html_check.py" "$1"; }
ws="$TEST_ROOT/ws"
"$GRILLE" init "$ws" --level 1 --collective "Les Jardins <partagés>" >/dev/null 2>&1
cd "$ws" || exit 1
s1=etape-1-par-ou-commencons-nous.md
"$GRILLE" commit -m "Départ" >/dev/null 2>&1
out_dir="$TEST_ROOT/out"
mkdir -p "$out_dir"

# The items of step N the sheet shows at the workspace's level: those with a question at it.
items_of() { # items_of STEP MAXLEVEL
	"$GRILLE" status --json --all 2>/dev/null | "$PYTHON" -c '
import json, sys
d = json.load(sys.stdin)
step, level = sys.argv[1], int(sys.argv[2])
for st in d["steps"]:
    if step in ("", st["id"]):
        for it in st["items"]:
            if any(q.get("level") is not None and q["level"] <= level for q in it["questions"]):
                print(it["id"])' "$1" "$2"
}
step1_items=$(items_of 1 1 | wc -l)
all_items=$(items_of "" 1 | wc -l)
ok $(( step1_items >= 2 ? 0 : 1 )) "step 1 has items at level 1 ($step1_items)"

# HTML to standard output by default, valid, one item a section that breaks the page.
before=$(tree_sum . .git/grille)
run sheet 1
is "$rc" 0 "sheet 1 succeeds"
printf '%s\n' "$out" >"$out_dir/s1.html"
is "$(tree_sum . .git/grille)" "$before" "it writes nothing in the workspace"
is "$(git status --porcelain)" "" "git sees no change"
tidy -e -q "$out_dir/s1.html" >/dev/null 2>&1
ok $? "the HTML passes tidy, with no warning"
info=$(check_html "$out_dir/s1.html")
saved=$out
out=$info
is "$(json "d['problems']")" "[]" "nothing executable"
is "$(json "d['heading_jumps']")" "[]" "no gap in the heading hierarchy"
is "$(json "d['first_heading']")" "[1]" "the step's title first"
is "$(json "d['headings'].count(2)")" "$step1_items" "one h2 per item shown"
out=$saved
is "$(grep -c '<section class="item"' "$out_dir/s1.html")" "$step1_items" "one section per item"
contains "$out" "section.item{break-before:page}" "each item starts a page"
contains "$out" "Étape 1. Par où commençons-nous" "the step's title"
contains "$out" "La collaboration numérique ne se décrète pas" "the step's introduction"
contains "$out" "Situons notre collectif" "an item's guidance"
contains "$out" "Les Jardins &lt;partagés&gt;" "the collective, escaped"
contains "$out" "niveau de détail 1" "the level"
contains "$out" '<div class="box"></div>' "room to write"
contains "$out" '<span class="tick">☐</span>Plutôt en coopération' "a choice's options as boxes to tick"
level1=$("$GRILLE" status --json --all | "$PYTHON" -c '
import json, sys
d = json.load(sys.stdin)
print(" ".join(q["id"] for it in d["steps"][0]["items"] for q in it["questions"] if q.get("level") == 1))')
level2=$("$GRILLE" status --json --all | "$PYTHON" -c '
import json, sys
d = json.load(sys.stdin)
print(" ".join(q["id"] for it in d["steps"][0]["items"] for q in it["questions"] if q.get("level") == 2))')
missing=0
for id in $level1; do case "$out" in *"<span class=\"id\">$id</span>"*) ;; *) missing=1 ;; esac; done
ok $missing "every level-1 question of step 1 is there"
extra=0
for id in $level2; do case "$out" in *"<span class=\"id\">$id</span>"*) extra=1 ;; esac; done
ok $extra "no level-2 question"
case "$out" in *"Réponse-secrète"*) ok 1 "no answer shows" ;; *) ok 0 "no answer shows" ;; esac

# Data questions get an empty table with their file's columns: members and plan are at level 1 somewhere.
run sheet -o "$out_dir/all.html"
is "$rc" 0 "every step to a file"
is "$out" "$out_dir/all.html" "its path is printed"
tidy -e -q "$out_dir/all.html" >/dev/null 2>&1
ok $? "every step's HTML passes tidy"
all=$(cat "$out_dir/all.html")
is "$(grep -c '<section class="item"' "$out_dir/all.html")" "$all_items" "every step: one section per item shown"
is "$(grep -c '<section class="step"' "$out_dir/all.html")" "$("$GRILLE" status --json | "$PYTHON" -c 'import json,sys; print(len(json.load(sys.stdin)["steps"]))')" \
	"every step"
contains "$all" '<th scope="col">Nom</th><th scope="col">Rôles</th><th scope="col">Courriel</th>' "a members question: the members' columns"
contains "$all" '<th scope="col">N°</th><th scope="col">Action</th><th scope="col">Qui</th>' "a plan question: the plan's columns"
contains "$all" '<tr><td></td>' "empty rows to fill in"
run sheet --level 3
is "$rc" 2 "an unknown option: exit 2"

# Level 2 shows more questions.
sed -i 's/^level: 1$/level: 2/' grille.yaml
run sheet 1 -o -
is "$rc" 0 "-o - writes to standard output"
for id in $level2; do contains "$out" "<span class=\"id\">$id</span>" "at level 2, $id shows"; break; done
sed -i 's/^level: 2$/level: 1/' grille.yaml

# OpenDocument: from -o's extension, from --format, well-formed, a page break before each item.
run sheet 1 -o "$out_dir/s1.fodt"
is "$rc" 0 "sheet 1 -o .fodt"
check "the .fodt is well-formed" xmllint --noout "$out_dir/s1.fodt"
check "it is OpenDocument" grep -q 'office:mimetype="application/vnd.oasis.opendocument.text"' "$out_dir/s1.fodt"
is "$(grep -o '<text:h text:style-name="Step"' "$out_dir/s1.fodt" | wc -l)" "$step1_items" \
	"a heading that breaks the page per item"
check "the break is a page break" grep -q 'fo:break-before="page"' "$out_dir/s1.fodt"
check "options to tick" grep -q '☐  Plutôt en coopération' "$out_dir/s1.fodt"
check "the collective, escaped for XML" grep -q 'Les Jardins &lt;partagés&gt;' "$out_dir/s1.fodt"
run sheet 1 --format odt
is "$rc" 0 "--format odt to standard output"
printf '%s\n' "$out" >"$out_dir/s1-stdout.fodt"
check "that one is well-formed too" xmllint --noout "$out_dir/s1-stdout.fodt"
run sheet 1 -f odt -o "$out_dir/named.html"
check "--format wins over the extension" xmllint --noout "$out_dir/named.html"
run sheet -f fodt -o "$out_dir/all.fodt"
check "every step as .fodt, well-formed" xmllint --noout "$out_dir/all.fodt"
run sheet 1 -f html -o "$out_dir/noext"
check "no extension: HTML" grep -q '<!DOCTYPE html>' "$out_dir/noext"
if command -v soffice >/dev/null 2>&1 && command -v pdfinfo >/dev/null 2>&1; then
	bash "$TEST_DIR/../check/convert-odt.sh" "$out_dir/s1.fodt" "$out_dir/lo" >/dev/null 2>&1
	pages=$(pdfinfo "$out_dir/lo/s1.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
	ok $(( ${pages:-0} >= step1_items ? 0 : 1 )) "LibreOffice prints at least one page per item ($pages)"
else
	echo "ok $((tap_n + 1)) # skip LibreOffice is not installed"
	tap_n=$((tap_n + 1))
fi
if command -v chromium >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; then
	pdf_dir="$TEST_ROOT/pdf"
	bash "$TEST_DIR/../check/print-html.sh" "$out_dir/s1.html" "$pdf_dir" >/dev/null 2>&1
	pages=$(pdfinfo "$pdf_dir/rapport.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
	ok $(( ${pages:-0} > step1_items ? 0 : 1 )) "printed, more pages than items ($pages)"
	shared=0
	for ((p = 1; p <= ${pages:-0}; p++)); do
		n=$(pdftotext -f "$p" -l "$p" "$pdf_dir/rapport.pdf" - 2>/dev/null | grep -cE '^1\.[0-9]+ ')
		[ "$n" -gt 1 ] && shared=1
	done
	ok $shared "printed, no page holds two items"
else
	echo "ok $((tap_n + 1)) # skip headless Chromium is not installed"
	tap_n=$((tap_n + 1))
fi

# Refusals: exit codes, French messages, nothing changed.
WS=$ws
refuses 2 "pas d'étape « 9 » dans cette grille" "an unknown step" sheet 9
refuses 2 "format « md » inconnu pour une fiche : html ou odt" "a bad format" sheet --format md
refuses 2 "format « pdf » inconnu pour une fiche : html ou odt" "an unknown format" sheet -f pdf
refuses 2 "grille ne sait pas écrire une fiche dans « $out_dir/x.md »" "an extension grille does not write" \
	sheet -o "$out_dir/x.md"
refuses 2 "grille ne sait pas écrire une fiche dans « $s1 »" "-o over a step file: its extension first" sheet 1 -o "$s1"
refuses 2 "argument inattendu « 2 »" "two steps" sheet 1 2
refuses 1 "grille n'écrit jamais la fiche de travail par-dessus un fichier du groupe" "-o over a step file" \
	sheet 1 -f html -o "$s1"
refuses 1 "grille n'écrit jamais la fiche de travail par-dessus un fichier du groupe" "-o over grille.yaml" \
	sheet -f odt -o grille.yaml
refuses 1 "un tableau du groupe" "-o over the members" sheet -o membres.md -f html
ln -s "$s1" link.html
refuses 1 "lien" "-o through a link" sheet 1 -o link.html
rm link.html
run sheet --help
is "$rc" 0 "--help"
contains "$out" "Usage : grille sheet [ÉTAPE]" "its usage"
run help sheet
contains "$out" "une fiche de travail à imprimer" "grille help sheet"
cd "$TEST_ROOT" || exit 1
run sheet
is "$rc" 2 "outside a workspace: exit 2"
cd "$ws" || exit 1

done_testing
