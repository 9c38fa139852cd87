#!/usr/bin/env bash
# A status kept whole (cli/status_kept.h) at a terminal: served from the kept
# file with the bytes the real work shows there (colours, bars as wide as the
# terminal), through the pager when one would run and not with --no-pager;
# another width, NO_COLOR or another pager is not served what was kept for the
# first. The terminal is a pseudo-terminal (pty_run.py); the pager a fake that
# records what it is given.
. "$(dirname "$0")/lib.sh"

unset NO_COLOR GRILLE_PAGER PAGER LESS LV COLUMNS GRILLE_KEEP_STATUS
export TERM=xterm
PTY() { "$PYTHON" "$TEST_DIR/pty_run.py" "$@"; }

ws="$TEST_ROOT/ws"
"$GRILLE" init "$ws" --title "Notre démarche" >/dev/null 2>&1
cd "$ws" || exit 1
s1=etape-1-par-ou-commencons-nous.md
kept=.git/grille/status-kept
answer "$s1" 1.1.a 'Réponse AAAA.'
"$GRILLE" commit -m "Premières réponses" >/dev/null
sleep 1.2 # a status is kept only when every file it read is more than a second old

can_trace=0
if command -v strace >/dev/null 2>&1 && strace -f -o /dev/null true >/dev/null 2>&1; then
	can_trace=1
fi
trace="$TEST_ROOT/trace"
# at COLS ARGS...: `grille ARGS` at a terminal COLS wide, traced when strace can;
# what the terminal showed in $shown (with a marker against $(...) eating newlines).
at() {
	local cols=$1
	shift
	rm -f "$trace"
	if [ $can_trace = 1 ]; then
		shown=$(ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" PTY --cols "$cols" -- \
			strace -f -qq -e trace=openat,open -o "$trace" "$GRILLE" "$@"; echo .)
	else
		shown=$(PTY --cols "$cols" -- "$GRILLE" "$@"; echo .)
	fi
}
# real COLS ARGS...: the real work at a terminal, in $real: nothing kept is read.
real() {
	local cols=$1
	shift
	real=$(GRILLE_KEEP_STATUS=0 PTY --cols "$cols" -- "$GRILLE" "$@"; echo .)
}
served() { # served WHAT: the last `at` ran without grille's module
	if [ $can_trace = 0 ]; then
		ok 0 "$1 # SKIP strace is missing or may not trace here"
		return
	fi
	check "$1" test "$(grep -c 'grille-cli.so' "$trace")" = 0
}
worked() { # worked WHAT: the last `at` loaded grille's module
	if [ $can_trace = 0 ]; then
		ok 0 "$1 # SKIP strace is missing or may not trace here"
		return
	fi
	check "$1" grep -q 'grille-cli.so' "$trace"
}

# No pager (GRILLE_PAGER=cat): printed on the terminal as it is.
export GRILLE_PAGER=cat
rm -f "$kept"
at 100 status
first=$shown
check "a status at a terminal is kept" test -s "$kept"
contains "$first" $'\e[' "the real work at a terminal is in colour"
at 100 status
served "a second status at a terminal is served from the kept file"
is "$shown" "$first" "the kept status shows at a terminal what the real work showed"
real 100 status
is "$shown" "$real" "...byte for byte, colours and bars included"

# Another width: not what was kept for 100 columns.
at 60 status
worked "a terminal of another width does the real work"
real 60 status
is "$shown" "$real" "...and shows its own width's bars"
check "...which differ from 100 columns'" test "$shown" != "$first"
at 60 status
served "...then is served from what was kept for it"
is "$shown" "$real" "...the same bytes"

# NO_COLOR: another fingerprint, no colours.
NO_COLOR=1 at 60 status
worked "NO_COLOR does the real work"
check "...without colours" test "${shown#*$'\e['}" = "$shown"

# A pager: the kept bytes go through it, as the real work's do.
pager="$TEST_ROOT/pager"
paged="$TEST_ROOT/paged"
printf '#!/bin/sh\nprintf "LESS=%%s LV=%%s\\n" "$LESS" "$LV" >"%s.env"\ncat >"%s"\n' "$paged" "$paged" >"$pager"
chmod +x "$pager"
export GRILLE_PAGER="$pager"
rm -f "$paged"
GRILLE_KEEP_STATUS=0 PTY --cols 100 -- "$GRILLE" status >/dev/null
check "the real work at a terminal goes through the pager" test -s "$paged"
real_paged=$(cat "$paged"; echo .)
real_env=$(cat "$paged.env")
rm -f "$paged" "$paged.env"
at 100 status
worked "another pager does the real work"
is "$(cat "$paged"; echo .)" "$real_paged" "...through the pager, the same bytes"
rm -f "$paged" "$paged.env"
at 100 status
served "a status that pages is served from the kept file"
check "...through the pager" test -s "$paged"
is "$(cat "$paged"; echo .)" "$real_paged" "...the bytes the real work paged"
is "$(cat "$paged.env")" "$real_env" "...with LESS and LV as the real work's pager has them"
contains "$real_paged" $'\e[' "...in colour"
is "$shown" "." "...and nothing on the terminal beside it"

# An error before the pager would start: on the terminal, no pager, as the real work.
cp grille.yaml "$TEST_ROOT/grille.yaml"
printf 'version: [\n' >grille.yaml
rm -f "$paged"
GRILLE_KEEP_STATUS=0 PTY --cols 100 -- "$GRILLE" status >/dev/null
check "a workspace that cannot be read starts no pager" test ! -e "$paged"
real 100 status
at 100 status
check "...nor when the status could have been kept" test ! -e "$paged"
is "$shown" "$real" "...and its error shows on the terminal as the real work's"
contains "$shown" "grille.yaml" "...which names grille.yaml"
cp "$TEST_ROOT/grille.yaml" grille.yaml
sleep 1.2
at 100 status
at 100 status
served "a status that pages is served again once grille.yaml is back"

# --no-pager: on the terminal, no pager, kept apart from the paged one.
rm -f "$paged"
at 100 --no-pager status
worked "--no-pager does the real work the first time"
check "...without the pager" test ! -e "$paged"
is "$shown" "$first" "...on the terminal, as without a pager"
at 100 --no-pager status
served "...then is served from the kept file"
check "...still without the pager" test ! -e "$paged"
is "$shown" "$first" "...the same bytes"

# Not a terminal: not served what was kept for one.
out=$("$GRILLE" status)
check "a status into a pipe has no colours" test "${out#*$'\e['}" = "$out"

done_testing
