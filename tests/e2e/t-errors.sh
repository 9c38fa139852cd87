#!/usr/bin/env bash
# One error model: each class of failure the library reports ends in the exit
# code grille(1) documents (cli/print.c holds the one table), with its message.
# 2: not a workspace, or a bad argument the user typed (then the pointer to
# --help); 1: what the workspace holds, a conflict, git, a file that cannot
# be written, a full device.
. "$(dirname "$0")/lib.sh"

ws="$TEST_ROOT/ws"
"$GRILLE" init "$ws" >/dev/null 2>&1
cd "$ws" || exit 1

# run_to FILE ARGS...: as run, with stdout sent to FILE (a device, say).
run_to() {
	local file=$1
	shift
	"$GRILLE" "$@" >"$file" 2>"$TEST_ROOT/stderr"
	rc=$?
	err=$(cat "$TEST_ROOT/stderr")
	[ "$rc" -ne "$SANITIZER_EXIT" ] && [ "$rc" -lt 128 ]
	ok $? "grille $* ran without a sanitizer report or a crash"
}

# Bad input, typed by the user: 2, the library's message, the pointer to --help.
bad_input() { # bad_input NEEDLE COMMAND ARGS...
	local needle=$1 command=$2 what
	what=$(printf '%s' "$command ${*:3}" | tr '\n\033' '  ') # one TAP line
	refuses 2 "$needle" "$what" "$command" "${@:3}"
	contains "$err" "Pour l'aide : grille $command --help" "$what: points to --help"
}
bad_input "pas d'étape « 9 » dans cette grille" status --step 9
bad_input "pas d'étape « 9 » dans cette grille" report --step 9 -o -
bad_input "« abc » n'est pas l'identifiant d'un item (« 2.6 ») ou d'une question (« 2.6.a »)" skip abc
bad_input "« abc » n'est pas l'identifiant d'un item (« 2.6 ») ou d'une question (« 2.6.a »)" defer abc
bad_input "« abc » n'est pas l'identifiant d'un item (« 2.6 ») ou d'une question (« 2.6.a »)" reopen abc
bad_input "date « 15/03/2027 » invalide : AAAA-MM-JJ attendu" defer 1.1.a --until 15/03/2027
bad_input "la date donnée avec --until n'est pas du texte lisible" defer 1.1.a --until $'2027\e[31m'
bad_input "la raison tient sur une seule ligne" skip 1.1.a --reason $'deux\nlignes'
bad_input "« mauvais nom » ne peut pas nommer un jalon" milestone "mauvais nom"
bad_input "Choisissez un autre nom, par exemple « reunion-de-lancement »" milestone "Réunion de lancement"
bad_input "Choisissez un autre nom, par exemple « fin-phase-test »" milestone "HEAD"
bad_input "l'adresse manque. Écrivez le nom, une espace, puis l'adresse entre < et >, par exemple : --author \"Camille <adresse@exemple.org>\"" commit --author "Camille"
bad_input "le message n'est pas un texte valide" commit -m $'R\xe9union'
bad_input "« x.y » n'est ni une étape" who x.y
bad_input "n'existe pas dans la grille de cet espace de travail" who 9.9
bad_input "« a..b » ne peut pas nommer un dépôt partagé" sync a..b
bad_input "« a..b » ne peut pas nommer un dépôt partagé" sync --set-remote /nulle/part a..b
bad_input "l'adresse du dépôt partagé est vide" sync --set-remote ""

# Not a workspace: 2, without the pointer to --help (it would not help).
mkdir -p "$TEST_ROOT/ailleurs"
run -C "$TEST_ROOT/ailleurs" status
is "$rc" 2 "not a workspace: exit 2"
contains "$err" "n'est pas dans un espace de travail grille" "not a workspace: says so"
case "$err" in *"Pour l'aide"*) ok 1 "not a workspace: no pointer to --help" ;; *) ok 0 "not a workspace: no pointer to --help" ;; esac

# What the workspace holds: 1.
refuses 1 "la question « 3.2.a » n'est dans aucun fichier d'étape" "a grid ID in no step file" skip 3.2.a
# What the user typed: 2, whichever command it is given to.
refuses 2 "« 9.9.z » n'est ni un item ni une question de la grille" "an ID neither grid nor files know" skip 9.9.z

# A conflict with what is there: 1.
refuses 1 "grille n'écrit jamais le rapport par-dessus un fichier du groupe" "report over a step file" \
	report -o etape-1-par-ou-commencons-nous.md
"$GRILLE" milestone lancement >/dev/null 2>&1
refuses 1 "le jalon « lancement » existe déjà" "a milestone name used twice" milestone lancement

# Git: 1.
nogit="$TEST_ROOT/sans-git"
"$GRILLE" init "$nogit" >/dev/null 2>&1
rm -rf "$nogit/.git"
run -C "$nogit" log
is "$rc" 1 "log without git: exit 1"
contains "$err" "n'est pas suivi par git" "log without git: says so"

# I/O: a report that cannot be written, 1. Root writes into any folder: for
# root, the folder is mounted read-only in a private mount namespace.
ro="$TEST_ROOT/lecture-seule"
mkdir -p "$ro"
if [ "$(id -u)" -ne 0 ]; then
	chmod a-w "$ro"
	run report -o "$ro/rapport.html"
	chmod u+w "$ro"
elif command -v unshare >/dev/null && unshare -m --propagation private true 2>/dev/null; then
	out=$(unshare -m --propagation private sh -c 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" &&
		exec "$2" report -o "$1/rapport.html"' sh "$ro" "$GRILLE" 2>"$TEST_ROOT/stderr")
	rc=$?
	err=$(cat "$TEST_ROOT/stderr")
else
	rc=skip
fi
if [ "$rc" = skip ]; then
	ok 0 "# SKIP root without unshare: no read-only folder"
	ok 0 "# SKIP root without unshare: no read-only folder"
else
	is "$rc" 1 "report into a read-only folder: exit 1"
	contains "$err" "impossible d'écrire « $ro/rapport.html »" "report into a read-only folder: says so"
fi
: >"$TEST_ROOT/un-fichier"
run report -o "$TEST_ROOT/un-fichier/rapport.html"
is "$rc" 1 "report into a folder that is a file: exit 1"
contains "$err" "impossible d'écrire « $TEST_ROOT/un-fichier/rapport.html »" "report into a folder that is a file: says so"
run report -o /proc/rapport-grille.html
is "$rc" 1 "report where no file can be made: exit 1"
contains "$err" "rapport-grille.html" "report where no file can be made: names it"

# A full device: the output is not written, 1 and the reason.
if [ -w /dev/full ]; then
	for args in "status --json" "status" "report -o -" "report -o - --format json" "report -o - --format odt" \
	            "report -o - --format md" "log --json"; do
		run_to /dev/full $args
		is "$rc" 1 "$args >/dev/full: exit 1"
		contains "$err" "impossible d'écrire le résultat : No space left on device" "$args >/dev/full: says why"
	done
else
	ok 0 "# SKIP no /dev/full"
fi

done_testing
