#!/usr/bin/env bash
# grille plan: add, set, start, done, drop, list (text, JSON, --who, --late);
# bad input refused with nothing changed; hand edits read the same.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/group-lib.sh"
export SOURCE_DATE_EPOCH=1803340800 # 2027-02-23: "today" for --late
"$GRILLE" member add "Awa Diallo" >/dev/null 2>&1
"$GRILLE" member add Paul >/dev/null 2>&1
git add -A >/dev/null 2>&1 && git commit -qm "membres" >/dev/null 2>&1

field() { # field ID KEY: a field of an action in `grille plan --json`
	run plan --json
	json "[a['$2'] for a in d['actions'] if a['id'] == '$1'][0]"
}

run plan
is "$rc" 0 "plan alone lists"
contains "$out" "Aucune action" "and says there is none yet"

run plan add "Former l'équipe à l'outil" --who "Awa Diallo" --who paul --due 2027-03-01 \
	--means "deux ateliers" --indicator "10 personnes formées" --for 2.5 --for 3.2.b
is "$rc" 0 "add an action with every option"
line=$(grep -n "Former l'équipe" plan.md | cut -d: -f1)
contains "$out" "Action A1 ajoutée (plan.md:$line)." "it gives its number and where"
run plan add "Choisir l'outil" -w Paul -d 2027-02-01
is "$rc" 0 "a second action, short options"
contains "$out" "Action A2 ajoutée" "numbered A2"
run plan add "Écrire la charte"
contains "$out" "Action A3 ajoutée" "an action with nothing but its text"
contains "$(git status --porcelain)" "plan.md" "the change waits for the next milestone"

run plan --json
is "$rc" 0 "plan --json"
is "$(json "[a['id'] for a in d['actions']]")" "['A1', 'A2', 'A3']" "JSON: the actions in order"
is "$(json "d['actions'][0]")" \
	"{'id': 'A1', 'number': 1, 'text': \"Former l'équipe à l'outil\", 'who': ['Awa Diallo', 'Paul'], 'due': '2027-03-01', 'state': 'todo', 'state_name': 'à faire', 'means': 'deux ateliers', 'indicator': '10 personnes formées', 'for': ['2.5', '3.2.b'], 'note': '', 'line': $line, 'late': False, 'decision': None, 'decision_reason': ''}" \
	"JSON: every field of an action, members as the members file writes them"
is "$(json "(d['actions'][2]['due'], d['actions'][2]['who'], d['today'])")" "(None, [], '2027-02-23')" \
	"JSON: no due date is null; today is SOURCE_DATE_EPOCH's"
is "$(json "d['actions'][1]['late']")" True "A2, due before today, is late"

run plan list
is "$rc" 0 "plan list"
contains "$out" "plan.md:$line: A1 Former l'équipe à l'outil — à faire" "an action per entry, with file:line and state"
contains "$out" "qui : Awa Diallo, Paul" "who"
contains "$out" "échéance : 2027-02-01, en retard" "a late deadline says so"
contains "$out" "moyens : deux ateliers" "means"
contains "$out" "indicateur : 10 personnes formées" "indicator"
contains "$out" "pour : 2.5, 3.2.b" "what it answers"

run plan --late --json
is "$(json "[a['id'] for a in d['actions']]")" "['A2']" "--late: only the late action"
run plan --who awa --json
is "$(json "[a['id'] for a in d['actions']]")" "[]" "--who needs the member's name, not a part of it"
run plan --who "awa diallo" --json
is "$(json "[a['id'] for a in d['actions']]")" "['A1']" "--who: a member's actions, whatever the case"
run plan --who Paul --late
contains "$out" "A2 Choisir l'outil" "--who and --late together"
check "only A2" bash -c "! printf '%s' \"\$1\" | grep -q 'A1 '" _ "$out"

run plan start A2
is "$rc" 0 "start"
contains "$out" "Action A2 en cours (plan.md:" "says so, with where"
is "$(field A2 state)" doing "A2 is in progress"
is "$(field A2 late)" True "still late: in progress, past its date"
run plan done a2
is "$rc" 0 "done, the number in lower case"
contains "$out" "Action A2 faite" "says so"
is "$(field A2 state)" done "A2 is done"
is "$(field A2 late)" False "a done action is never late"
run plan drop A3 --reason "fait par la fédération"
is "$rc" 0 "drop with a reason"
contains "$out" "Action A3 abandonnée" "says so"
is "$(field A3 state) $(field A3 note)" "dropped fait par la fédération" "dropped, the reason in its note"

run plan set A1 --text "Former toute l'équipe" --who Paul --due "" --state "en cours" --means "un atelier"
is "$rc" 0 "set: several fields at once"
contains "$out" "Action A1 modifiée (plan.md:$line)." "says so, with where: the row stays in place"
is "$(field A1 text)|$(field A1 who)|$(field A1 due)|$(field A1 state)|$(field A1 means)|$(field A1 indicator)|$(field A1 for)" \
	"Former toute l'équipe|['Paul']|None|doing|un atelier|10 personnes formées|['2.5', '3.2.b']" \
	"set changes what is given, keeps the rest, and an empty --due clears it"
