#!/usr/bin/env bash
# Who signs the first milestone, and what happens without anyone.
. "$(dirname "$0")/lib.sh"

rm -f "$HOME/.gitconfig"
run init "$TEST_ROOT/sans-identite"
is "$rc" 1 "init without a git identity fails"
contains "$err" 'git config --global user.name "Prénom Nom"' "it gives the command for the name"
contains "$err" 'git config --global user.email "vous@exemple.org"' "and for the e-mail"
contains "$err" "--author" "and mentions --author"
check "nothing is created" test ! -e "$TEST_ROOT/sans-identite"

mkdir "$TEST_ROOT/vide"
run init "$TEST_ROOT/vide"
is "$rc" 1 "the same in an existing empty folder"
is "$(ls -A "$TEST_ROOT/vide")" "" "which stays empty (no .git either)"

run init "$TEST_ROOT/auteur" --author "Dominique Léger <dominique@example.org>"
is "$rc" 0 "--author signs instead"
is "$(git -C "$TEST_ROOT/auteur" log -1 --format='%an <%ae>')" "Dominique Léger <dominique@example.org>" \
   "the commit carries that author"

for bad in "Dominique" "<d@example.org>" "Dominique <d@example.org" "Dominique <>"; do
	run init "$TEST_ROOT/mauvais" --author "$bad"
	is "$rc" 2 "a malformed --author is a usage error: $bad"
	check "and nothing is created ($bad)" test ! -e "$TEST_ROOT/mauvais"
done
contains "$err" "Prénom Nom <adresse@exemple.org>" "the message shows the expected form"
run init "$TEST_ROOT/mauvais" --grid /nonexistent.yaml --author "Dominique"
is "$rc" 2 "a malformed --author is a usage error whatever else is given"

GIT_AUTHOR_NAME="Sacha Env" GIT_AUTHOR_EMAIL="sacha@example.org" "$GRILLE" init "$TEST_ROOT/env" >/dev/null 2>&1
ok $? "GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL are an identity"
is "$(git -C "$TEST_ROOT/env" log -1 --format='%an <%ae>')" "Sacha Env <sacha@example.org>" "they sign the commit"

# A repository's own identity counts.
repo="$TEST_ROOT/depot"
mkdir "$repo" && git -C "$repo" init -q
git -C "$repo" config user.name "Alex Local"
git -C "$repo" config user.email "alex@example.org"
run init "$repo"
is "$rc" 0 "init uses the repository's identity"
is "$(git -C "$repo" log -1 --format='%an <%ae>')" "Alex Local <alex@example.org>" "as git would"

done_testing
