#!/usr/bin/env bash
# The Python scripts that run grille (edit-fuzz.py, t-property.py, the benchmark)
# tell a sanitizer report or a crash from grille's refusals: a stand-in for grille
# that fails in each way must make them fail, and one that refuses must not.
. "$(dirname "$0")/../e2e/lib.sh"

fake="$TEST_ROOT/fake-grille"
cat >"$fake" <<'SH'
#!/usr/bin/env bash
# `init DIR ...` makes a bare workspace; any other command fails as $FAULT says.
if [ "$1" = init ]; then
	mkdir -p "$2" && : >"$2/etape-1-par-ou-commencons-nous.md"
	exit 0
fi
case $FAULT in
refuse) echo "grille : refusé" >&2; exit 1 ;;
usage) echo "grille : usage" >&2; exit 2 ;;
sanitizer) echo "==1==ERROR: AddressSanitizer: heap-use-after-free" >&2; exit 86 ;;
asan-exit-1) echo "==1==ERROR: AddressSanitizer: stack-overflow" >&2; exit 1 ;;
ubsan-exit-0) echo "scan.c:12:3: runtime error: signed integer overflow" >&2; exit 0 ;;
segv) kill -SEGV $$ ;;
abort) kill -ABRT $$ ;;
esac
SH
chmod +x "$fake"

fuzz() { # fuzz FAULT: edit-fuzz.py against the stand-in; its exit code in $rc, its output in $out
	out=$(FAULT=$1 GRILLE="$fake" TMPDIR="$TEST_ROOT" "$PYTHON" "$TEST_DIR/../fuzz/edit-fuzz.py" --cases 2 2>&1)
	rc=$?
}
for fault in refuse usage; do
	fuzz "$fault"
	is "$rc" 0 "edit-fuzz.py: grille's refusal ($fault) is not a finding"
done
for fault in sanitizer asan-exit-1 ubsan-exit-0 segv abort; do
	fuzz "$fault"
	is "$rc" 1 "edit-fuzz.py: $fault is a finding"
	contains "$out" "input kept in" "edit-fuzz.py: $fault keeps the input"
done
fuzz sanitizer
contains "$out" "sanitizer report (exit 86)" "edit-fuzz.py names a sanitizer report"
fuzz segv
contains "$out" "killed by signal 11" "edit-fuzz.py names the signal"

# The children get exitcode=86 unless the caller chose, and keep the caller's other options.
env_of() { # env_of ASAN_OPTIONS-VALUE: what the scripts give their children
	ASAN_OPTIONS=$1 "$PYTHON" -c 'import sys; sys.path.insert(0, sys.argv[1]); import sanitizers, os; print(os.environ["ASAN_OPTIONS"], os.environ["UBSAN_OPTIONS"], os.environ["LSAN_OPTIONS"])' "$TEST_DIR/.."
}
contains "$(env_of "")" "exitcode=86" "unset: the sanitizers exit 86"
contains "$(env_of "")" "lsan.supp" "unset: with the suite's leak suppressions"
is "$(env_of "detect_leaks=0" | cut -d' ' -f1)" "detect_leaks=0:exitcode=86" "set without an exit code: 86 is added"
is "$(env_of "exitcode=99" | cut -d' ' -f1)" "exitcode=99" "the caller's own exit code is kept"

# The property test fails on a sanitizer report even where it expects a refusal.
out=$(FAULT=sanitizer GRILLE="$fake" GRILLE_ROUNDS=1 GRILLE_OPS=1 "$PYTHON" "$TEST_DIR/../e2e/t-property.py" 2>&1)
rc=$?
is "$rc" 1 "t-property.py: a sanitizer report fails it"
contains "$out" "ran without a sanitizer report or a crash (sanitizer report (exit 86))" "t-property.py says why"

# The benchmark stops on one too.
out=$(FAULT=asan-exit-1 "$PYTHON" -c 'import sys; sys.path.insert(0, sys.argv[1]); import sanitizers; print(sanitizers.problem(1, "==1==ERROR: AddressSanitizer: x"), sanitizers.problem(-6), sanitizers.problem(2, "grille : non"))' "$TEST_DIR/..")
is "$out" "sanitizer report on stderr ('ERROR: AddressSanitizer', exit 1) killed by signal 6 None" "problem(): stderr, signal, refusal"

done_testing
