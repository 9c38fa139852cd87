#!/usr/bin/env bash
# Terminal manners: paths printed from where the person is; colour and bars
# on a terminal only (--no-color, --color, NO_COLOR, TERM=dumb), as wide as
# the terminal; long output through a pager as git does; -q; a progress
# line on stderr for what takes time; one exit code for an unknown ID.
# A terminal is a pseudo-terminal (pty_run.py); pagers are fakes that record.
. "$(dirname "$0")/lib.sh"

PTY() { "$PYTHON" "$TEST_DIR/pty_run.py" "$@"; }
S2=etape-2-principes-d-action.md
S3=etape-3-diagnostic.md
cd "$TEST_ROOT" || exit 1
"$GRILLE" init ws >/dev/null 2>&1
WS=$TEST_ROOT/ws
mkdir -p "$WS/notes/2027"
cd "$WS/notes/2027" || exit 1
unset NO_COLOR GRILLE_PAGER PAGER LESS LV GRILLE_PROGRESS_DELAY_MS COLUMNS
export TERM=xterm

# 1. Paths from the current folder.
run skip 2.6
contains "$out" "2.6 mis de côté (../../$S2:" "skip from a subfolder: the step file's path from here"
run defer 3.4 --until 2027-03-01
contains "$out" "(../../$S3:" "defer: the path from here"
run reopen 3.4
contains "$out" "(../../$S3:" "reopen: the path from here"
printf 'Une réponse.\n' >"$TEST_ROOT/r.md"
run answer 3.2.b --file "$TEST_ROOT/r.md"
at=$(printf '%s' "$out" | sed -n 's/.*(\(.*\)).*/\1/p')
is "${at%%:*}" "../../$S3" "answer: the path from here"
check "answer: that path opens from here" test -f "${at%%:*}"
run status
contains "$out" "  ../../etape-1-par-ou-commencons-nous.md:" "status: file:line from here"
contains "$out" "  M ../../$S3" "status: the files not recorded yet, from here"
run report
is "$out" "../../grille-rapport.html" "report: its default output, from here"
check "report: written there" test -f "$WS/grille-rapport.html"
run report -o r.md
is "$out" "r.md" "report -o: the path as given"
run -C "$WS" skip 2.7
contains "$out" "(etape-2-principes-d-action.md:" "-C to the root: paths from the root"
run -C "$WS/notes" status
contains "$out" "  ../etape-1-par-ou-commencons-nous.md:" "-C to a subfolder: paths from there"
cd "$WS" || exit 1
run reopen 2.7
contains "$out" "(etape-2-principes-d-action.md:" "at the root: paths as they are"
cd "$WS/notes/2027" || exit 1

