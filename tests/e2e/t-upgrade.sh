#!/usr/bin/env bash
# A workspace made by the previous format kept its members, test phase and
# reviews in grille.yaml: every command still reads them, the first change
# moves them to the tables in a commit of its own, and a workspace of a
# newer format is refused with a message saying to upgrade grille.
. "$(dirname "$0")/lib.sh"

ws="$TEST_ROOT/ancien"
"$GRILLE" init "$ws" >/dev/null 2>&1
cd "$ws" || exit 1
# What grille wrote before format 2: grille.yaml with the lists, no tables.
git rm -q membres.md plan.md calendrier.md .gitattributes
cat >grille.yaml <<'EOF'
format: 1
title: Notre démarche
collective: Les Jardins
language: fr
grid:
  id: collaboration-numerique
  version: "1.3"
level: 1
# Qui porte la démarche
members:
- name: Léa Martin
  role: animatrice
  email: lea@example.org
- name: Sami
test_phase:
  start: 2027-01-04
  end: 2027-03-26
reviews:
- date: 2027-02-05
  title: Mi-parcours
- date: 2026-11-20
  title: Lancement
  done: true
EOF
git add -A && git commit -q -m "Un espace de travail au format 1"
before=$(git rev-parse HEAD)

run status --json
is "$rc" 0 "status reads a workspace of format 1"
is "$(json "d['reviews']['next']['date']")" "2027-02-05" "its reviews from grille.yaml"
run report --format json -o -
is "$(json "[m['name'] for m in d['members']]")" "['Léa Martin', 'Sami']" "the report names its members"
is "$(git rev-parse HEAD)" "$before" "reading changes nothing"
is "$(git status --porcelain)" "" "not even the files"

run member add "Awa Diallo" --role trésorière
is "$rc" 0 "the first change"
contains "$out" "déplacés de grille.yaml" "says the data moved first"
is "$(git rev-list --count "$before"..HEAD)" 1 "in one commit of its own"
is "$(git log -1 --format=%s)" "Membres et dates déplacés de grille.yaml vers membres.md et calendrier.md" \
	"whose message says so"
is "$(git show --name-only --format= HEAD | sort | tr '\n' ' ')" \
	".gitattributes calendrier.md grille.yaml membres.md plan.md " "holding the moved data and grille.yaml"
is "$(git status --porcelain)" " M membres.md" "the new member is left to commit, as any change"
"$PYTHON" -c 'import sys, yaml; d = yaml.safe_load(open("grille.yaml")); assert d["format"] == 2 and not {"members", "reviews", "test_phase"} & set(d), d' 2>&1
ok $? "grille.yaml: format 2, the lists gone"
contains "$(cat grille.yaml)" "# Qui porte la démarche" "its comments stay"
contains "$(cat membres.md)" "| Léa Martin | animatrice | lea@example.org |" "Léa moved to membres.md"
contains "$(cat membres.md)" "| Awa Diallo | trésorière |" "beside the new member"
contains "$(cat calendrier.md)" "| 2027-01-04 | début du test |" "the test phase moved to calendrier.md"
contains "$(cat calendrier.md)" "| 2026-11-20 | bilan | Lancement | oui |" "a review held stays held"
is "$(git check-attr merge membres.md | cut -d' ' -f3)" "union" "and merges line by line"
run status --json
is "$(json "d['reviews']['next']['date']")" "2027-02-05" "status reads the same dates from the tables"
run member add Zoé
is "$(git rev-list --count "$before"..HEAD)" 1 "the move happens once"

# A newer grille wrote this workspace: say so rather than guess.
sed -i 's/^format: 2/format: 3/' grille.yaml
run status
is "$rc" 1 "a newer format is refused"
contains "$err" "au format 3, écrit par une version plus récente de grille" "saying why"
contains "$err" "mettez grille à jour" "and what to do"

done_testing
