#!/usr/bin/env bash
# The report as it is handed out: choice answers as a list of what was chosen
# and what was not, counts in their number, dates and the version in words,
# an item's mark said once, charts whose numbers are the tables', and the
# printed page's margins; in French and in English.
. "$(dirname "$0")/lib.sh"

check_html() { "$PYTHON" "$TEST_DIR/html_check.py" "$1"; }
export SOURCE_DATE_EPOCH=1796083200 # today is 2026-12-01
export GIT_AUTHOR_NAME="Awa D" GIT_AUTHOR_EMAIL=awa@example.org GIT_COMMITTER_NAME="Awa D" GIT_COMMITTER_EMAIL=awa@example.org
at() { export GIT_AUTHOR_DATE="$1 +0100" GIT_COMMITTER_DATE="$1 +0100"; }
tick() { # tick FILE OPTION: check a choice question's option
	OPTION=$2 awk '$0 == "- [ ] " ENVIRON["OPTION"] { $0 = "- [x] " ENVIRON["OPTION"] } { print }' "$1" >"$1.tmp" && mv "$1.tmp" "$1"
}
save() { git add -A && git commit -q -m "$1"; }

# A workspace whose title would end the stylesheet if it were not escaped.
at 2026-10-01T18:00:00
"$GRILLE" init "$TEST_ROOT/ws" --level 2 --title 'Nos "outils" </style><b>{x}' >/dev/null 2>&1
cd "$TEST_ROOT/ws" || exit 1
git commit -q --amend --no-edit --reset-author # on the date of `at`, not today's
s1=etape-1-par-ou-commencons-nous.md s2=etape-2-principes-d-action.md
at 2026-11-10T20:00:00
answer $s1 1.1.a 'Une association de quartier.'
tick $s2 "Faire ensemble"
tick $s2 "Adopter une démarche progressive"
save "Premier atelier"
at 2026-11-24T20:30:00
answer $s1 1.1.b 'Le départ de la coordinatrice.'
"$GRILLE" skip 1.1.e --reason "Raison-seule" >/dev/null
"$GRILLE" skip 1.2 --reason "Raison-unique" >/dev/null
save "Deuxième atelier"

run report -o "$TEST_ROOT/r.html"
is "$rc" 0 "the report is written"
html=$(cat "$TEST_ROOT/r.html")
out=$(check_html "$TEST_ROOT/r.html")
is "$(json "d['problems']")" "[]" "nothing executable"
is "$(json "d['checkboxes']")" 0 "no form checkbox: a choice answer is a list"
is "$(json "[label for chosen, label in d['choices'] if chosen]")" \
   "['☑ Faire ensemble', '☑ Adopter une démarche progressive']" "what was chosen, marked ☑"
is "$(json "len([1 for chosen, label in d['choices'] if not chosen and label.startswith('☐ ')])")" 6 \
   "and the grid's six other options, marked ☐"
contains "$(json "[label for chosen, label in d['choices'] if not chosen]")" "Créer ou renforcer la confiance" "an option not chosen is named"
text=$(json "d['text']")
contains "$text" "35 questions : 1 répondue," "a count in its number"
contains "$text" "26 questions : 2 répondues, 18 sans réponse, 6 mises de côté." "a step's counts, the states no question is in left out"
contains "$text" "1.2 La demande ou le besoin — Raison-unique" "an item set aside says its reason on its own line"
is "$(grep -o "Raison-unique" <<<"$text" | wc -l)" 1 "once, not on each of its questions"
contains "$text" "1.1.e Quelles contraintes extérieures pèsent sur notre façon de travailler ? — Raison-seule" \
	"a question set aside alone keeps its reason"
contains "$text" "Version enregistrée le 24 novembre 2026" "the version by the day it was saved"
contains "$text" "$(git rev-parse --short=12 HEAD)" "its git number in small print"
case "$text" in *"Version git"*) ok 1 "no 'Version git'" ;; *) ok 0 "no 'Version git'" ;; esac
is "$(json "[row[0] for t in d['tables'] if t[0][:2] == ['Date', 'Jalon'] for row in t[1:]]")" \
   "['24 novembre 2026', '10 novembre 2026', '1er octobre 2026']" "the milestones' dates in words"
contains "$html" '<td class="date">24 novembre 2026</td>' "in a cell that never breaks them"
contains "$(json "d['labels'][1]")" "1er octobre 2026 : 0 réponse. 10 novembre 2026 : 2 réponses. 24 novembre 2026 : 3 réponses." \
	"the chart's text alternative in words"
