#!/usr/bin/env bash
# A member joins: grille clone copies the shared workspace, checks it and the identity, says what next.
. "$(dirname "$0")/lib.sh"

# Alice's workspace, shared through a bare repository, with Camille already a member.
shared="$TEST_ROOT/partage.git"
git init -q --bare "$shared"
alice="$TEST_ROOT/alice"
GIT_AUTHOR_NAME=Alice GIT_AUTHOR_EMAIL=alice@example.org "$GRILLE" init "$alice" >/dev/null 2>&1
cd "$alice" || exit 1
"$GRILLE" member add "Camille Martin" --email camille@example.org >/dev/null
"$GRILLE" commit --author "Alice <alice@example.org>" >/dev/null
"$GRILLE" sync --set-remote "$shared" >/dev/null 2>&1
is "$(git -C "$shared" rev-parse main)" "$(git rev-parse HEAD)" "the shared repository holds Alice's milestones"

# Into a folder named on the command line.
cd "$TEST_ROOT" || exit 1
run clone "$shared" camille
is "$rc" 0 "clone URL DIR"
contains "$out" "Espace de travail cloné dans « camille »" "says where"
contains "$out" "Vous êtes « Camille Martin » dans la liste des membres" "names the member the identity matches"
contains "$out" "1. cd camille" "next: go there"
contains "$out" "grille status" "next: status"
contains "$out" "grille commit" "next: commit"
contains "$out" "grille sync" "next: sync"
case "$out" in *"member add"*) ok 1 "a member is not told to add themselves" ;; *) ok 0 "a member is not told to add themselves" ;; esac
is "$(git -C camille status --porcelain)" "" "an ordinary git repository, clean"
is "$(git -C camille log -1 --format=%H)" "$(git -C "$shared" rev-parse main)" "with the shared history"
is "$(git -C camille remote get-url origin)" "$shared" "and the shared repository as origin"
is "$(git -C camille config --local user.name)" "" "no identity written without --author"
cd camille || exit 1
run status --json
is "$rc" 0 "grille status works in the clone"
is "$(json "d['totals']['questions']")" 38 "with every question"
answer etape-1-par-ou-commencons-nous.md 1.1.a 'Camille : une association de quartier.'
run commit
is "$rc" 0 "the member commits"
run sync
is "$rc" 0 "and syncs"
is "$(git -C "$shared" log -1 --format=%an)" "Camille Martin" "the shared repository has the member's milestone"

# Into the repository's name, as git does; someone the group does not know yet.
cd "$TEST_ROOT" || exit 1
run clone "file://$shared" --author "Zoé Dupont <zoe@example.org>"
is "$rc" 0 "clone URL, --author"
check "the folder is the repository's name, without .git" test -f partage/grille.yaml
is "$(git -C partage config --local user.name)" "Zoé Dupont" "--author writes user.name in the clone's config"
is "$(git -C partage config --local user.email)" "zoe@example.org" "and user.email"
is "$(git config --global user.name)" "Camille Martin" "the user's own configuration is untouched"
contains "$out" "Vos jalons seront signés « Zoé Dupont <zoe@example.org> »" "says who signs"
contains "$out" "pas encore dans la liste des membres" "says the identity is no member"
contains "$out" 'grille member add "Zoé Dupont" --email zoe@example.org' "and how to join the list"
(cd partage && "$GRILLE" member add "Zoé Dupont" --email zoe@example.org >/dev/null && "$GRILLE" commit >/dev/null)
is "$(git -C partage log -1 --format='%an <%ae>')" "Zoé Dupont <zoe@example.org>" "her milestones are signed with --author's identity"

# Refusals: nothing is left behind.
mkdir full && echo x >full/note
run clone "$shared" full
is "$rc" 1 "a folder that is not empty: refused"
contains "$err" "le dossier « full » existe déjà et n'est pas vide" "says so"
is "$(ls full)" "note" "the folder is untouched"
mkdir empty
run clone "$shared" empty
is "$rc" 0 "an empty folder is fine"
check "and holds the workspace" test -f empty/grille.yaml

git init -q plain && (cd plain && echo x >a && git add a && git commit -qm a)
run clone plain plain-copy
is "$rc" 1 "a repository without grille.yaml: refused"
contains "$err" "ne contient pas d'espace de travail grille" "says it is no workspace"
check "nothing is left behind" test ! -e plain-copy
git init -q linked && (cd linked && ln -s /etc/hostname grille.yaml && git add grille.yaml && git commit -qm a)
run clone linked linked-copy
is "$rc" 1 "a grille.yaml that is a link is no workspace"
check "nothing is left behind" test ! -e linked-copy
mkdir empty2
run clone plain empty2
is "$rc" 1 "refused into an empty folder too"
is "$(ls -A empty2)" "" "which stays empty"

run clone "$TEST_ROOT/nulle-part.git" x
is "$rc" 1 "a URL that does not exist: refused"
contains "$err" "impossible de cloner" "in French"
contains "$err" "ce dossier n'existe pas : vérifiez l'adresse" "says what to check"
check "nothing is left behind" test ! -e x
run clone "https://alice:s3cret@127.0.0.1:9/partage.git" y
is "$rc" 1 "a server that does not answer: refused"
case "$err" in *s3cret*) ok 1 "the password is never shown" ;; *) ok 0 "the password is never shown" ;; esac
contains "$err" "alice:***@" "the address is shown without it"

run clone "$shared" z --author "Zoé"
is "$rc" 2 "a bad --author: a usage error"
check "nothing cloned" test ! -e z
run clone
is "$rc" 2 "no URL: a usage error"
run clone a b c
is "$rc" 2 "three arguments: a usage error"

# No identity at all, and no --author: refused before cloning, saying how.
HOME="$TEST_ROOT/nobody" run clone "$shared" anon
is "$rc" 1 "no git identity: refused"
contains "$err" "git ne sait pas qui vous êtes" "says git does not know who you are"
contains "$err" "--author" "and offers --author"
check "nothing cloned" test ! -e anon
HOME="$TEST_ROOT/nobody" run clone "$shared" anon --author "Awa Diallo <awa@example.org>"
is "$rc" 0 "with --author it clones"
is "$(git -C anon config user.name)" "Awa Diallo" "and the clone knows who signs"

# A workspace in a subfolder of its repository: said where.
git init -q nested && cp -r "$alice" nested/ws && rm -rf nested/ws/.git
(cd nested && git add . && git commit -qm ws)
run clone nested nested-copy
is "$rc" 0 "a workspace in a subfolder"
contains "$out" "Espace de travail cloné dans « nested-copy/ws »" "says where it is"
contains "$out" "cd nested-copy/ws" "and goes there"

run clone --help
is "$rc" 0 "--help"
contains "$out" "grille clone ADRESSE [DOSSIER]" "shows the usage"

done_testing
