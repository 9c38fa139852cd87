#!/usr/bin/env bash
# grille report --format odt: the table of contents, the two drawings and
# their text alternatives, the step titles in the progress table, the
# widths of columns, the named styles, and code that keeps its spaces; in a
# French and in an English workspace.
. "$(dirname "$0")/lib.sh"

file_of() { grep -l "^#\+ $1 " ./*.md | head -n 1; } # the step file holding the question ID

# fodt_svg N FILE: the Nth embedded SVG drawing of FILE, decoded.
fodt_svg() {
	"$PYTHON" - "$1" "$2" <<'PY'
import base64, re, sys
doc = open(sys.argv[2], encoding="utf-8").read()
found = re.findall(r"<office:binary-data>([^<]*)</office:binary-data>", doc)
sys.stdout.write(base64.b64decode(found[int(sys.argv[1])]).decode("utf-8"))
PY
}

ws="$TEST_ROOT/ws"
"$GRILLE" init "$ws" --title "Notre démarche" --collective "Les Jardins partagés" >/dev/null 2>&1
cd "$ws" || exit 1
answer "$(file_of 1.1.a)" 1.1.a 'Réponse-alpha.'
answer "$(file_of 1.1.b)" 1.1.b '```\nnom     rôle\n  Awa\tanimatrice\n```'
"$GRILLE" skip 1.4 --reason "hors sujet" >/dev/null
"$GRILLE" defer 2.0 --reason "après l'été" >/dev/null
"$GRILLE" commit -m "Premières réponses" >/dev/null
"$GRILLE" milestone lancement >/dev/null
answer "$(file_of 1.2.a)" 1.2.a 'Réponse-beta.'
"$GRILLE" commit -m "Deuxième atelier" >/dev/null
git tag -a -m 'Deuxième' 'a<b&c"d' # git takes these characters in a tag's name: the drawing must escape them

run report -o - --format json
questions=$(json "d['steps'][0]['counts']['questions']")
answered=$(json "d['steps'][0]['counts']['answered']")
unanswered=$(json "d['steps'][0]['counts']['unanswered']")
run report --format odt -o "$TEST_ROOT/r.fodt"
is "$rc" 0 "the report is written"
xmllint --noout "$TEST_ROOT/r.fodt"
ok $? "the .fodt is well-formed XML"
odt=$(cat "$TEST_ROOT/r.fodt")

# The table of contents: LibreOffice's own, already filled, its pages as fields.
contains "$odt" '<text:table-of-content text:name="Table des matières" text:protected="true"><text:table-of-content-source text:outline-level="2"' \
	"a table of contents LibreOffice can update"
contains "$odt" '<text:index-title text:name="Table des matières"><text:p text:style-name="Contents_20_Heading">Table des matières</text:p>' \
	"with its title"
contains "$odt" '<text:a xlink:type="simple" xlink:href="#grille-step-3" text:style-name="Index_20_Link" text:visited-style-name="Index_20_Link">3. Nous impulsons un diagnostic de notre collaboration numérique</text:a><text:tab/><text:bookmark-ref text:reference-format="page" text:ref-name="grille-step-3">?</text:bookmark-ref>' \
	"its body filled: each step, a link and its page"
contains "$odt" '<text:bookmark text:name="grille-step-3"/>3. Nous impulsons' "the step's heading holds the bookmark"
for mark in progress members plan calendar milestones contributions; do
	is "$(grep -o "<text:bookmark text:name=\"grille-$mark\"/>" <<<"$odt" | wc -l)" 1 "one bookmark grille-$mark"
	contains "$odt" "text:ref-name=\"grille-$mark\"" "and a line of the contents to it"
done

# Two drawings, each an SVG with its title, description and caption.
is "$(grep -o '<draw:image draw:mime-type="image/svg+xml"><office:binary-data>' <<<"$odt" | wc -l)" 2 "two SVG drawings"
contains "$odt" '<svg:title>Progression par étape</svg:title><svg:desc>Progression par étape : Étape 1 : '"$questions questions, $answered répondues, $unanswered sans réponse, 1 mise de côté" \
	"the progress chart's text alternative"
contains "$odt" '<svg:title>Réponses au fil des jalons</svg:title>' "the timeline's"
contains "$odt" '<text:p text:style-name="Caption">Chaque barre montre les questions' "the chart's caption"
contains "$odt" '<text:p text:style-name="Caption">Le nombre de réponses à chaque jalon' "the timeline's caption"
fodt_svg 0 "$TEST_ROOT/r.fodt" >"$TEST_ROOT/progress.svg"
xmllint --noout "$TEST_ROOT/progress.svg"
ok $? "the progress chart is well-formed SVG"
progress_svg=$(cat "$TEST_ROOT/progress.svg")
contains "$progress_svg" "<title>Progression par étape</title><desc>Progression par étape : Étape 1 : $questions questions" \
	"the drawing carries its own title and description"
contains "$progress_svg" ">$questions questions</text>" "the chart's total for step 1 is the table's"
contains "$progress_svg" "fill=\"#ffffff\">$answered</text>" "its answered segment says the table's number"
grep -q "commençons-nous[^<]*</text:p></table:table-cell><table:table-cell table:style-name=\"Cell\" office:value-type=\"string\"><text:p text:style-name=\"Grille_20_Number\">$questions<" <<<"$odt"
ok $? "the table's row of step 1 holds the same total, in the numbers' style"
fodt_svg 1 "$TEST_ROOT/r.fodt" >"$TEST_ROOT/timeline.svg"
xmllint --noout "$TEST_ROOT/timeline.svg"
ok $? "the timeline is well-formed SVG"
contains "$(cat "$TEST_ROOT/timeline.svg")" '>lancement</text>' "the named milestone on the timeline"
contains "$(cat "$TEST_ROOT/timeline.svg")" '>a&lt;b&amp;c&quot;d</text>' "a tag's markup characters escaped in the drawing"
day=$(date +%-d)
contains "$(cat "$TEST_ROOT/timeline.svg")" ">$day " "its dates read as days, not as git's dates"

# The progress table: step titles, sized columns, numbers at the right.
contains "$odt" '<table:table-column table:style-name="ColL"/><table:table-column table:style-name="ColS"/>' \
	"the step column wide, the number columns narrow"
contains "$odt" '<table:table-cell table:style-name="Cell" office:value-type="string"><text:p text:style-name="Table_20_Contents">1. Par où commençons-nous' \
	"a row says the step's title"
contains "$odt" 'style:name="Table_20_Heading" style:display-name="Table Heading" style:family="paragraph" style:parent-style-name="Table_20_Contents"><style:text-properties fo:font-weight="bold" fo:font-size="9pt" fo:hyphenate="false"/>' \
	"headers are never hyphenated"

# Named styles, headings with room around them.
contains "$odt" '<text:p text:style-name="Grille_20_Answer">Réponse-alpha.</text:p>' "answers in Grille Answer"
contains "$odt" 'style:name="Grille_20_Answer" style:display-name="Grille Answer" style:family="paragraph" style:parent-style-name="Text_20_body"' \
	"under Text body"
contains "$odt" 'style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="2" style:class="text"><style:paragraph-properties fo:margin-top="0.9cm" fo:margin-bottom="0.35cm"/>' \
	"a step's heading has room above and below"
contains "$odt" '<text:page-number text:select-page="current">' "page numbers at the foot"

# The version in words, its git number in a footnote; an item set aside as a
# whole says its reason once, its questions under it; --authors in its style.
head=$(git rev-parse --short=12 HEAD)
contains "$odt" "<text:p text:style-name=\"Text_20_body\">Version : enregistrée le " "the version in words"
contains "$odt" "<text:note text:id=\"grille-version-git\" text:note-class=\"footnote\"><text:note-citation>1</text:note-citation><text:note-body><text:p text:style-name=\"Footnote\">Numéro de cette version dans l'historique git : $head.</text:p>" \
	"its git number in a footnote"
is "$(grep -o 'Version git' <<<"$odt" | wc -l)" 0 "no raw git version in the text"
is "$(grep -o "après l'été" <<<"$odt" | wc -l)" 1 "an item kept for later says its reason once"
contains "$odt" "<text:list-item><text:p text:style-name=\"Text_20_body\">2.0 Les principes qui nous guident — après l'été</text:p><text:list><text:list-item><text:p text:style-name=\"Text_20_body\">2.0.a " \
	"the item first, its questions under it"
run report --format odt --authors -o "$TEST_ROOT/authors.fodt"
contains "$(cat "$TEST_ROOT/authors.fodt")" '<text:p text:style-name="Grille_20_Authors">' "--authors: who wrote an answer, in Grille Authors"

# Code keeps its spaces, tabs and lines.
contains "$odt" '<text:p text:style-name="Preformatted_20_Text">nom<text:s text:c="5"/>rôle<text:line-break/><text:s text:c="2"/>Awa<text:tab/>animatrice</text:p>' \
	"a code block: one paragraph, spaces and tabs kept"

# An English workspace: the same document in English.
ws="$TEST_ROOT/en"
"$GRILLE" init "$ws" --language en --title "Our journey" >/dev/null 2>&1
cd "$ws" || exit 1
answer "$(file_of 1.1.a)" 1.1.a 'Answer-alpha.'
"$GRILLE" commit -m "First answers" >/dev/null
run report --format odt -o "$TEST_ROOT/en.fodt"
is "$rc" 0 "the English report is written"
xmllint --noout "$TEST_ROOT/en.fodt"
ok $? "well-formed"
en=$(cat "$TEST_ROOT/en.fodt")
contains "$en" '<text:table-of-content text:name="Contents"' "its table of contents in English"
contains "$en" '<svg:title>Progress by step</svg:title>' "its chart's title in English"
contains "$en" '<text:p text:style-name="Caption">Each bar shows' "its caption"
contains "$en" '<text:p text:style-name="Table_20_Heading">answered</text:p>' "its table's headers"
contains "$(fodt_svg 1 "$TEST_ROOT/en.fodt")" '1 answer.' "its timeline's description counts in English"
done_testing
