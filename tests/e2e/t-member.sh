#!/usr/bin/env bash
# grille member: add, remove, list (text and JSON); bad input refused with
# nothing changed; rows written by hand read the same; conflicts shown.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/group-lib.sh"

run member
is "$rc" 0 "member alone lists"
contains "$out" "Aucun membre" "and says there is nobody yet"
run member list --json
is "$rc" 0 "member list --json"
is "$(json "(d['file'], d['members'], d['conflicts'], d['problems'])")" "('membres.md', [], [], [])" "an empty list"

run member add "Awa Diallo" --role animatrice --role "secrétaire" --email awa@example.org --identity "Awa D."
is "$rc" 0 "add a member with roles, e-mail and identity"
line=$(grep -n '^| Awa Diallo ' membres.md | cut -d: -f1)
ok $([ -n "$line" ]; echo $?) "her row is in membres.md"
contains "$out" "Membre « Awa Diallo » ajouté (membres.md:$line)." "it says where"
run member add Paul -r trésorier
is "$rc" 0 "add a second member, short option"
run member add "Léa"
is "$rc" 0 "a member without role"
contains "$(git status --porcelain)" "membres.md" "the change waits for the next milestone"

run member list
is "$rc" 0 "list"
contains "$out" "membres.md:$line: Awa Diallo — animatrice, secrétaire <awa@example.org> (identité git : Awa D.)" \
	"a member per line, with file:line, roles, e-mail and identity"
contains "$out" ": Paul — trésorier" "Paul with his role"
run member --json
is "$(json "[m['name'] for m in d['members']]")" "['Awa Diallo', 'Paul', 'Léa']" "JSON: the members in file order"
is "$(json "d['members'][0]")" \
	"{'name': 'Awa Diallo', 'roles': ['animatrice', 'secrétaire'], 'email': 'awa@example.org', 'identity': 'Awa D.', 'line': $line}" \
	"JSON: every field of a member"
is "$(json "(d['members'][2]['roles'], d['members'][2]['email'])")" "([], '')" "JSON: nothing given is empty"

run member remove paul
is "$rc" 0 "remove a member, whatever the case"
contains "$out" "Membre « Paul » retiré (membres.md)." "it says so"
check "his row is gone" bash -c "! grep -q '^| Paul ' membres.md"

# Bad input: a clear message, the right exit code, nothing changed.
refused 1 "« Awa Diallo » est déjà membre (membres.md:$line)" "a duplicate member" member add "awa diallo"
refused 2 "virgule" "a name with a comma" member add "Diallo, Awa"
refused 2 "un nom est attendu" "no name" member add
refused 2 "nom de membre manquant" "a name of spaces only" member add "  "
refused 2 "entre guillemets" "two names" member add Awa Diallo
refused 1 "« Zoé » n'est pas membre" "removing somebody who is not a member" member remove "Zoé"
refused 2 "add, remove ou list" "an unknown subcommand" member ajoute Zoé
refused 2 "option inconnue : --roles. Vouliez-vous dire « --role » ?" "an unknown option, the closest one" member add Zoé --roles x
refused 2 "attend une valeur" "an option without its value" member add Zoé --email
refused 2 "argument inattendu" "list takes no argument" member list Awa
refused 2 "UTF-8" "a name that is not UTF-8" member add $'Zo\xe9'
refused 2 "une ligne" "a name with a line break" member add $'Zoé\nEve'

# By hand: a row added with an editor is a member like the others.
printf '| Sam | communication | sam@example.org | |\n' >>membres.md
run member --json
is "$(json "[m['name'] for m in d['members']]")" "['Awa Diallo', 'Léa', 'Sam']" "a row added by hand is read"
is "$(json "d['members'][2]['email']")" sam@example.org "with its cells"
run member remove Sam
is "$rc" 0 "and removed by command"

# A malformed row written by hand: named with file:line; changes refused until it is fixed.
cp membres.md "$TEST_ROOT/membres.ok"
printf '| Nour | accueil | nour@example.org | | en trop |\n' >>membres.md
bad=$(wc -l <membres.md)
run member
is "$rc" 1 "a list with a row that cannot be read fails"
contains "$err" "membres.md:$bad" "and names the row's file:line"
contains "$out" "Awa Diallo" "the other rows are still listed"
run member --json
is "$(json "len(d['problems'])")" 1 "JSON: the problem is in 'problems'"
refused 1 "membres.md:$bad" "adding to a file with a malformed row" member add Zoé
cp "$TEST_ROOT/membres.ok" membres.md

# Two rows with one key (two members changed the same one, merged by union): a conflict, both shown.
printf '| awa diallo | coordinatrice | | |\n' >>membres.md
other=$(wc -l <membres.md)
run member
is "$rc" 0 "a conflict on an entry is not a failure of list"
contains "$out" "En conflit : 2 versions de « Awa Diallo »" "list names the entry in conflict"
contains "$out" "membres.md:$line: | Awa Diallo |" "the first version, with file:line"
contains "$out" "membres.md:$other: | awa diallo | coordinatrice |" "the second version, with file:line"
run member --json
is "$(json "[(c['key'], [r['line'] for r in c['rows']]) for c in d['conflicts']]")" "[('Awa Diallo', [$line, $other])]" \
	"JSON: the conflict, its rows' lines"
run member remove "Awa Diallo"
is "$rc" 0 "removing the member settles the conflict"
is "$(grep -ci '^| awa diallo ' membres.md)" 0 "both rows are gone"
run member --json
is "$(json "d['conflicts']")" "[]" "no conflict left"

# A workspace of format 1: members read from grille.yaml, moved by the first change, in a commit of its own.
old="$TEST_ROOT/old"
"$GRILLE" init "$old" >/dev/null 2>&1
cd "$old" || exit 1
git rm -q membres.md plan.md calendrier.md .gitattributes
sed -i 's/^format: 2$/format: 1/' grille.yaml
printf 'members:\n- name: Léa\n  role: animatrice\n  email: lea@example.org\n' >>grille.yaml
git commit -qam "format 1"
run member
is "$rc" 0 "format 1: list"
contains "$out" "grille.yaml: Léa — animatrice <lea@example.org>" "the member is read from grille.yaml"
contains "$out" "encore lus dans grille.yaml" "which the list says"
run member --json
is "$(json "(d['file'], d['from_settings'], d['members'][0]['line'])")" "('grille.yaml', True, 0)" "JSON says so too"
head=$(git rev-parse HEAD)
run member add Paul
is "$rc" 0 "the first change"
moved=$(git rev-parse --short=7 HEAD)
contains "$out" "Jalon $moved : " "announces the commit that moved the data"
is "$(git rev-parse HEAD~1)" "$head" "one commit of its own"
is "$(git status --porcelain)" " M membres.md" "the change itself waits for the next milestone"
run member --json
is "$(json "[(m['name'], m['line'] > 0) for m in d['members']]")" "[('Léa', True), ('Paul', True)]" \
	"both members now in membres.md"
cd "$ws" || exit 1

# Help, and outside a workspace.
run member --help
is "$rc" 0 "member --help"
contains "$out" "grille member add NOM" "shows the usage"
run help member
contains "$out" "member remove NOM" "grille help member too: its page, or its built-in help without man"
cd "$TEST_ROOT" || exit 1
run member
is "$rc" 2 "outside a workspace: exit 2"

done_testing
