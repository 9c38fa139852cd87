#!/usr/bin/env bash
# grille init inside an existing repository: no nesting, only its own files committed.
. "$(dirname "$0")/lib.sh"

repo="$TEST_ROOT/projet"
mkdir "$repo"
git -C "$repo" init -q
echo "notes" >"$repo/notes.txt"
git -C "$repo" add notes.txt
git -C "$repo" commit -qm "Premier commit du projet"
echo "brouillon" >"$repo/brouillon.txt"
git -C "$repo" add brouillon.txt          # staged, not ours to commit
echo "libre" >"$repo/libre.txt"           # untracked

run init "$repo/demarche"
is "$rc" 0 "init in a subfolder of a repository"
contains "$out" "Ajouté au dépôt git de $repo" "it says which repository it used"
check "no nested repository" test ! -e "$repo/demarche/.git"
is "$(git -C "$repo" rev-list --count HEAD)" 2 "one more commit on the existing history"
is "$(git -C "$repo" log -1 --format=%P)" "$(git -C "$repo" rev-parse HEAD~1)" "its parent is the previous HEAD"
is "$(git -C "$repo" show --name-only --format= HEAD | sed 's,/.*,,' | sort -u)" "demarche" \
   "the commit touches only the workspace"
is "$(git -C "$repo" status --porcelain)" "$(printf 'A  brouillon.txt\n?? libre.txt')" \
   "the user's staged and untracked files are left as they were"
check "git fsck is clean" fsck_clean "$repo"

# From inside the repository, at its top: the workspace is the repository's root.
repo2="$TEST_ROOT/racine"
mkdir "$repo2" && git -C "$repo2" init -q
(cd "$repo2" && "$GRILLE" init >/dev/null 2>&1)
ok $? "init at the top of an empty repository"
is "$(git -C "$repo2" ls-files | grep -c .)" 12 "the first commit holds the workspace"
is "$(git -C "$repo2" status --porcelain)" "" "git status is clean"
check "git fsck is clean" fsck_clean "$repo2"

# A repository in the middle of a merge is left alone.
repo3="$TEST_ROOT/fusion"
mkdir "$repo3" && git -C "$repo3" init -q
echo a >"$repo3/f" && git -C "$repo3" add f && git -C "$repo3" commit -qm a
git -C "$repo3" checkout -qb autre
echo b >"$repo3/f" && git -C "$repo3" commit -qam b
git -C "$repo3" checkout -q main
echo c >"$repo3/f" && git -C "$repo3" commit -qam c
git -C "$repo3" merge autre >/dev/null 2>&1
before=$(tree_sum "$repo3")
run init "$repo3/ws"
is "$rc" 1 "init refuses a repository in the middle of a merge"
contains "$err" "au milieu d'une opération" "and says why"
is "$(tree_sum "$repo3")" "$before" "nothing changed"

# A bare repository has no working folder to hold a workspace.
git init -q --bare "$TEST_ROOT/nu.git"
run init "$TEST_ROOT/nu.git/ws"
is "$rc" 1 "init refuses a bare repository"
contains "$err" "sans dossier de travail" "and says why"
check "nothing was created" test ! -e "$TEST_ROOT/nu.git/ws"

done_testing
