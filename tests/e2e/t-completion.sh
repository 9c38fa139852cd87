#!/usr/bin/env bash
# grille __complete: hidden, silent, one value a line, for the shell completions.
. "$(dirname "$0")/lib.sh"

cd "$TEST_ROOT" || exit 1

# Outside a workspace: nothing at all, exit 0.
for what in ids members actions steps; do
	run __complete "$what"
	is "$rc:$out:$err" "0::" "__complete $what outside a workspace prints nothing and exits 0"
done
run __complete nonsense
is "$rc:$out:$err" "2::" "an unknown kind: exit 2, still silent"
run --help
case "$out" in *__complete*) ok 1 "--help does not list __complete" ;; *) ok 0 "--help does not list __complete" ;; esac

"$GRILLE" init ws >/dev/null 2>&1
cd ws || exit 1
"$GRILLE" member add "Zoé Martin" >/dev/null 2>&1
"$GRILLE" member add Camille >/dev/null 2>&1
"$GRILLE" plan add "Ouvrir un espace partagé" >/dev/null 2>&1
"$GRILLE" plan add "Former les bénévoles" >/dev/null 2>&1
"$GRILLE" skip 2.3 >/dev/null 2>&1
git add -A && git commit -qm "membres, plan" >/dev/null

run __complete steps
is "$rc:$(printf '%s' "$out" | tr '\n' ' ')" "0:1 2 3 4 5" "__complete steps: the grid's steps"
run __complete ids
is "$(printf '%s\n' "$out" | grep -c '^2\.3\(\.[a-z]\)\?$')" "$(($(grep -c '^### 2\.3\.' etape-2-*.md) + 1))" \
	"__complete ids: item 2.3 and each of its questions in the step file"
is "$err" "" "and nothing on stderr"
run __complete members
is "$out" $'Zoé Martin\nCamille' "__complete members: one name a line"
run __complete actions
is "$out" $'A1\nA2' "__complete actions: the plan's numbers"
run __complete marked
is "$out" "2.3" "__complete marked: what skip or defer set aside"
run __complete positions
is "$(printf '%s' "$out" | tr '\n' ' ')" "5.1.a 5.2.a 5.3.a" "__complete positions: the questions of kind positions"
mkdir -p sub && (cd sub && "$GRILLE" __complete actions >"$TEST_ROOT/sub.out" 2>&1)
is "$(cat "$TEST_ROOT/sub.out")" $'A1\nA2' "from a subfolder, the workspace around it"

done_testing
