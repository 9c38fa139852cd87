#!/usr/bin/env bash
# Data questions (1.3.a and 4.3.b members, 4.1.f plan, 4.4.a test phase, 4.4.b
# reviews): the step files point to the file that holds their answer; status
# counts them answered when the data is there, written by hand, or when the
# group wrote under them.
. "$(dirname "$0")/lib.sh"

ws="$TEST_ROOT/ws"
run init "$ws"
is "$rc" 0 "init"
cd "$ws" || exit 1
s1=etape-1-par-ou-commencons-nous.md
s4=etape-4-plan-d-action.md
q_of() { # q_of ID KEY: a question's KEY in the JSON document in $out
	json "[q['$2'] for s in d['steps'] for i in s['items'] for q in i['questions'] if q['id'] == '$1'][0]"
}

# The pointer lines, under their questions, after the guidance.
contains "$(cat $s1)" "### 1.3.a Qui porte la démarche au sein de notre collectif ?

> Inscrivons chaque personne" "1.3.a keeps its guidance"
contains "$(cat $s1)" "> Réponse tenue dans [membres.md](membres.md) : ajoutez-y une ligne, ou lancez « grille member add NOM --role RÔLE ».

### 1.3.f" "then points to membres.md"
contains "$(cat $s4)" "> Réponse tenue dans [plan.md](plan.md) : ajoutez-y une ligne, ou lancez « grille plan add ACTION --who MEMBRE --due DATE »." \
	"4.1.f points to plan.md"
contains "$(cat $s4)" "> Réponse tenue dans [calendrier.md](calendrier.md) : ajoutez-y le début et la fin du test, ou lancez « grille calendar test DÉBUT FIN »." \
	"4.4.a points to calendrier.md"
contains "$(cat $s4)" "> Réponse tenue dans [calendrier.md](calendrier.md) : ajoutez-y une ligne par bilan, ou lancez « grille calendar review DATE TITRE »." \
	"4.4.b too"
is "$(grep -c '^> Réponse tenue dans' $s1 $s4 | tr '\n' ' ')" "$s1:1 $s4:4 " "one pointer per data question"

# Nothing recorded: a pointer is not an answer.
run status --json
is "$(q_of 1.3.a kind) $(q_of 4.3.b kind) $(q_of 4.1.f kind) $(q_of 4.4.a kind) $(q_of 4.4.b kind) $(q_of 1.1.a kind)" \
   "members members plan test-phase reviews text" "status says each question's kind"
is "$(json "sorted(q['id'] for s in d['steps'] for i in s['items'] for q in i['questions'] if q['state'] != 'unanswered')")" \
   "[]" "nothing is answered"
is "$(json "d['totals']['questions']")" 38 "38 questions at level 1"

# A member written by hand answers both members questions, and only them.
printf '%s\n' '| Awa Diallo | porteuse, animatrice | | |' >>membres.md
run status --json
is "$(state 1.3.a) $(state 4.3.b) $(q_of 1.3.a has_data)" "answered answered True" "a member answers 1.3.a and 4.3.b"
is "$(state 4.1.f) $(state 4.4.a) $(state 4.4.b)" "unanswered unanswered unanswered" "not the others"
is "$(json "d['totals']['answered']")" 2 "two answered in all"
run status
contains "$out" "1/9 réponses" "the text output counts 1.3.a in step 1"
case "$out" in *"1.3.a Qui porte"*) ok 1 "1.3.a is no longer listed as open" ;; *) ok 0 "1.3.a is no longer listed as open" ;; esac

# The test phase needs both dates; a review answers 4.4.b.
printf '%s\n' '| 2027-01-10 | début du test | | |' >>calendrier.md
run status --json
is "$(state 4.4.a) $(state 4.4.b)" "unanswered unanswered" "the start alone answers neither"
printf '%s\n' '| 2027-03-10 | fin du test | | |' >>calendrier.md
run status --json
is "$(state 4.4.a) $(state 4.4.b)" "answered unanswered" "both dates answer 4.4.a"
printf '%s\n' '| 2027-03-20 | bilan | Bilan de la phase de test | |' >>calendrier.md
run status --json
is "$(state 4.4.b) $(q_of 4.4.b has_data)" "answered True" "a review answers 4.4.b"
printf '%s\n' '| A1 | Ouvrir un agenda partagé | Awa Diallo | 2027-01-05 | à faire | | | | |' >>plan.md
run status --json
is "$(state 4.1.f)" answered "an action answers 4.1.f"

# The history reads each commit's data: committed, nothing is left to add.
git add -A && git -c user.name=Awa -c user.email=awa@example.org commit -qm "Nos données"
run log --json
is "$(json "d['commits'][0]['answered'], d['commits'][0]['delta']")" "5 5" "the commit answers five data questions"
run diff
case "$out" in *"1.3.a"*|*"4.4.b"*) ok 1 "diff from HEAD shows no data question" ;; *) ok 0 "diff from HEAD shows no data question" ;; esac

# A mark gives way to the data; without data, text under the question still answers it.
run skip 4.4.b --reason "plus tard"
is "$rc" 0 "skip 4.4.b"
run status --json
is "$(state 4.4.b)" answered "4.4.b stays answered: its data is there"
git checkout -q HEAD~1 -- calendrier.md plan.md membres.md
run status --json
is "$(state 4.4.b) $(state 1.3.a)" "skipped unanswered" "the data gone, the mark counts and 1.3.a is open again"
answer $s4 4.4.a 'Trois mois, de janvier à mars.'
run status --json
is "$(state 4.4.a) $(q_of 4.4.a has_data)" "answered False" "text under 4.4.a answers it, as in an older workspace"

# An older workspace: the grid's pointer line gone, the group's text stays an answer.
grep -v '^> Réponse tenue dans \[membres.md\]' $s1 >$s1.tmp && mv $s1.tmp $s1
answer $s1 1.3.a 'Le bureau.'
run status --json
is "$(state 1.3.a) $(q_of 1.3.a has_data)" "answered False" "1.3.a answered by its text"

check "the repository is sound" git fsck --no-progress

# A workspace of format 1 keeps members and dates in grille.yaml: they answer
# too, now and in the history.
old="$TEST_ROOT/old"
run init "$old"
cd "$old" || exit 1
cat >grille.yaml <<'YAML'
format: 1
title: Notre démarche
collective: Les Jardins
language: fr
grid:
  id: collaboration-numerique
  version: "1.3"
level: 1
members:
- name: Léa
  role: animatrice
test_phase:
  start: 2026-12-01
  end: 2027-03-01
reviews:
- date: 2027-01-15
  title: Mi-parcours
  done: false
YAML
git add -A && git -c user.name=Léa -c user.email=lea@example.org commit -qm "Nos données, à l'ancienne"
run status --json
is "$(state 1.3.a) $(state 4.3.b) $(state 4.4.a) $(state 4.4.b) $(state 4.1.f)" \
   "answered answered answered answered unanswered" "grille.yaml's members, test phase and review answer"
run log --json
is "$(json "d['commits'][0]['answered'], d['commits'][0]['delta']")" "4 4" "and so they did at that commit"
run diff
case "$out" in *"1.3.a"*|*"4.4.a"*) ok 1 "nothing left to add since HEAD" ;; *) ok 0 "nothing left to add since HEAD" ;; esac
done_testing
