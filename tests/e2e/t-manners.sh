#!/usr/bin/env bash
# Terminal manners: paths printed from where the person is.
. "$(dirname "$0")/lib.sh"

S2=etape-2-principes-d-action.md
S3=etape-3-diagnostic.md
cd "$TEST_ROOT" || exit 1
"$GRILLE" init ws >/dev/null 2>&1
WS=$TEST_ROOT/ws
mkdir -p "$WS/notes/2027"
cd "$WS/notes/2027" || exit 1

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

done_testing
