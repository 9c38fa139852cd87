#!/usr/bin/env bash
# The command line itself: help, version, unknown commands and options.
. "$(dirname "$0")/lib.sh"

run --help
is "$rc" 0 "--help succeeds"
contains "$out" "Usage : grille [-C DOSSIER] COMMANDE" "it shows the usage"
contains "$out" "init" "and lists init"
run
is "$rc" 2 "no command is a usage error"
contains "$err" "quelle commande ?" "which says a command is missing"
run help init
is "$rc" 0 "help init succeeds"
contains "$out" "grille init" "it shows init's page, or without man its built-in help (t-help)"
contains "$out" "--level" "with its options"
run init --help
is "$rc" 0 "init --help succeeds"
contains "$out" "Usage : grille init" "and says the same"
run --version
is "$rc" 0 "--version succeeds"
contains "$out" "grille 0." "it prints the version"
run -V
is "$out" "$("$GRILLE" --version)" "-V is --version"
run inconnue
is "$rc" 2 "an unknown command exits 2"
is "$err" "$(printf 'grille : commande inconnue « inconnue »\nPour l'"'"'aide : grille --help')" "and says so clearly"
run help inconnue
is "$rc" 2 "help on an unknown command exits 2"
run --bogus
is "$rc" 2 "an unknown global option exits 2"
contains "$err" "option inconnue « --bogus »" "and names it"
run init --bogus
is "$rc" 2 "an unknown init option exits 2"
contains "$err" "option inconnue « --bogus »" "and names it"
contains "$err" "grille init --help" "and points to the command's help"
run init -x
is "$rc" 2 "an unknown short option exits 2"
contains "$err" "option inconnue « -x »" "and names it"
run init --title
is "$rc" 2 "a missing option value exits 2"
contains "$err" "attend une valeur" "and says so"
run init a b
is "$rc" 2 "two folders exit 2"
run -C "$TEST_ROOT/absent" init
is "$rc" 2 "-C to a missing folder exits 2"
contains "$err" "impossible d'aller dans « $TEST_ROOT/absent »" "and says so"
run init "$TEST_ROOT/t" --title ""
is "$rc" 2 "an empty title is refused"
if [ -w /dev/full ]; then
	"$GRILLE" --help >/dev/full 2>/dev/null
	is "$?" 1 "a failed write of the output is an error"
fi

done_testing
