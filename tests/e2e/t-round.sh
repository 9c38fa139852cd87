#!/usr/bin/env bash
# A whole round of the method: answers, a plan, a calendar, the review's
# decisions (grille plan decide), then grille round new; the finished round
# archived in tour-1/ and tagged, steps 3 to 5 fresh, the plan carried; the
# report of round 1 and of round 2; the boundary in grille log; refusals.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/group-lib.sh"
export SOURCE_DATE_EPOCH=1803340800 # 2027-02-23

step1=$(ls etape-1-*.md) step2=$(ls etape-2-*.md) step3=$(ls etape-3-*.md)
step4=$(ls etape-4-*.md) step5=$(ls etape-5-*.md)
answer "$step1" 1.1.a "Une association de quartier, vingt bénévoles."
answer "$step3" 3.1.a "Les courriels se perdent, personne ne sait où sont les fichiers."
answer "$step5" 5.1.a "L'agenda partagé a servi à tout le monde."
"$GRILLE" member add "Awa Diallo" >/dev/null 2>&1
"$GRILLE" plan add "Ouvrir un agenda partagé" --who "Awa Diallo" >/dev/null 2>&1
"$GRILLE" plan add "Former l'équipe" >/dev/null 2>&1
"$GRILLE" plan add "Acheter un serveur" >/dev/null 2>&1
"$GRILLE" calendar test 2027-01-04 2027-02-05 >/dev/null 2>&1
"$GRILLE" calendar review 2027-02-12 "Bilan de la phase de test" >/dev/null 2>&1
check "round 1 committed" "$GRILLE" commit -m "Tour 1 : plan et calendrier"

refuses 2 "grille round new" "round without new" round
refuses 2 "seul « grille round new »" "round with another word" round old

# The review: a decision per action.
run status
contains "$out" "3 actions sur 3 attendent leur décision" "status: the review is due, the actions wait for it"
plan_before=$(cat plan.md)
run plan decide A1 garder
is "$rc" 0 "decide: keep A1"
contains "$out" "Action A1 : le bilan la garde pour le tour suivant (plan.md:" "says so, with where"
contains "$(sed -n '/^| N°/p' plan.md)" "| Note | Bilan | Raison du bilan |" "a new plan.md has the decision columns from the start"
is "$(git diff --numstat plan.md | cut -f1,2)" "1	1" "a decision changes its action's row alone"
refused 2 "dites pourquoi" "adjust without a reason" plan decide A2 ajuster
refused 2 "décision « peut-être » inconnue" "an unknown decision" plan decide A2 peut-être
run plan decide A2 ajuster --reason "en deux séances plutôt qu'une"
is "$rc" 0 "decide: adjust A2, with a reason"
run plan --json
is "$(json "[(a['id'], a['decision'], a['decision_reason']) for a in d['actions']]")" \
	"[('A1', 'keep', ''), ('A2', 'adjust', \"en deux séances plutôt qu'une\"), ('A3', None, '')]" \
	"JSON: each action's decision and reason"

# Refusals of round new: missing decisions, uncommitted changes.
check "the decisions committed" "$GRILLE" commit -m "Bilan : décisions"
refuses 1 "le bilan n'a pas encore décidé de ces actions : A3" "round new with an action undecided" round new
run plan decide A3 abandonner --reason "trop cher"
is "$rc" 0 "decide: drop A3"
refuses 1 "grille commit" "round new with uncommitted changes" round new
check "the last decision committed" "$GRILLE" commit -m "Bilan : A3 abandonnée"
run status
contains "$out" "Chaque action a sa décision : « grille round new »" "status: every action decided"
run report -o - --format md
contains "$out" "Décisions du bilan" "the report lists the review's decisions"
contains "$out" "A2 " "with the adjusted action"
contains "$out" " : ajuster — en deux séances plutôt qu'une" "its decision and reason"
contains "$out" " : abandonner — trop cher" "and the dropped one's"
run report -o - --format json
is "$(json "[(a['id'], a['decision'], a['decision_reason']) for a in d['plan']]")" \
   "[('A1', 'garder', None), ('A2', 'ajuster', \"en deux séances plutôt qu'une\"), ('A3', 'abandonner', 'trop cher')]" \
   "the JSON report gives each action's decision"
head1=$(git rev-parse HEAD)
for f in "$step1" "$step2" "$step3" "$step4" "$step5" plan.md calendrier.md membres.md; do
	cp "$f" "$TEST_ROOT/before-$f"
done
refuses 1 "il n'y a pas de tour 1 fini : le premier tour est en cours" "report --round 1 before any round ended" \
	report --round 1 -o -

run round new --dry-run
is "$rc" 0 "round new --dry-run"
contains "$out" "Le tour 1 finirait" "says what it would do"
contains "$out" "actions abandonnées, qui ne reviennent pas : A3" "and what becomes of each action"
is "$(git status --porcelain; git rev-parse HEAD; git tag -l 'tour-*')" "$head1" "--dry-run changes nothing"

