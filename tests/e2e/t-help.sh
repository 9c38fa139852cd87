#!/usr/bin/env bash
# grille help CMD: the command's page shown by `man -l PATH`, in the language
# of the messages, from the build folder (an installed grille: from MANDIR);
# the built-in help, exit 0, when man or the page is missing; an unknown
# command refused with the closest one.
. "$(dirname "$0")/lib.sh"

BUILD=$(cd "$(dirname "$GRILLE")/.." && pwd)
cd "$TEST_ROOT" || exit 1

# A fake man: writes its arguments, one a line, into $TEST_ROOT/man.log; exits FAKE_RC.
bin="$TEST_ROOT/bin"
mkdir -p "$bin"
cat >"$bin/man" <<'EOF'
#!/bin/sh
for a in "$@"; do printf 'arg=%s\n' "$a"; done >"$TEST_ROOT/man.log"
exit "${FAKE_RC:-0}"
EOF
chmod +x "$bin/man"
export TEST_ROOT
log() { tr '\n' ' ' 2>/dev/null <"$TEST_ROOT/man.log"; }
with_man() { PATH="$bin:$PATH" run "$@"; }

# wants LANG-SETTINGS PAGE-PATH DESCRIPTION ARGS...: `grille help ARGS` runs
# man on PAGE-PATH. Skipped when the build made no page there (-Dman=disabled).
wants() {
	local env=$1 page=$2 what=$3
	shift 3
	if [ ! -f "$page" ]; then
		ok 0 "$what # SKIP no page built at $page"
		return
	fi
	rm -f "$TEST_ROOT/man.log"
	eval "$env" 'with_man help "$@"'
	is "$rc:$(log)" "0:arg=-l arg=$page " "$what"
}

wants "" "$BUILD/man/grille-skip.1" "help skip: the French page of the build folder" skip
wants "LANGUAGE=fr LC_ALL=C.UTF-8" "$BUILD/man/grille-commit.1" "help commit, LANGUAGE=fr: French" commit
wants "LANGUAGE=en LC_ALL=C.UTF-8" "$BUILD/man/en/grille-skip.1" "help skip, LANGUAGE=en: the English page" skip
wants "LANGUAGE=en:fr LC_ALL=C.UTF-8" "$BUILD/man/en/grille-init.1" "help init, LANGUAGE=en:fr: English" init
wants "" "$BUILD/man/grille-grid-upgrade.1" "help grid upgrade: its own page" grid upgrade
wants "" "$BUILD/man/grille-grid-upgrade.1" "help grid-upgrade: the same" grid-upgrade
wants "LANGUAGE=en LC_ALL=C.UTF-8" "$BUILD/man/en/grille-grid-upgrade.1" "help grid, in English" grid
wants "" "$BUILD/man/grille-workspace.5" "help workspace: grille-workspace(5)" workspace
wants "" "$BUILD/man/grille-group.5" "help group: grille-group(5)" group
wants "" "$BUILD/man/grille.1" "help help: grille(1)" help

if [ -f "$BUILD/man/grille-skip.1" ]; then
	FAKE_RC=3 with_man help skip
	is "$rc" 3 "help: grille exits with man's status"
fi

# No man on PATH (cat only): the command's built-in help, exit 0.
empty="$TEST_ROOT/empty"
mkdir -p "$empty"
ln -s "$(command -v cat)" "$empty/cat" # run reads stderr back with cat
PATH="$empty" run help skip
is "$rc" 0 "help skip without man: exit 0"
contains "$out" "Usage : grille skip ID" "  the built-in help of skip"
PATH="$empty" LANGUAGE=en run help skip
contains "$out" "Usage: grille skip ID" "  in English under an English locale"
PATH="$empty" run help grid upgrade
contains "$rc:$out" "0:Usage : grille grid upgrade" "help grid upgrade without man: grid's built-in help"
PATH="$empty" run help help
contains "$rc:$out" "0:Usage : grille [-C DOSSIER] COMMANDE" "help help without man: grille --help"
PATH="$empty" run help workspace
is "$rc" 1 "help workspace without man: no built-in help, exit 1"
contains "$err" "grille-workspace(5)" "  and names the page"

# grille help alone, or --help: grille --help.
run --help
want=$out
run help
is "$rc:$out" "0:$want" "help alone: the same as grille --help"
run help --help
is "$rc:$out" "0:$want" "help --help: the same"

# An installed grille (not in a build folder) looks in MANDIR, where meson
# installs the pages: French in MANDIR/fr/man1. When they are not installed
# there, the built-in help; the fake man is not run.
mkdir -p "$TEST_ROOT/copy/bin"
copy_grille "$TEST_ROOT/copy/bin/grille"
installed="${GRILLE_MANDIR:-/nonexistent}/fr/man1/grille-skip.1"
rm -f "$TEST_ROOT/man.log"
PATH="$bin:$PATH" GRILLE_LOCALEDIR="$GRILLE_LOCALEDIR_BUILD" GRILLE="$TEST_ROOT/copy/bin/grille" run help skip
if [ -f "$installed" ]; then
	is "$rc:$(log)" "0:arg=-l arg=$installed " "installed grille: the page in MANDIR/fr/man1"
else
	is "$rc:$(log)" "0:" "installed grille, no page installed: man is not run"
	contains "$out" "Usage : grille skip ID" "  the built-in help instead"
fi
installed="${GRILLE_MANDIR:-/nonexistent}/man1/grille-skip.1"
rm -f "$TEST_ROOT/man.log"
PATH="$bin:$PATH" GRILLE_LOCALEDIR="$GRILLE_LOCALEDIR_BUILD" LANGUAGE=en GRILLE="$TEST_ROOT/copy/bin/grille" run help skip
if [ -f "$installed" ]; then
	is "$rc:$(log)" "0:arg=-l arg=$installed " "installed grille, English: the page in MANDIR/man1"
else
	is "$rc:$(log)" "0:" "installed grille, English, no page installed: man is not run"
	contains "$out" "Usage: grille skip ID" "  the English built-in help instead"
fi

# Refusals: an unknown command, with the closest one; two commands.
rm -f "$TEST_ROOT/man.log"
with_man help statut
is "$rc" 2 "help statut: exit 2"
contains "$err" "Vouliez-vous dire « status » ?" "  did you mean status"
with_man help __complete
is "$rc" 2 "help __complete: a hidden command has no help"
with_man help skip defer
is "$rc" 2 "help skip defer: exit 2"
contains "$err" "une seule commande à la fois" "  one command at a time"
check "no man was run for a refusal" test ! -e "$TEST_ROOT/man.log"

done_testing
