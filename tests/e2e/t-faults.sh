#!/usr/bin/env bash
# History faults: each gets a clear message, a non-zero exit and a repository git fsck finds clean.
. "$(dirname "$0")/lib.sh"

f=etape-1-par-ou-commencons-nous.md
shared="$TEST_ROOT/partage.git"
git init -q --bare "$shared"
ws="$TEST_ROOT/ws"
"$GRILLE" init "$ws" >/dev/null 2>&1
cd "$ws" || exit 1
"$GRILLE" sync --set-remote "$shared" >/dev/null 2>&1

# Detached HEAD.
git checkout -q --detach
answer "$f" 1.1.a 'Une réponse.'
head=$(git rev-parse HEAD)
run commit
is "$rc" 1 "commit on a detached HEAD fails"
contains "$err" "HEAD détachée" "and says why"
contains "$err" "git switch main" "and what to do"
is "$(git rev-parse HEAD)" "$head" "no commit was made"
run sync
is "$rc" 1 "sync on a detached HEAD fails too"
git checkout -q main
check "git fsck is clean" fsck_clean "$ws"

# index.lock held by another process.
touch .git/index.lock
run commit
is "$rc" 1 "commit while index.lock is held fails"
contains "$err" ".git/index.lock" "naming the lock"
is "$(git rev-parse HEAD)" "$head" "no commit was made"
rm .git/index.lock
run commit
is "$rc" 0 "once the lock is gone, commit works"
check "git fsck is clean" fsck_clean "$ws"

# Uncommitted changes are not synced over.
answer "$f" 1.1.b 'Pas encore enregistré.'
run sync
is "$rc" 1 "sync with uncommitted changes fails"
contains "$err" "grille commit" "and says to commit first"
"$GRILLE" commit >/dev/null

# Remote unreachable: local commits kept.
head=$(git rev-parse HEAD)
git remote set-url origin "$TEST_ROOT/nulle-part.git"
run sync
is "$rc" 1 "an unreachable remote fails"
contains "$err" "impossible de joindre le dépôt partagé « origin »" "with a clear message"
contains "$err" "Vos jalons sont gardés ici" "saying nothing is lost"
is "$(git rev-parse HEAD)" "$head" "the local commits are kept"
contains "$err" "ce dossier n'existe pas" "and why, for a local path"
git remote set-url origin "$shared"
run sync
is "$rc" 0 "back in reach, sync works"

# Push rejected because the remote moved on (a fetch that does not see main).
other="$TEST_ROOT/autre"
git clone -q "$shared" "$other"
(cd "$other" && answer "$f" 1.2.a "D'un autre poste." && git commit -qam "Autre poste" && git push -q origin main)
git config remote.origin.fetch '+refs/heads/rien:refs/remotes/origin/rien'
git update-ref -d refs/remotes/origin/main
answer "$f" 1.3.a 'Ici.'
"$GRILLE" commit >/dev/null
remote_before=$(git -C "$shared" rev-parse main)
run sync
is "$rc" 1 "a push the remote would have to rewind fails"
contains "$err" "a reçu d'autres jalons entre-temps" "saying the remote moved on"
contains "$err" "Relancez grille sync" "and what to do"
is "$(git -C "$shared" rev-parse main)" "$remote_before" "the remote is untouched"
git config remote.origin.fetch '+refs/heads/*:refs/remotes/origin/*'
run sync
is "$rc" 0 "a normal sync then merges and pushes"
grep -q "D'un autre poste." "$f" && grep -q "^Ici.$" "$f"
ok $? "with both answers"

# A merge started by plain git, still in conflict.
git checkout -q -b branche
answer "$f" 1.4.a 'Version branche.'
git commit -qam "branche"
git checkout -q main
answer "$f" 1.4.a 'Version main.'
git commit -qam "main"
git merge branche >/dev/null 2>&1
run commit
is "$rc" 1 "commit in the middle of a conflicted merge fails"
contains "$err" "encore en conflit" "naming the problem"
contains "$err" "1.4.a" "and the question"
run sync
is "$rc" 1 "sync in the middle of a merge fails"
run status --json
is "$(state 1.4.a)" conflict "status shows it"
git merge --abort
check "git fsck is clean" fsck_clean "$ws"
check "git fsck is clean in the shared repository" fsck_clean "$shared"

# Outside git.
nogit="$TEST_ROOT/sans-git"
"$GRILLE" init "$nogit" >/dev/null 2>&1
rm -rf "$nogit/.git"
run -C "$nogit" log
is "$rc" 1 "log without git fails"
contains "$err" "n'est pas suivi par git" "and says so"

done_testing
