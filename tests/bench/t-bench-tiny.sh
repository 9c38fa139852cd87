#!/usr/bin/env bash
# The benchmark's generator, run tiny so it stays correct; no time is asserted.
. "$(dirname "$0")/../e2e/lib.sh"

ws="$TEST_ROOT/banc"
"$PYTHON" "$TEST_DIR/../bench/generate.py" "$ws" --seed 7 --questions 100 --megabytes 0.1 --grille "$GRILLE" >/dev/null
ok $? "the generator makes a workspace"
cd "$ws" || exit 1
run status --json
is "$rc" 0 "grille status reads it"
is "$(json "d['totals']['questions']")" 100 "with every generated question"
answered=$(json "d['totals']['answered']")
first_totals=$(json "d['totals']")
ok $(( answered > 50 && answered < 100 ? 0 : 1 )) "most of them answered ($answered)"
run report -o "$TEST_ROOT/r.html"
is "$rc" 0 "grille report renders it"
tidy -e -q "$TEST_ROOT/r.html" >/dev/null 2>&1
ok $? "as valid HTML"
rm -rf "$ws"
"$PYTHON" "$TEST_DIR/../bench/generate.py" "$ws" --seed 7 --questions 100 --megabytes 0.1 --grille "$GRILLE" >/dev/null
run -C "$ws" status --json
is "$(json "d['totals']")" "$first_totals" \
   "the same seed makes the same workspace"

done_testing