contains "$html" 'text-anchor="middle">2 oct. 2026</text>' "the chart's days as '1 déc.', the first with its year"
contains "$html" 'text-anchor="middle">9 oct.</text>' "the next ones without"
contains "$html" 'text-anchor="end">0</text>' "a scale of counts from 0"
contains "$html" 'text-anchor="end">3</text>' "to the most answers"
# The progress chart says what its table says: answered out of all the step's questions.
is "$(json "[t for t in d['text'].split() if '/' in t and t.split('/')[0].isdigit()][:5]")" \
   "$(json "['%s/%s' % (r[2], r[1]) for r in d['tables'][0][1:]]")" "the chart's numbers are the table's"
# The page's margins: the title, escaped so that nothing ends the stylesheet.
is "$(grep -c '</style>' "$TEST_ROOT/r.html")" 1 "the title cannot end the stylesheet"
contains "$html" '@page{@top-left{content:"Nos \22 outils\22  \3c \2f style\3e \3c b\3e \7b x\7d "' "the title in the margin, escaped"
contains "$html" 'counter(page)' "the page number in the margin"

# The group's own task lists, in every shape: loose, nested, a box with a
# code block, ten deep, thousands long; each box a choice, and no form.
cp $s1 "$TEST_ROOT/s1.md"
"$PYTHON" - $s1 <<'PY'
import sys
path = sys.argv[1]
shapes = "- [x] Premier\n\n- [ ] Second\n  - [x] Dedans\n\n- [x]\n\n      du code\n"
deep = "\n".join("  " * i + "- [x] p%d" % i for i in range(10))
long = "\n".join("- [ ] l%d" % i for i in range(3000))
text = open(path, encoding="utf-8").read()
for qid, answer in (("1.3.b", shapes), ("1.3.c", deep), ("1.3.d", long)):
    head = next(line for line in text.split("\n") if line.startswith("### " + qid + " "))
    text = text.replace(head + "\n", head + "\n\n" + answer + "\n", 1)
open(path, "w", encoding="utf-8").write(text)
PY
run report -o "$TEST_ROOT/shapes.html"
is "$rc" 0 "task lists of every shape make a report"
out=$(check_html "$TEST_ROOT/shapes.html")
is "$(json "d['checkboxes']")" 0 "with no form checkbox"
is "$(json "[label for chosen, label in d['choices'] if label in ('☑ Premier', '☐ Second', '☑ Dedans')]")" \
   "['☑ Premier', '☐ Second', '☑ Dedans']" "loose and nested boxes are choices"
is "$(json "len([1 for chosen, label in d['choices'] if label.startswith('☑ p')])")" 10 "each of ten nested boxes"
is "$(json "len([1 for chosen, label in d['choices'] if label.startswith('☐ l')])")" 3000 "each of three thousand boxes"
cp "$TEST_ROOT/s1.md" $s1

run report -o - --format md
contains "$out" "Version : enregistrée le 24 novembre 2026" "Markdown: the version in words"
contains "$out" "| 24 novembre 2026 | Deuxième atelier |" "Markdown: the milestones' dates in words"
nb=$'\xc2\xa0'
is "$(grep -cF "| 24${nb}novembre${nb}2026 |" <<<"$out")" 1 "Markdown: with no-break spaces, never broken"
contains "$out" "  - 1.2 La demande ou le besoin — Raison-unique" "Markdown: the item's reason once"
is "$(grep -c "Raison-unique" <<<"$out")" 1 "Markdown: only once"
contains "$out" "26 questions : 2 répondues, 18 sans réponse, 6 mises de côté." "Markdown: counts in their number"

# The same in English.
at 2026-10-01T18:00:00
"$GRILLE" init "$TEST_ROOT/en" --language en --level 2 >/dev/null 2>&1
cd "$TEST_ROOT/en" || exit 1
git commit -q --amend --no-edit --reset-author
at 2026-11-24T20:30:00
answer step-1-where-do-we-start.md 1.1.a 'A neighbourhood association.'
tick step-2-principles-for-action.md "Doing things together"
"$GRILLE" skip 1.2 --reason "Reason-once" >/dev/null
save "First meeting"
run report -o "$TEST_ROOT/en.html"
out=$(check_html "$TEST_ROOT/en.html")
is "$(json "[label for chosen, label in d['choices'] if chosen]")" "['☑ Doing things together']" "English: what was chosen"
is "$(json "len([1 for chosen, label in d['choices'] if not chosen])")" 7 "English: and what was not"
text=$(json "d['text']")
contains "$text" "26 questions: 1 answered, 20 unanswered, 5 skipped." "English: counts"
contains "$text" "Version saved on 24 November 2026" "English: the version in words"
contains "$(cat "$TEST_ROOT/en.html")" 'text-anchor="middle">2 Oct 2026</text>' "English: the chart's days"
is "$(grep -o "Reason-once" <<<"$text" | wc -l)" 1 "English: an item's reason once"
is "$(json "[row[0] for t in d['tables'] if t[0][:2] == ['Date', 'Milestone'] for row in t[1:]]")" \
   "['24 November 2026', '1 October 2026']" "English: the milestones' dates in words"

done_testing
