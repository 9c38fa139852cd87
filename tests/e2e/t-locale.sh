#!/usr/bin/env bash
# French by default, English under an English locale.
. "$(dirname "$0")/lib.sh"

: "${GRILLE_LOCALEDIR_BUILD:?names the folder of the built message catalogues}"

run inconnue
contains "$err" "commande inconnue « inconnue »" "French by default"
out=$(LANGUAGE=en "$GRILLE" inconnue 2>&1)
contains "$out" "unknown command “inconnue”" "English under LANGUAGE=en, from the build folder's own catalogue"
# The same binary away from its build folder has no catalogue to find: the
# build folder is recognised by what it holds, not by a path written in.
mkdir -p "$TEST_ROOT/copy/bin"
copy_grille "$TEST_ROOT/copy/bin/grille"
out=$(LANGUAGE=en "$TEST_ROOT/copy/bin/grille" inconnue 2>&1)
contains "$out" "commande inconnue « inconnue »" "a copy elsewhere looks for the installed catalogues"
out=$(LANGUAGE=en GRILLE_LOCALEDIR="$GRILLE_LOCALEDIR_BUILD" "$TEST_ROOT/copy/bin/grille" inconnue 2>&1)
contains "$out" "unknown command “inconnue”" "GRILLE_LOCALEDIR names a catalogue folder"
out=$(LANGUAGE=en "$GRILLE" --help)
contains "$out" "Commands:" "the help is translated"
rm -f "$HOME/.gitconfig"
out=$(LANGUAGE=en "$GRILLE" init "$TEST_ROOT/x" 2>&1)
contains "$out" 'git config --global user.name' "library messages are translated too, commands kept"
if [[ $out == *Prénom* ]]; then ok 1 "no French left in the English message"; else ok 0 "no French left in the English message"; fi

done_testing