# 2. Colour and bars on a terminal only; width from the terminal.
bars() { printf '%s' "$1" | grep -c '░'; }
ESC=$'\033['
run status
is "$(bars "$out")" 0 "status in a pipe: no bars"
case "$out" in *"$ESC"*) ok 1 "status in a pipe: no colour" ;; *) ok 0 "status in a pipe: no colour" ;; esac
contains "$out" $'\n   0/9 réponses' "status in a pipe: the counts where the bar was"
shown=$(GRILLE_PAGER=cat PTY -- "$GRILLE" status)
contains "$shown" "${ESC}1m" "status on a terminal: colour"
contains "$shown" "${ESC}2m$(printf '░%.0s' $(seq 20))${ESC}0m 0/9" "status on a terminal: bars, 20 wide on 80 columns"
shown=$(GRILLE_PAGER=cat PTY --cols 120 -- "$GRILLE" status)
contains "$shown" "${ESC}2m$(printf '░%.0s' $(seq 40))${ESC}0m 0/9" "on 120 columns: 40 wide"
shown=$(GRILLE_PAGER=cat PTY --cols 50 -- "$GRILLE" status)
contains "$shown" "${ESC}2m$(printf '░%.0s' $(seq 10))${ESC}0m 0/9" "on 50 columns: 10 wide"
shown=$(NO_COLOR=1 GRILLE_PAGER=cat PTY -- "$GRILLE" status)
case "$shown" in *"$ESC"*) ok 1 "NO_COLOR=1: no colour" ;; *) ok 0 "NO_COLOR=1: no colour" ;; esac
contains "$shown" "░" "NO_COLOR: the bars stay"
shown=$(NO_COLOR= GRILLE_PAGER=cat PTY -- "$GRILLE" status)
contains "$shown" "${ESC}1m" "NO_COLOR set but empty: colour (no-color.org)"
shown=$(GRILLE_PAGER=cat PTY -- "$GRILLE" --no-color status)
case "$shown" in *"$ESC"*) ok 1 "--no-color: no colour" ;; *) ok 0 "--no-color: no colour" ;; esac
shown=$(GRILLE_PAGER=cat PTY -- "$GRILLE" --color=never status)
case "$shown" in *"$ESC"*) ok 1 "--color=never: no colour" ;; *) ok 0 "--color=never: no colour" ;; esac
shown=$(TERM=dumb GRILLE_PAGER=cat PTY -- "$GRILLE" status)
case "$shown" in *"$ESC"*) ok 1 "TERM=dumb: no colour" ;; *) ok 0 "TERM=dumb: no colour" ;; esac
is "$(bars "$shown")" 0 "TERM=dumb: no bars"
run --color=always status
contains "$out" "${ESC}1m" "--color=always in a pipe: colour"
contains "$out" "${ESC}2m$(printf '░%.0s' $(seq 20))${ESC}0m 0/9" "--color=always: bars, 80 columns without a terminal"
COLUMNS=100 run --color=always status
contains "$out" "${ESC}2m$(printf '░%.0s' $(seq 40))${ESC}0m 0/9" "COLUMNS=100 without a terminal: 40 wide"
run --color status
contains "$out" "${ESC}1m" "--color alone: always"
NO_COLOR=1 run --color=always status
contains "$out" "${ESC}1m" "--color=always wins over NO_COLOR"
run --color=souvent status
is "$rc" 2 "--color=souvent: exit 2"
contains "$err" "--color attend always, never ou auto" "--color=souvent: says what it takes"

# 3. The pager.
cat >"$TEST_ROOT/pager" <<'EOF'
#!/bin/sh
# Records what it was given, and how; ends after grille has written all.
exec 3>&1 >/dev/null 2>&1
sleep 0.3
{ printf 'LESS=%s LV=%s\n' "${LESS-unset}" "${LV-unset}"; cat; } >"$PAGER_LOG.tmp"
mv "$PAGER_LOG.tmp" "$PAGER_LOG"
EOF
chmod +x "$TEST_ROOT/pager"
export PAGER_LOG=$TEST_ROOT/pager.log
paged() { rm -f "$PAGER_LOG"; "$@"; cat "$PAGER_LOG" 2>/dev/null; }
shown=$(paged env GRILLE_PAGER="$TEST_ROOT/pager" "$PYTHON" "$TEST_DIR/pty_run.py" -- "$GRILLE" status)
contains "$shown" "LESS=FRX LV=-c" "status on a terminal: through the pager, LESS=FRX and LV=-c as git"
contains "$shown" "En tout : " "the pager gets the whole status, and grille waits for it"
contains "$shown" "${ESC}1m" "colour through the pager"
shown=$(paged env GRILLE_PAGER="$TEST_ROOT/pager" LESS=-S LV=x "$PYTHON" "$TEST_DIR/pty_run.py" -- "$GRILLE" status)
contains "$shown" "LESS=-S LV=x" "LESS and LV already set: kept"
shown=$(paged env PAGER="$TEST_ROOT/pager" "$PYTHON" "$TEST_DIR/pty_run.py" -- "$GRILLE" log)
contains "$shown" "Démarrage de la démarche" "log: through PAGER without GRILLE_PAGER"
shown=$(paged env GRILLE_PAGER="$TEST_ROOT/pager" PAGER=false "$PYTHON" "$TEST_DIR/pty_run.py" -- "$GRILLE" diff)
contains "$shown" "LESS=FRX" "diff: GRILLE_PAGER before PAGER"
shown=$(paged env GRILLE_PAGER="$TEST_ROOT/pager" "$PYTHON" "$TEST_DIR/pty_run.py" -- "$GRILLE" who)
contains "$shown" "LESS=FRX" "who: through the pager"
shown=$(paged env GRILLE_PAGER="$TEST_ROOT/pager" "$PYTHON" "$TEST_DIR/pty_run.py" -- "$GRILLE" report -o - -f md)
contains "$shown" "LESS=FRX" "report to stdout: through the pager"
for listing in "member" "plan" "calendar"; do
	shown=$(paged env GRILLE_PAGER="$TEST_ROOT/pager" "$PYTHON" "$TEST_DIR/pty_run.py" -- "$GRILLE" $listing)
	contains "$shown" "LESS=FRX" "$listing: a listing, through the pager"