run round new
is "$rc" 0 "round new"
contains "$out" "Tour 1 terminé, tour 2 commencé." "says so"
contains "$out" "actions gardées : A1" "the kept action"
contains "$out" "actions à ajuster : A2" "the adjusted action"
is "$(git status --porcelain)" "" "everything committed: git status is clean"
is "$(git log -1 --format=%s)" "Tour 2 : le tour 1 est archivé dans tour-1/, les étapes 3, 4 et 5 reprennent" \
	"one commit, with a French message"
is "$(git log -1 --format=%b | head -3)" "Actions gardées : A1.
Actions à ajuster : A2.
Actions abandonnées : A3." "its body says what became of each action"

# The tag and the archive.
is "$(git tag -l 'tour-*')" "tour-1" "the tag tour-1"
is "$(git rev-parse 'tour-1^{commit}')" "$head1" "on the commit that ended round 1"
is "$(git cat-file -t tour-1)" "tag" "an annotated tag"
contains "$(git tag -l -n1 tour-1)" "Tour 1 terminé" "with a French message"
same=0
for f in "$step1" "$step2" "$step3" "$step4" "$step5" plan.md calendrier.md membres.md; do
	cmp -s "tour-1/$f" "$TEST_ROOT/before-$f" || same=1
	git show "tour-1:$f" | cmp -s - "tour-1/$f" || same=1
done
ok $same "tour-1/ holds every file of round 1 byte for byte, as the tag's commit has them"
is "$(git ls-files tour-1 | wc -l)" 8 "the archive is committed"

# The new round's files.
check "step 1 unchanged" cmp -s "$step1" "$TEST_ROOT/before-$step1"
check "step 2 unchanged" cmp -s "$step2" "$TEST_ROOT/before-$step2"
check "membres.md unchanged" cmp -s membres.md "$TEST_ROOT/before-membres.md"
check "step 3 fresh: its answer is only in the archive" bash -c "! grep -q 'Les courriels se perdent' '$step3'"
check "step 5 fresh" bash -c "! grep -q 'agenda partagé a servi' '$step5'"
is "$(git show "$(git rev-list --max-parents=0 HEAD):$step4" | cmp -s - "$step4"; echo $?)" 0 \
	"step 4 as grille init wrote it"
run plan --json
is "$(json "[(a['id'], a['state'], a['decision'], a['note']) for a in d['actions']]")" \
	"[('A1', 'todo', None, ''), ('A2', 'todo', None, \"à ajuster (bilan du tour 1) : en deux séances plutôt qu'une\")]" \
	"plan.md: the kept and adjusted actions, numbers kept, à faire, the adjustment in the note; not the dropped one"
check "the dropped action is not in plan.md" bash -c "! grep -q 'Acheter un serveur' plan.md"
is "$(grep -c '^| 20' calendrier.md)" 0 "calendrier.md has no row left"
contains "$(cat grille.yaml)" "round: 2" "grille.yaml says round 2"
run plan add "Nouvelle action"
contains "$out" "Action A3 ajoutée" "a new action takes the next number"
git checkout -q -- plan.md

# Reports: round 1 from its archive, round 2 as it stands.
run report --round 1 -f json -o -
is "$rc" 0 "report --round 1"
is "$(json "(d['round'], d['round_finished'], d['revision'])")" "(1, True, '$head1')" \
	"JSON: round 1, finished, its last commit"
is "$(json "[a['id'] for a in d['plan']]")" \
	"['A1', 'A2', 'A3']" "round 1's plan as archived"
is "$(json "sum(s['counts']['answered'] for s in d['steps'] if s['id'] in ('3', '5'))")" 2 \
	"round 1's answers to steps 3 and 5"
run report --round 1 -f md -o -
contains "$out" "Tour 1, terminé : ses fichiers tels qu'archivés dans tour-1/" "Markdown: the round said"
contains "$out" "Les courriels se perdent" "round 1's answers shown"
run report -f md -o -
is "$rc" 0 "the current report"
contains "$out" "Tour 2 (en cours)" "says it is round 2"
check "without round 1's answers to step 3" bash -c "! printf '%s' \"\$1\" | grep -q 'Les courriels se perdent'" _ "$out"
contains "$out" "Une association de quartier" "but with step 1's"
run report --round 1
is "$rc" 0 "report --round 1 written to a file"
check "grille-rapport.tour-1.html, ignored by git" test -f grille-rapport.tour-1.html -a -z "$(git status --porcelain)"
refuses 1 "il n'y a pas de tour 9 fini" "report --round 9" report --round 9 -o -
refuses 2 "--round attend le numéro" "report --round zéro" report --round 0 -o -

