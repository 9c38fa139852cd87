#!/usr/bin/env bash
# grille.yaml and grids that could break grille: bad text given to init, YAML
# aliases and deep nesting, NUL and control bytes, libyaml's problems said in
# French, a git conflict inside grille.yaml, a grid file that is not there.
. "$(dirname "$0")/lib.sh"

# --- init: its texts are checked before anything is made ------------------
empty="$TEST_ROOT/vide"
mkdir -p "$empty"
cd "$empty" || exit 1
# The double free of issue 8: a Latin-1 title, with --author.
refuses 2 "le titre (--title) : le texte n'est pas en UTF-8 valide (octet 0xE9 au caractère 4)" \
	"init with a Latin-1 title" init x --title $'Caf\xe9' --author "T <t@example.org>"
check "nothing was created" test ! -e x
contains "$err" "rien n'a été créé" "the message says nothing was created"
refuses 2 "le titre (--title) : le texte n'est pas en UTF-8 valide" \
	"init with a Latin-1 title, git's identity" init x --title $'Caf\xe9'
refuses 2 "le nom du collectif (--collective) : le texte n'est pas en UTF-8 valide" \
	"init with a Latin-1 collective" init x --collective $'Les Jardins d\xe9'
refuses 2 "le nom du collectif (--collective) : le texte contient un caractère de contrôle invisible (U+0001" \
	"init with a control character in the collective" init x --collective $'Les \x01Jardins'
refuses 2 "le titre (--title) : le texte contient un caractère de contrôle invisible (U+000A au caractère 6)" \
	"init with a title on two lines" init x --title $'Titre\nsur deux lignes'
refuses 2 "caractère de contrôle invisible (U+001B" \
	"init with a terminal escape in the title" init x --title $'\e]0;PWNED\a'
refuses 2 "caractère de contrôle invisible (U+0085" \
	"init with a C1 control in the title" init x --title $'A\xc2\x85B'
refuses 2 "le titre (--title) : le texte n'est pas en UTF-8 valide (octet 0xC0" \
	"init with an overlong UTF-8 form" init x --title $'\xc0\xafetc'
refuses 2 "le titre (--title) : le texte n'est pas en UTF-8 valide (octet 0xED" \
	"init with a UTF-16 surrogate" init x --title $'\xed\xa0\x80'
refuses 2 "l'auteur (--author) : le texte n'est pas en UTF-8 valide" \
	"init with a Latin-1 author" init x --author $'Ren\xe9 <r@example.org>'
check "still nothing created" test ! -e x
# Texts YAML finds awkward are fine, and read back as typed.
run init ok --title 'Démarche « 2027 » : #1 & *tous* — "test"' --collective "L'Atelier: ouvert"
is "$rc" 0 "init takes a title full of YAML's signs"
cd ok || exit 1
run status --json
run status
contains "$out" 'Démarche « 2027 » : #1 & *tous* — "test" — L'"'"'Atelier: ouvert' "and status shows it as typed"

done_testing