done
shown=$(paged env GRILLE_PAGER="$TEST_ROOT/pager" "$PYTHON" "$TEST_DIR/pty_run.py" -- "$GRILLE" member add "Awa Diallo")
contains "$shown" "Awa Diallo" "member add: not paged"
check "member add: no pager run" test ! -e "$PAGER_LOG"
shown=$(paged env GRILLE_PAGER="$TEST_ROOT/pager" "$PYTHON" "$TEST_DIR/pty_run.py" -- "$GRILLE" --no-pager status)
contains "$shown" "En tout : " "--no-pager: on the terminal"
check "--no-pager: no pager run" test ! -e "$PAGER_LOG"
for none in cat "" " "; do
	shown=$(paged env GRILLE_PAGER="$none" PAGER="$TEST_ROOT/pager" "$PYTHON" "$TEST_DIR/pty_run.py" -- "$GRILLE" status)
	contains "$shown" "En tout : " "GRILLE_PAGER=\"$none\": on the terminal"
	check "GRILLE_PAGER=\"$none\": no pager run" test ! -e "$PAGER_LOG"
done
shown=$(PATH=/nonexistent "$PYTHON" "$TEST_DIR/pty_run.py" -- "$GRILLE" status)
contains "$shown" "En tout : " "no pager named and no less: on the terminal"
rm -f "$PAGER_LOG"
GRILLE_PAGER="$TEST_ROOT/pager" run status
contains "$out" "En tout : " "not a terminal: no pager"
sleep 0.4
check "not a terminal: no pager run" test ! -e "$PAGER_LOG"
shown=$(paged env GRILLE_PAGER="$TEST_ROOT/pager" "$PYTHON" "$TEST_DIR/pty_run.py" -- "$GRILLE" skip 2.8)
contains "$shown" "2.8 mis de côté" "skip: not paged"
check "skip: no pager run" test ! -e "$PAGER_LOG"
shown=$(paged env GRILLE_PAGER="$TEST_ROOT/pager" "$PYTHON" "$TEST_DIR/pty_run.py" -- "$GRILLE" status --help)
contains "$shown" "Usage : grille status" "status --help: not paged"
shown=$(paged env GRILLE_PAGER="$TEST_ROOT/pager" "$PYTHON" "$TEST_DIR/pty_run.py" --stderr "$TEST_ROOT/e" -- "$GRILLE" status --step 9)
is "$(cat "$TEST_ROOT/e")" "$(printf 'grille : %s\n%s' "$("$GRILLE" status --step 9 2>&1 >/dev/null | head -1 | sed 's/^grille : //')" "Pour l'aide : grille status --help")" \
	"stderr not a terminal: errors stay there"

# 4. -q: errors and the output asked for, nothing else.
run -q skip 3.5
is "$rc:$out" "0:" "-q skip: nothing said"
contains "$(grep -A3 '^## 3.5 ' "$WS/$S3")" "Mis de côté" "-q skip: done all the same"
run --quiet reopen 3.5
is "$rc:$out" "0:" "--quiet reopen: nothing said"
run -q defer 3.4
is "$out" "" "-q defer: nothing said"
run -q commit
is "$rc:$out" "0:" "-q commit: nothing said"
run -q status --json
is "$(json 'd["totals"]["skipped"] > 0')" True "-q status --json: the JSON"
run -q report -o - -f md
contains "$out" "# " "-q report to stdout: the report"
run -q report
is "$out" "" "-q report to a file: its path not said"
run -q skip 9.9
is "$rc" 2 "-q: an error still exits 2"
contains "$err" "« 9.9 »" "-q: and is said"
run -q log
contains "$out" "Démarrage de la démarche" "-q log: the log"