# The log shows the boundary.
run log
contains "$out" "── Tour 1 terminé (jalon tour-1) ──" "log: the round's end"
boundary=$(printf '%s\n' "$out" | grep -n '── Tour 1' | cut -d: -f1)
is "$(printf '%s\n' "$out" | sed -n "$((boundary + 2))p" | cut -c1-7)" "${head1:0:7}" "just above the commit that ended it"
run log --json
is "$(json "[c['round_end'] for c in d['commits']][:2]")" "[None, 1]" "log JSON: round_end on that commit"

# Status in round 2, and a second round new refused while round 2's files are as they are.
run status
contains "$out" "— tour 2" "status says the round"
refuses 1 "il n'y a pas de tour 2 fini" "report --round 2 (the current one)" report --round 2 -o -
git tag tour-2
refuses 1 "le jalon « tour-2 » existe déjà" "round new when the tag tour-2 is there" round new --force
git tag -d tour-2 >/dev/null
mkdir tour-2 && echo "à nous" >tour-2/notes.md
check "a folder tour-2/ of the group's, committed" "$GRILLE" commit -m "nos notes"
refuses 1 "« tour-2/ » existe déjà" "round new over an existing tour-2/" round new --force

fsck_clean . && ok 0 "git fsck clean" || ok 1 "git fsck clean"

# A plan.md written before the decision columns: read as it is, widened by its first decision only.
"$GRILLE" init "$TEST_ROOT/old" >/dev/null 2>&1
cd "$TEST_ROOT/old" || exit 1
printf '# Plan d'"'"'action\n\n| N° | Action | Qui | Échéance | État | Moyens | Indicateur | Pour | Note |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n| A1 | Un | | | à faire | | | | |\n| A2 | Deux | | | à faire | | | | |\n' >plan.md
check "an older plan committed" "$GRILLE" commit -m "plan à neuf colonnes"
run plan set A1 --means "Nextcloud"
is "$(git diff --numstat plan.md | cut -f1,2)" "1	1" "an older plan: a change without decision keeps its nine columns"
git checkout -q -- plan.md
run plan decide A2 abandonner --reason "fait ailleurs"
is "$rc" 0 "an older plan: decide"
is "$(git diff --numstat plan.md | cut -f1,2)" "3	3" "its header, delimiter and A2's row change, nothing else"
is "$(sed -n 5p plan.md)" "| A1 | Un | | | à faire | | | | |" "A1's row as it was"
run plan --json
is "$(json "[(a['id'], a['decision']) for a in d['actions']]")" "[('A1', None), ('A2', 'drop')]" "both read"

# A workspace of format 1: its dates move out of grille.yaml first, in a commit of their own.
"$GRILLE" init "$TEST_ROOT/f1" >/dev/null 2>&1
cd "$TEST_ROOT/f1" || exit 1
sed -i 's/^format: 2$/format: 1/' grille.yaml
git rm -q calendrier.md
printf 'test_phase:\n  start: 2027-01-04\n  end: 2027-02-05\n' >>grille.yaml
git commit -qam "format 1"
run round new
is "$rc" 0 "format 1: round new"
is "$(git log -2 --format=%s | tail -1)" "Membres et dates déplacés de grille.yaml vers membres.md et calendrier.md" \
	"the dates moved first, in a commit of their own"
is "$(git rev-parse 'tour-1^{commit}')" "$(git rev-parse HEAD^)" "the round ends on that commit"
contains "$(cat tour-1/calendrier.md)" "| 2027-01-04 | début du test | | |" "round 1's dates archived"
check "grille.yaml keeps no dates" bash -c "! grep -q test_phase grille.yaml"

# Two members deciding different actions at once: git merges plan.md cleanly.
"$GRILLE" init "$TEST_ROOT/two" >/dev/null 2>&1
cd "$TEST_ROOT/two" || exit 1
for a in Un Deux Trois Quatre; do "$GRILLE" plan add "$a" >/dev/null 2>&1; done
"$GRILLE" commit -m "le plan" >/dev/null 2>&1
main=$(git branch --show-current)
git checkout -qb autre
"$GRILLE" plan decide A3 abandonner --reason "inutile" >/dev/null 2>&1
"$GRILLE" commit -m "A3" >/dev/null 2>&1
git checkout -q "$main"
"$GRILLE" plan decide A1 garder >/dev/null 2>&1
"$GRILLE" commit -m "A1" >/dev/null 2>&1
check "decisions on two actions merge without conflict" git merge -q -m fusion autre
run plan --json
is "$(json "([(a['id'], a['decision']) for a in d['actions']], d['conflicts'])")" \
	"([('A1', 'keep'), ('A2', None), ('A3', 'drop'), ('A4', None)], [])" "both decisions, one row per action"
grep '| A2 |' plan.md | sed 's/| Deux |/| Deux bis |/' >>plan.md
git commit -qam "A2 deux fois"
refuses 1 "l'action A2 est écrite deux fois dans plan.md" "round new with an action in conflict" round new --force

done_testing
