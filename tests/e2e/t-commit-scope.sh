#!/usr/bin/env bash
# grille commit records the workspace's own files, and what git already
# tracks or has staged; any other new file (meeting notes, a photo) is left
# out of the history, and so of the shared remote, and listed, until
# --all says to take it.
. "$(dirname "$0")/lib.sh"

ws="$TEST_ROOT/jardins"
run init "$ws"
cd "$ws" || exit 1
mkdir notes
echo "Compte rendu : qui a dit quoi." > notes/reunion.md
printf 'JPEG' > photo.jpg
answer etape-1-par-ou-commencons-nous.md 1.1.a "Nous cultivons ensemble."
run commit
is "$rc" 0 "commit succeeds"
contains "$out" "Étape 1 : 1/9 réponses (+1)" "the answer is recorded"
is "$(git ls-files notes/reunion.md photo.jpg)" "" "the notes and the photo are not"
is "$(git status --porcelain -- notes photo.jpg | sort | tr '\n' ' ')" "?? notes/ ?? photo.jpg " \
	"they stay in the folder, untracked"
contains "$err" "ces fichiers nouveaux ne sont pas enregistrés, ni donc partagés" "commit says so"
contains "$err" "notes/reunion.md" "  naming the notes"
contains "$err" "photo.jpg" "  and the photo"
contains "$err" "grille commit --all" "  and how to share them"
contains "$err" ".gitignore" "  or hide them"

cd notes || exit 1
run commit
contains "$err" "  reunion.md" "from a subfolder, the path is from there"
contains "$out" "Rien à enregistrer" "and there is nothing else to record"
cd .. || exit 1

run -q commit
contains "$err" "photo.jpg" "-q keeps the warning: it is about what is not shared"

# Shared: the remote never receives them.
git init -q --bare "$TEST_ROOT/partage.git"
run sync --set-remote "$TEST_ROOT/partage.git"
run sync
is "$rc" 0 "sync succeeds with the new files there"
is "$(git -C "$TEST_ROOT/partage.git" ls-tree -r --name-only main | grep -c 'notes/\|photo')" 0 \
	"the shared remote has neither"

# What the group staged itself, it meant.
git add notes/reunion.md
run commit
is "$(git ls-files notes/reunion.md)" "notes/reunion.md" "a file staged with git add is recorded"
echo "Suite." >> notes/reunion.md
run commit
is "$(git status --porcelain -- notes)" "" "  and its changes later, as a tracked file"

# The workspace's own files, even new to git.
git rm -q --cached README.md
run commit
is "$(git ls-files README.md)" "README.md" "the README, untracked, is the workspace's own: recorded"

run commit --all
is "$rc" 0 "commit --all"
is "$(git ls-files photo.jpg)" "photo.jpg" "records the photo too"
if [[ $err == *"ne sont pas enregistrés"* ]]; then ok 1 "and warns no more"; else ok 0 "and warns no more"; fi

printf 'PNG' > plan-du-jardin.png
run milestone lancement
contains "$err" "plan-du-jardin.png" "milestone leaves a new file out too, and says so"
is "$(git ls-files plan-du-jardin.png)" "" "  without recording it"
run milestone lancement-bis --all
is "$(git ls-files plan-du-jardin.png)" "plan-du-jardin.png" "milestone --all records it"
check "git fsck is clean" fsck_clean "$ws"

done_testing
