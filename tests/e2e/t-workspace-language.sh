#!/usr/bin/env bash
# What grille writes (commit messages, the report, worksheets, the calendar)
# speaks the workspace's language whatever the locale, so that members with
# different locales write one history in one language; what it prints
# follows the locale, and under C or POSIX the workspace's language.
. "$(dirname "$0")/lib.sh"

en="$TEST_ROOT/gardens"
fr="$TEST_ROOT/jardins"
# LANGUAGE=fr: a French member; the French messages are grille's own words.
LANGUAGE=fr run init "$en" --language en --title "Shared gardens"
is "$rc" 0 "a French member creates an English workspace"
contains "$out" "Dépôt git créé" "the member reads French"
is "$(git -C "$en" log -1 --format=%s)" "Start of the process: Shared gardens" "the first commit is in English"
contains "$(git -C "$en" log -1 --format=%b)" "Workspace created with the grid" "its body too"

cd "$en" || exit 1
answer step-1-where-do-we-start.md 1.1.a "We grow vegetables together."
LANGUAGE=fr run commit
is "$rc" 0 "a French member commits"
contains "$out" "Jalon " "and reads French"
is "$(git log -1 --format=%s)" "Step 1: 1/9 answered (+1)" "the commit message is the workspace's English"

LANGUAGE=fr run report --format md -o -
is "$rc" 0 "a French member's report of an English workspace"
contains "$out" "Still open" "the report speaks English"
if [[ $out == *"Encore ouvertes"* || $out == *"Étape"* ]]; then ok 1 "no French heading"; else ok 0 "no French heading"; fi
LANGUAGE=fr run report --format html -o -
contains "$out" '<html lang="en"' "the HTML says it is English"
contains "$out" "Still open" "and is"
LANGUAGE=fr run sheet 1
contains "$out" "Worksheet" "a worksheet of an English workspace is English"
LANGUAGE=fr run calendar test 2027-03-01 2027-04-30
LANGUAGE=fr run calendar --ics -o -
contains "$out" "SUMMARY:Test phase" "so is its calendar"
LANGUAGE=fr run plan add "Open a shared calendar" --due 2027-01-15
LANGUAGE=fr run calendar --ics -o -
contains "$out" "DESCRIPTION:State: to do" "  an action's state too"
contains "$(cat membres.md)" "# Members" "the members' file is headed in English"
contains "$(cat membres.md)" "| Name | Roles | Email | Git identity |" "  its table too"
contains "$(cat plan.md)" "| A1 | Open a shared calendar | | 2027-01-15 | to do |" "an action written in English words"
contains "$(cat calendrier.md)" "| 2027-03-01 | test start |" "so is the calendar"
contains "$(cat .gitattributes)" "# The group's tables merge line by line" "and the merge rules' comment"
LANGUAGE=fr run plan decide A1 adjust --reason "in two steps"
contains "$(cat plan.md)" "| adjust | in two steps |" "a decision too"

LANGUAGE=fr run position 5.1.a --member Awa
is "$rc" 0 "a French member gives Awa's position in an English workspace"
step5=$(cat step-5-review.md)
contains "$step5" "#### Position of Awa" "the heading is English"
contains "$step5" "#### Group synthesis" "so is the synthesis's"
awk '{ print } /^#### Position of Awa/ { print ""; print "Keep going." }' step-5-review.md > s5 && mv s5 step-5-review.md
LANGUAGE=fr run status --json
is "$(json "[q['positions'] for s in d['steps'] for i in s['items'] for q in i['questions'] if q['id'] == '5.1.a'][0]['written']")" 1 \
	"status reads the English headings"

# No language named: C, C.UTF-8 or POSIX -> the workspace's.
for locale in C C.UTF-8 POSIX; do
	out=$(LC_ALL=$locale LANGUAGE= "$GRILLE" skip 9.9 2>&1)
	contains "$out" "“9.9” is neither an item nor a question of the grid" "LC_ALL=$locale: the workspace's English"
done
out=$(LC_ALL=C LANGUAGE=fr "$GRILLE" skip 9.9 2>&1)
contains "$out" "« 9.9 » n'est ni un item ni une question de la grille" "a LANGUAGE that says French still wins"
cd "$TEST_ROOT" || exit 1

# The other way: an English member in a French workspace.
LANGUAGE=en run init "$fr" --language fr --title "Jardins partagés"
is "$rc" 0 "an English member creates a French workspace"
contains "$out" "Workspace created in" "and reads English"
is "$(git -C "$fr" log -1 --format=%s)" "Démarrage de la démarche : Jardins partagés" "the first commit is French"
cd "$fr" || exit 1
answer etape-1-par-ou-commencons-nous.md 1.1.a "Nous cultivons ensemble."
LANGUAGE=en run commit
contains "$out" "Milestone " "the English member reads English"
is "$(git log -1 --format=%s)" "Étape 1 : 1/9 réponses (+1)" "the history stays French"
LANGUAGE=en run report --format md -o -
contains "$out" "Encore ouvertes" "and so does the report"
LANGUAGE=en run plan add "Ouvrir un agenda partagé"
LANGUAGE=en run plan
contains "$out" "Ouvrir un agenda partagé — to do" "the English member reads plan.md's « à faire » in English"
contains "$(cat plan.md)" "| à faire |" "while the file keeps its word"
out=$(LC_ALL=C LANGUAGE= "$GRILLE" skip 9.9 2>&1)
contains "$out" "« 9.9 » n'est ni un item ni une question de la grille" "under C, a French workspace's French"

done_testing
