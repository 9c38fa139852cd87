#!/usr/bin/env bash
# History under fault: bad names and text refused, commits checked after writing,
# shallow clones, remotes that refuse, conflicts outside the steps, libgit2's
# messages in French, passwords never shown.
. "$(dirname "$0")/lib.sh"

ws="$TEST_ROOT/ws"
"$GRILLE" init "$ws" >/dev/null 2>&1
cd "$ws" || exit 1
s1=etape-1-par-ou-commencons-nous.md
answer "$s1" 1.1.a 'Une association de quartier.'
"$GRILLE" commit >/dev/null 2>&1
git branch travail
git remote add partage "$TEST_ROOT/nulle-part.git"
head=$(git rev-parse HEAD)

# Milestone names git would read as something else.
for name in HEAD main master Master FETCH_HEAD ORIG_HEAD travail partage partage/main \
            abc1234 DEADBEEF -x --force refs/tags/x refs/heads/y; do
	refuses 2 "ne peut pas nommer un jalon" "milestone '$name'" milestone -- "$name"
done
refuses 2 "HEAD, main, master" "milestone HEAD says why" milestone HEAD
refuses 2 "nom d'une branche git" "milestone on a branch's name says why" milestone travail
refuses 2 "dépôt partagé" "milestone on a remote's name says why" milestone partage
refuses 2 "numéro de commit" "milestone like a commit ID says why" milestone "${head:0:7}"
is "$(git tag -l)" "" "git: no tag was made"
is "$(git rev-parse HEAD)" "$head" "git: HEAD did not move"
run milestone lancement-2026
is "$rc" 0 "an ordinary name is still accepted"
is "$(git tag -l)" "lancement-2026" "git: the tag is there"
git tag -d lancement-2026 >/dev/null

# Text that is not UTF-8, or holds control characters.
answer "$s1" 1.1.b 'Le bureau.'
refuses 2 "le nom du jalon n'est pas un texte valide" "milestone name in Latin-1" milestone $'caf\xe9'
refuses 2 "caractère de contrôle" "milestone name with an escape" milestone $'a\e[31mb'
refuses 2 "le message n'est pas un texte valide" "commit -m in Latin-1" commit -m $'R\xe9union'
refuses 2 "caractère de contrôle" "commit -m with a vertical tab" commit -m $'a\vb'
refuses 2 "caractère de contrôle" "commit -m with a terminal escape" commit -m $'\e]0;PWNED\a'
refuses 2 "le message n'est pas un texte valide" "milestone -m in Latin-1" milestone jalon -m $'R\xe9union'
refuses 2 "l'auteur n'est pas un texte valide" "commit --author in Latin-1" commit --author $'Ren\xe9 <r@example.org>'
refuses 2 "caractère de contrôle" "commit --author with a control character" commit --author $'Ren\x01 <r@example.org>'
refuses 2 "l'auteur n'est pas un texte valide" "milestone --author in Latin-1" milestone jalon --author $'Ren\xe9 <r@example.org>'
refuses 2 "l'auteur n'est pas un texte valide" "sync --author in Latin-1" sync --author $'Ren\xe9 <r@example.org>'
is "$(git rev-parse HEAD)" "$head" "git: nothing was committed"
run commit -m $'Réunion\n\nDeux lignes,\tune tabulation.'
is "$rc" 0 "a message on several lines, with a tab, is fine"
is "$(git log -1 --format=%B)" $'Réunion\n\nDeux lignes,\tune tabulation.' "git: the message as given"

# Commits made with plain git may carry Latin-1 and control characters: shown, made valid.
answer "$s1" 1.1.c 'Avec les voisins.'
git add -A
git -c i18n.commitEncoding=iso-8859-1 commit -q --author=$'Ren\xe9 Dupr\xe9 <rene@example.org>' -m $'R\xe9ponses \e[31mdu bureau'
run log --json
is "$rc" 0 "log --json with a Latin-1 commit"
is "$(json "len(d['commits'])")" "$(git rev-list --count HEAD)" "log --json drops no commit"
is "$(json "d['commits'][0]['author']")" "Ren� Dupr�" "the author made valid, with U+FFFD"
is "$(json "d['commits'][0]['summary']")" "R�ponses �[31mdu bureau" "the summary made valid, escape replaced"
run log
contains "$out" "Ren� Dupr�" "log shows the author made valid"
case "$out" in *$'\e'*) ok 1 "log prints no escape character" ;; *) ok 0 "log prints no escape character" ;; esac
run who --json
is "$rc" 0 "who --json with a Latin-1 author"
is "$(json "'Ren\ufffd Dupr\ufffd' in [p['name'] for s in d['steps'] for p in s['people']]")" True "who --json names them, made valid"
run who 1
contains "$out" "Ren� Dupr�" "who names them, made valid"

# who on a step, item or question the grid does not have.
for id in 9 9.9 9.9.a 1.99 1.99.a; do
	refuses 2 "n'existe pas dans la grille" "who $id" who "$id"
done
run who 1.1.a
is "$rc" 0 "who on a real question still works"

# A step file gone from the working tree is not committed as deleted.
head=$(git rev-parse HEAD)
rm "$s1"
refuses 1 "git checkout -- $s1" "commit with a step file deleted" commit
refuses 1 "a disparu" "milestone with a step file deleted" milestone apres-suppression
is "$(git rev-parse HEAD)" "$head" "git: nothing was committed"
is "$(git tag -l)" "" "git: no tag was made"
git checkout -- "$s1"
is "$(git status --porcelain)" "" "git checkout brings it back, as said"

done_testing
