#!/usr/bin/env bash
# grille status reminds the group where it stands in time: the test phase,
# the reviews, late and coming actions per member; --mine; the group's files
# in conflict. The files are written by hand; SOURCE_DATE_EPOCH fixes today.
. "$(dirname "$0")/lib.sh"

day() { # day YYYY-MM-DD: SOURCE_DATE_EPOCH for that day
	"$PYTHON" -c 'import sys, datetime; d = datetime.date.fromisoformat(sys.argv[1]); print((d - datetime.date(1970, 1, 1)).days * 86400)' "$1"
}
export SOURCE_DATE_EPOCH
SOURCE_DATE_EPOCH=$(day 2026-12-01)

ws="$TEST_ROOT/ws"
run init "$ws" --collective "Les Jardins partagés"
is "$rc" 0 "init"
cd "$ws" || exit 1

run status
is "$rc" 0 "status without group data"
case "$out" in *"Calendrier :"*|*"Actions :"*) ok 1 "nothing to remind: no Calendrier nor Actions block" ;;
*) ok 0 "nothing to remind: no Calendrier nor Actions block" ;; esac
run status --json
is "$(json "(d['test_phase'], d['actions']['late'], d['actions']['soon'], d['reviews']['next'])")" \
   "(None, [], [], None)" "JSON: no phase, no action, no review"

cat >>membres.md <<'EOF'
| Awa Diallo | animatrice | awa@example.org | |
| Léo Martin | secrétaire | | leo |
| Camille Martin | | | |
EOF
cat >>plan.md <<'EOF'
| A1 | Écrire la charte | Awa Diallo | 2026-11-20 | à faire | | | | |
| A2 | Préparer l'atelier | Awa Diallo, léo martin | 2026-12-04 | en cours | | | | |
| A3 | Réserver la salle | | 2026-12-01 | à faire | | | | |
| A4 | Former les bénévoles | Léo Martin | 2027-02-01 | à faire | | | | |
| A5 | Choisir un outil | Awa Diallo | | à faire | | | | |
| A6 | Déjà fait | Awa Diallo | 2026-11-01 | fait | | | | |
| A7 | Relancer la mairie | Zoé | 2026-11-30 | à faire | | | | |
| A8 | Abandonnée | Léo Martin | 2026-11-02 | abandonnée | | | | |
| A9 | Le jour du bilan | Léo Martin | 2026-12-15 | à faire | | | | |
| A10 | Le lendemain | Léo Martin | 2026-12-16 | à faire | | | | |
EOF
cat >>calendrier.md <<'EOF'
| 2026-11-20 | début du test | | |
| 2027-01-18 | fin du test | | |
| 2026-11-15 | bilan | Bilan d'étape | |
| 2026-11-25 | bilan | Point tenu | oui |
| 2026-12-15 | bilan | Mi-parcours | |
EOF
# Its caches (.git/grille/) are grille's own, not the group's files.
before=$(git status --porcelain; tree_sum . .git/grille)

run status
is "$rc" 0 "status with the group's data"
block() { # the lines of block $1 in $out, to the next blank line
	printf '%s\n' "$out" | awk -v h="$1" '$0 == h { on = 1; next } on && $0 == "" { exit } on'
}
is "$(block "Calendrier :")" "  Phase de test, du 2026-11-20 au 2027-01-18 : jour 12 sur 60
  Bilan en retard : 2026-11-15 — Bilan d'étape, il y a 16 jours (à tenir, puis « grille calendar review 2026-11-15 --done »)
  Prochain bilan : 2026-12-15 — Mi-parcours, dans 14 jours" "Calendrier: day 12 of 60, the overdue review, the next one in 14 days"
is "$(block "Actions :")" "  Awa Diallo
    A1 en retard de 11 jours (2026-11-20) : Écrire la charte
    A2 dans 3 jours (2026-12-04) : Préparer l'atelier (en cours)
  Léo Martin
    A2 dans 3 jours (2026-12-04) : Préparer l'atelier (en cours)
    A9 dans 14 jours (2026-12-15) : Le jour du bilan
  Zoé (absent de membres.md)
    A7 en retard de 1 jour (2026-11-30) : Relancer la mairie
  Sans responsable
    A3 pour aujourd'hui : Réserver la salle" \
   "Actions: late then soon, per member in membres.md's order; the 15th day, done and dropped are not there"