run plan set A1 --for "" --indicator "" -s "à faire"
is "$(field A1 for)|$(field A1 indicator)|$(field A1 state)" "[]||todo" "set: empty values clear, a state by its French name"

# Bad input: a clear message, the right exit code, nothing changed.
refused 2 "« Zoé » n'est pas membre" "an unknown member in an action" plan add "Accueillir" --who "Zoé"
refused 2 "« Zoé » n'est pas membre" "an unknown member in set" plan set A1 --who "Zoé"
refused 1 "aucune action « A9 »" "an action number that does not exist" plan done A9
refused 1 "aucune action « A9 »" "set of an action that does not exist" plan set A9 --text x
refused 2 "n'est pas un numéro d'action" "a malformed action number" plan done 3
refused 2 "n'est pas un numéro d'action" "a number with a leading zero" plan start A03
refused 2 "2027-02-30" "an impossible date" plan add "Accueillir" --due 2027-02-30
refused 2 "2027-02-30" "an impossible date in set" plan set A1 --due 2027-02-30
refused 2 "01/03/2027" "a date in another form" plan add "Accueillir" --due 01/03/2027
refused 2 "« 9.9 » n'est ni un item ni une question" "a grid ID that does not exist" plan add "Accueillir" --for 9.9
refused 2 "état « fini » inconnu" "an unknown state" plan set A1 --state fini
refused 2 "dites pourquoi" "drop without a reason" plan drop A1
refused 2 "ne prend que le numéro" "done with other options" plan done A1 --who Paul
refused 2 "le texte de l'action est attendu" "add without a text" plan add
refused 2 "le texte de l'action est attendu" "add with two texts" plan add Former équipe
refused 2 "un numéro d'action est attendu" "set without a number" plan set --text x
refused 2 "pour lister le plan" "list with an option of set" plan --due 2027-03-01
refused 2 "servent à lister" "add with --late" plan add x --late
refused 2 "add, set, start, done, drop, decide ou list" "an unknown subcommand" plan finish A1
refused 2 "option inconnue" "an unknown option" plan add x --owner Paul
refused 2 "une ligne" "a text with a line break" plan add $'Deux\nlignes'

# By hand: the table edited with sed reads the same as by command.
sed -i 's/| A1 |\(.*\)| en cours |/| A1 |\1| fait |/; s/| A1 |\(.*\)| à faire |/| A1 |\1| fait |/' plan.md
is "$(field A1 state)" done "a state changed by hand"
printf '| A7 | Ranger le local | Awa Diallo | 2027-01-10 | EN COURS | | | 1.3 | |\n' >>plan.md
is "$(field A7 text)|$(field A7 who)|$(field A7 state)|$(field A7 late)|$(field A7 for)" \
	"Ranger le local|['Awa Diallo']|doing|True|['1.3']" "a row added by hand, its state in capitals"
run plan add "Après A7"
contains "$out" "Action A8 ajoutée" "the next number follows the highest one"
run plan done A7
is "$(field A7 state)" done "a row written by hand changes by command"

# A malformed row written by hand: named with file:line; changes refused until fixed.
cp plan.md "$TEST_ROOT/plan.ok"
printf '| A9 | Date fausse | | 2027-02-30 | à faire | | | | |\n' >>plan.md
bad=$(wc -l <plan.md)
run plan
is "$rc" 1 "listing a plan with a malformed row fails"
contains "$err" "plan.md:$bad" "and names its file:line"
contains "$out" "A7 Ranger le local" "the other rows are still listed"
refused 1 "plan.md:$bad" "adding to a plan with a malformed row" plan add "Accueillir"
refused 1 "plan.md:$bad" "changing a plan with a malformed row" plan done A1
cp "$TEST_ROOT/plan.ok" plan.md

# Two rows with one key: a conflict, both versions shown; set settles it.
grep '^| A7 ' plan.md | sed 's/Ranger le local/Ranger et nettoyer le local/' >>plan.md
other=$(wc -l <plan.md)
run plan
is "$rc" 0 "a conflict on an action is not a failure of list"
contains "$out" "En conflit : 2 versions de « A7 »" "list names it"
contains "$out" "plan.md:$other: | A7 | Ranger et nettoyer le local |" "with the second version and its line"
run plan --json
is "$(json "[(c['key'], len(c['rows'])) for c in d['conflicts']]")" "[('A7', 2)]" "JSON: the conflict"
run plan set A7 --text "Ranger et nettoyer le local"
is "$rc" 0 "set settles the conflict"
is "$(grep -c '^| A7 ' plan.md)" 1 "one row of A7 is left"
is "$(field A7 text)" "Ranger et nettoyer le local" "the version chosen"

run plan --help
is "$rc" 0 "plan --help"
contains "$out" "grille plan drop A3 --reason TEXTE" "the usage"

done_testing