# 5. Progress on stderr, on a terminal, after a second.
git -C "$WS" init -q --bare "$TEST_ROOT/shared.git" 2>/dev/null || git init -q --bare "$TEST_ROOT/shared.git"
git -C "$WS" remote add origin "$TEST_ROOT/shared.git"
shown=$(GRILLE_PROGRESS_DELAY_MS=0 PTY --stdout /dev/null -- "$GRILLE" log)
contains "$shown" $'\rLecture des jalons : ' "log: a progress line on a terminal"
contains "$shown" "sur 2 (100 %)" "log: up to the end"
contains "$shown" $'\r\033[K' "log: the line cleared at the end"
shown=$(PTY --stdout /dev/null -- "$GRILLE" log)
is "$shown" "" "log: nothing in the first second"
shown=$(GRILLE_PROGRESS_DELAY_MS=0 PTY --stdout /dev/null -- "$GRILLE" -q log)
is "$shown" "" "log -q: no progress"
GRILLE_PROGRESS_DELAY_MS=0 run log
case "$err" in *"Lecture"*) ok 1 "log, stderr not a terminal: no progress" ;; *) ok 0 "log, stderr not a terminal: no progress" ;; esac
shown=$(GRILLE_PROGRESS_DELAY_MS=0 PTY --stdout "$TEST_ROOT/sync.out" -- "$GRILLE" sync)
contains "$shown" $'\rÉchange avec le dépôt partagé : ' "sync: a progress line on a terminal"
contains "$shown" $'\r\033[K' "sync: cleared at the end"
contains "$(cat "$TEST_ROOT/sync.out")" "partagés sur « origin »" "sync: its result on stdout"
shown=$(GRILLE_PROGRESS_DELAY_MS=0 PTY --stdout /dev/null -- "$GRILLE" report)
contains "$shown" $'\rPréparation du document : ' "report: a progress line on a terminal"
shown=$(GRILLE_PROGRESS_DELAY_MS=0 PTY --stdout /dev/null -- "$GRILLE" report -o - -f md)
contains "$shown" $'\rPréparation du document : ' "report to stdout, not a terminal: a progress line on stderr"
shown=$(GRILLE_PROGRESS_DELAY_MS=0 TERM=dumb PTY --stdout /dev/null -- "$GRILLE" log)
is "$shown" "" "TERM=dumb: no progress line"

# 6. An unknown ID: exit 2 (grille(1), CODES DE RETOUR: what was typed), wherever it is given.
for cmd in skip defer reopen deepen edit position; do
	run "$cmd" 9.9.z
	is "$rc" 2 "$cmd 9.9.z: exit 2"
	contains "$err" "« 9.9.z »" "$cmd 9.9.z: says which"
done
run answer 9.9.z --file "$TEST_ROOT/r.md"
is "$rc" 2 "answer 9.9.z: exit 2"
run skip 2.6.z
is "$rc" 2 "skip 2.6.z (an item's, not a question's): exit 2"
contains "$err" "Vouliez-vous dire" "skip 2.6.z: the closest ID"
# A grid item the files lack is the files' content: exit 1.
cp "$WS/$S2" "$TEST_ROOT/s2"
awk '/^## 2.5 /{skip=1} /^## 2.6 /{skip=0} !skip' "$TEST_ROOT/s2" >"$WS/$S2"
run skip 2.5
is "$rc" 1 "skip of a grid item no file holds: exit 1"
cp "$TEST_ROOT/s2" "$WS/$S2"

# The commands whose only option is --help parse it alike.
for cmd in edit reopen "member remove"; do
	run $cmd --help
	is "$rc" 0 "$cmd --help: exit 0"
	contains "$out" "Usage : grille ${cmd%% *}" "$cmd --help: its usage"
	run $cmd --hepl
	is "$rc" 2 "$cmd --hepl: exit 2"
	contains "$err" "Vouliez-vous dire « --help » ?" "$cmd --hepl: the closest option"
done

done_testing