# Zoé is no member: a row the commands would refuse, said as a problem of plan.md.
contains "$out" "Dans les fichiers du groupe :
  plan.md:13: A7 est confiée à « Zoé », qui n'est pas dans membres.md" "an owner membres.md lacks is a problem, with its line"
is "$(git status --porcelain; tree_sum . .git/grille)" "$before" "status changes no file"

run status --json
is "$rc" 0 "status --json"
is "$(json "d['test_phase']")" \
   "{'start': '2026-11-20', 'end': '2027-01-18', 'state': 'during', 'day': 12, 'length': 60, 'starts_in': None, 'ended_days_ago': None}" \
   "JSON: test_phase"
is "$(json "d['reviews']")" \
   "{'next': {'date': '2026-12-15', 'title': 'Mi-parcours', 'in_days': 14}, 'overdue': [{'date': '2026-11-15', 'title': \"Bilan d'étape\", 'days_ago': 16}]}" \
   "JSON: reviews with the days counted"
is "$(json "[(a['id'], a['due_in'], a['state'], a['who']) for a in d['actions']['late']]")" \
   "[('A1', -11, 'todo', ['Awa Diallo']), ('A7', -1, 'todo', ['Zoé'])]" "JSON: late actions, oldest first"
is "$(json "[(a['id'], a['due_in']) for a in d['actions']['soon']]")" "[('A3', 0), ('A2', 3), ('A9', 14)]" \
   "JSON: actions due within 14 days, soonest first"
is "$(json "[(o['name'], o['member'], o['late'], o['soon']) for o in d['actions']['by_owner']]")" \
   "[('Awa Diallo', True, ['A1'], ['A2']), ('Léo Martin', True, [], ['A2', 'A9']), ('Zoé', False, ['A7'], []), (None, False, [], ['A3'])]" \
   "JSON: by owner"
is "$(json "d['group_files']")" "{'conflicts': [], 'problems': [\"plan.md:13: A7 est confiée à « Zoé », qui n'est pas dans membres.md\"]}" \
   "JSON: no conflict, Zoé's row as a problem"

# Before the test phase, and after it.
SOURCE_DATE_EPOCH=$(day 2026-11-01) run status
contains "$(block "Calendrier :")" "  Phase de test, du 2026-11-20 au 2027-01-18 : elle commence dans 19 jours" "before: starts in 19 days"
contains "$(block "Calendrier :")" "  Prochain bilan : 2026-11-15 — Bilan d'étape, dans 14 jours" "before: the first review"
SOURCE_DATE_EPOCH=$(day 2026-11-19) run status
contains "$(block "Calendrier :")" "elle commence demain" "the day before: tomorrow"
SOURCE_DATE_EPOCH=$(day 2027-01-18) run status
contains "$(block "Calendrier :")" "jour 60 sur 60" "its last day: day 60 of 60"
SOURCE_DATE_EPOCH=$(day 2027-01-21) run status
contains "$(block "Calendrier :")" "  Phase de test, du 2026-11-20 au 2027-01-18 : terminée il y a 3 jours" "after: over for 3 days"
contains "$(block "Calendrier :")" "  2 bilans en retard : 2026-11-15, 2026-12-15 (à tenir" "after: two reviews overdue on one line"
SOURCE_DATE_EPOCH=$(day 2027-01-21) run status --json
is "$(json "(d['test_phase']['state'], d['test_phase']['ended_days_ago'], d['test_phase']['day'])")" "('over', 3, None)" \
   "JSON after: over for 3 days"
SOURCE_DATE_EPOCH=$(day 2026-12-15) run status
contains "$(block "Calendrier :")" "  Prochain bilan : 2026-12-15 — Mi-parcours, aujourd'hui" "a review today is next, not late"

# --mine: the member git's identity names.
git config user.email awa@example.org
run status --mine
is "$rc" 0 "--mine for Awa, by her e-mail"
is "$out" "À faire pour Awa Diallo :
  A1 en retard de 11 jours (2026-11-20) : Écrire la charte
  A2 dans 3 jours (2026-12-04) : Préparer l'atelier (en cours)
  A5 sans échéance : Choisir un outil" "--mine: late, soon, then without deadline"
run status --mine --json
is "$rc" 0 "--mine --json"
is "$(json "(d['format'], d['today'], d['member'])")" "(1, '2026-12-01', {'name': 'Awa Diallo', 'email': 'awa@example.org'})" \
   "--mine --json: the member"
