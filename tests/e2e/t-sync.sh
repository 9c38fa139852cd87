#!/usr/bin/env bash
# Two members, two clones of one shared repository: answers merge, conflicts are shown and resolved.
. "$(dirname "$0")/lib.sh"

f=etape-1-par-ou-commencons-nous.md
shared="$TEST_ROOT/partage.git"
git init -q --bare "$shared"
as_alice() { GIT_AUTHOR_NAME="Alice" GIT_AUTHOR_EMAIL=alice@example.org "$@"; }
as_bob() { GIT_AUTHOR_NAME="Bob" GIT_AUTHOR_EMAIL=bob@example.org "$@"; }

alice="$TEST_ROOT/alice"
as_alice "$GRILLE" init "$alice" >/dev/null 2>&1
cd "$alice" || exit 1
run sync
is "$rc" 1 "sync without a remote fails"
contains "$err" "grille sync --set-remote URL" "and says how to set one"
run sync --set-remote "$shared"
is "$rc" 0 "sync --set-remote to a local path"
contains "$out" "Vos jalons sont partagés" "it pushes"
is "$(git -C "$shared" rev-parse main)" "$(git rev-parse HEAD)" "the shared repository has the first commit"
is "$(git remote get-url origin)" "$shared" "an ordinary git remote"

# Bob clones with plain git: the workspace works at once.
bob="$TEST_ROOT/bob"
git clone -q "file://$shared" "$bob"
cd "$bob" || exit 1
run status --json
is "$rc" 0 "a git clone is a workspace at once"
is "$(json "d['totals']['questions']")" 38 "with every question"

# Different questions of the same file merge cleanly.
cd "$alice" && answer "$f" 1.1.a 'Alice : une association de quartier.' && as_alice "$GRILLE" commit >/dev/null
run sync
is "$rc" 0 "Alice syncs"
cd "$bob" && answer "$f" 1.2.a 'Bob : le besoin vient du bureau.' && as_bob "$GRILLE" commit >/dev/null
out=$(as_bob "$GRILLE" sync 2>&1); rc=$?
is "$rc" 0 "Bob syncs: fetch, merge, push"
contains "$out" "Réponses fusionnées avec « origin »" "with a merge commit"
is "$(git log -1 --format=%s)" "Fusion des réponses de origin/main" "whose message says so"
is "$(git log -1 --format=%p | wc -w)" 2 "a merge has two parents"
cd "$alice"
run sync
is "$rc" 0 "Alice syncs again"
contains "$out" "Les jalons de « origin » sont repris" "a fast-forward"
for who in "$alice" "$bob"; do
	grep -q "Alice : une association" "$who/$f" && grep -q "Bob : le besoin" "$who/$f"
	ok $? "both answers are in $(basename "$who")'s clone"
done
run log --json
is "$(json "sorted(set(c['author'] for c in d['commits']))")" "['Alice', 'Bob']" "and in grille log"
is "$(json "d['commits'][0]['answered']")" 2 "with both answers counted"
run sync
contains "$out" "Rien de nouveau sur « origin »" "nothing new is said"

# The same question answered on both sides: a conflict, per question.
cd "$alice" && answer "$f" 1.1.b 'Alice : un nouveau local.' && as_alice "$GRILLE" commit >/dev/null && "$GRILLE" sync >/dev/null 2>&1
cd "$bob" && answer "$f" 1.1.b 'Bob : la fusion de deux associations.' && as_bob "$GRILLE" commit >/dev/null
before_push=$(git -C "$shared" rev-parse main)
out=$(as_bob "$GRILLE" sync 2>&1); rc=$?
is "$rc" 1 "a conflicting sync fails"
contains "$out" "des réponses se contredisent" "it says answers contradict each other"
contains "$out" "$f:" "it names the file"
contains "$out" "1.1.b Dans quel contexte engageons-nous cette démarche ?" "and the question"
contains "$out" "2. grille commit" "and what to do"
is "$(git -C "$shared" rev-parse main)" "$before_push" "nothing was pushed"
grep -q "Alice : un nouveau local." "$f" && grep -q "Bob : la fusion de deux associations." "$f"
ok $? "both sides' text is kept"
grep -q '^<<<<<<< ' "$f" && grep -q '^>>>>>>> ' "$f"
ok $? "between standard conflict markers"
run status --json
is "$(state 1.1.b)" conflict "status shows the question in conflict"
is "$(state 1.1.a)" answered "and its neighbours as they are"
run sync
is "$rc" 1 "sync again before resolving is refused"
contains "$err" "une fusion est en cours" "with what to do"
run commit
is "$rc" 1 "commit before resolving is refused"
contains "$err" "1.1.b" "naming the question still in conflict"
sed -i '/^<<<<<<< \|^=======$\|^>>>>>>> /d' "$f"
out=$(as_bob "$GRILLE" commit 2>&1); rc=$?
is "$rc" 0 "once resolved, commit finishes the merge"
contains "$out" "La fusion est terminée" "and says so"
is "$(git log -1 --format=%p | wc -w)" 2 "a merge commit"
is "$(git status --porcelain)" "" "nothing left over"
run sync
is "$rc" 0 "then sync shares it"
cd "$alice" && run sync
is "$rc" 0 "Alice takes it"
grep -q "Bob : la fusion de deux associations." "$f" && grep -q "Alice : un nouveau local." "$f"
ok $? "no text was lost on either side"
run status --json
is "$(state 1.1.b)" answered "the question is answered for Alice too"
for repo in "$alice" "$bob" "$shared"; do
	check "git fsck is clean in $(basename "$repo")" fsck_clean "$repo"
done
is "$(git -C "$bob" rev-parse HEAD)" "$(git -C "$alice" rev-parse HEAD)" "both clones end on the same commit"

# Without an identity, sync starts no merge it could not sign.
cd "$alice" && answer "$f" 1.4.a 'Alice, encore.' && as_alice "$GRILLE" commit >/dev/null && "$GRILLE" sync >/dev/null 2>&1
cd "$bob" && answer "$f" 1.6.a 'Bob, encore.' && as_bob "$GRILLE" commit >/dev/null
mv "$HOME/.gitconfig" "$HOME/.gitconfig.away"
head_before=$(git rev-parse HEAD)
run sync
is "$rc" 1 "sync without an identity fails"
contains "$err" "git config --global user.name" "saying how to set one"
is "$(git status --porcelain)" "" "before touching any file"
is "$(git rev-parse HEAD)" "$head_before" "or any commit"
mv "$HOME/.gitconfig.away" "$HOME/.gitconfig"
out=$(as_bob "$GRILLE" sync 2>&1); rc=$?
is "$rc" 0 "with one, it merges"
cd "$alice" && "$GRILLE" sync >/dev/null 2>&1

# Tags travel too; a file:// URL works as well as a path.
cd "$alice" && "$GRILLE" milestone lancement >/dev/null 2>&1
run sync
is "$(git -C "$shared" tag -l)" "lancement" "milestones are shared"
run sync --set-remote "file://$shared"
is "$rc" 0 "a file:// URL"

done_testing