is "$(json "[[a['id'] for a in d[k]] for k in ('late', 'soon', 'later', 'no_deadline')]")" "[['A1'], ['A2'], [], ['A5']]" \
   "--mine --json: her actions by when"
git config user.email someone@example.org
git config user.name leo
run status --mine
is "$rc" 0 "--mine for Léo, by his git identity"
is "$out" "À faire pour Léo Martin :
  A2 dans 3 jours (2026-12-04) : Préparer l'atelier (en cours)
  A9 dans 14 jours (2026-12-15) : Le jour du bilan
  A10 dans 15 jours (2026-12-16) : Le lendemain
  A4 dans 62 jours (2027-02-01) : Former les bénévoles" "--mine: Léo's, later ones too"
git config user.name "Camille Martin"
run status --mine
is "$rc" 0 "--mine for Camille, by her name"
is "$out" "Aucune action à faire ni en cours pour Camille Martin." "--mine: nothing on her plate"
git config user.name "Dominique Petit"
git config user.email dominique@example.org
refuses 1 "aucun membre du groupe ne correspond à votre identité git « Dominique Petit <dominique@example.org> »" \
	"--mine without a matching member" status --mine
contains "$err" 'grille member add "Dominique Petit" --email dominique@example.org' "--mine: says how to join"
is "$out" "" "--mine without a member: nothing on stdout"
refuses 2 "--mine ne va pas avec" "--mine with --all" status --mine --all
GIT_AUTHOR_NAME="Awa" GIT_AUTHOR_EMAIL="AWA@example.org" run status --mine
contains "$out" "À faire pour Awa Diallo :" "--mine: GIT_AUTHOR_EMAIL first, any case"
git config --unset user.name
git config --unset user.email
mkdir -p "$TEST_ROOT/nobody"
HOME="$TEST_ROOT/nobody" refuses 1 "git ne sait pas qui vous êtes : --mine montre les actions du membre" \
	"--mine without a git identity" status --mine
contains "$err" 'git config --global user.email' "--mine without a git identity: says how to give one"

# Ten lines at most.
cp plan.md "$TEST_ROOT/plan.md"
for n in $(seq 11 20); do
	printf '| A%s | Tâche %s | Camille Martin | 2026-11-2%s | à faire | | | | |\n' "$n" "$n" "$((n % 10))" >>plan.md
done
run status
is "$(block "Actions :" | wc -l)" 10 "Actions: ten lines at most"
is "$(block "Actions :" | tail -n 1)" "  et 10 autres : grille plan --late" "the others are counted, with where to see them"

# Conflicts and unreadable rows in the group's files.
cp "$TEST_ROOT/plan.md" plan.md
cat >>plan.md <<'EOF'
| A1 | Écrire la charte, version de Léo | Léo Martin | 2026-12-10 | en cours | | | | |
| A12 | Une date impossible | Awa Diallo | 2026-02-30 | à faire | | | | |
EOF
a1=$(grep -n '^| A1 | Écrire la charte |' plan.md | cut -d: -f1)
a1b=$(grep -n '^| A1 | Écrire la charte, version' plan.md | cut -d: -f1)
run status
is "$rc" 0 "status with a conflict in plan.md"
contains "$out" "Dans les fichiers du groupe :
  plan.md : « A1 » a été changé de deux façons ; les 2 versions :
    plan.md:$a1: | A1 | Écrire la charte | Awa Diallo | 2026-11-20 | à faire | | | | |
    plan.md:$a1b: | A1 | Écrire la charte, version de Léo | Léo Martin | 2026-12-10 | en cours | | | | |" \
   "both versions, with file:line"
contains "$out" "  plan.md:$((a1b + 1)):" "the unreadable row, with file:line"
contains "$(block "Actions :")" "A1 en retard de 11 jours (2026-11-20) : Écrire la charte" "the conflict's first row counts"
run status --check
is "$rc" 1 "--check: a conflict in the group's files fails"
run status --json
is "$(json "[(c['file'], c['key'], [r['line'] for r in c['rows']]) for c in d['group_files']['conflicts']]")" \
   "[('plan.md', 'A1', [$a1, $a1b])]" "JSON: the conflict's rows"
is "$(json "len(d['group_files']['problems'])")" 2 "JSON: the unreadable row, and Zoé's"

done_testing
